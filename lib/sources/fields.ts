// The fields of a source that the reader and its editor both show: what it is, where it comes from
// and its text at this version.
export const SOURCE_TEXT_FIELDS = {
  id: true,
  title: true,
  author: true,
  year: true,
  url: true,
  text: true,
  version: true,
} as const
