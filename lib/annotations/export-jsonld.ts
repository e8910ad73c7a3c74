// A source's highlights as a W3C Web Annotation collection (JSON-LD), for other annotation tools.
//
// Each highlight is one Annotation: its tag is a `tagging` body, its note a `commenting` body and
// each reply a `replying` body that names its own creator. The target's quote always carries
// what was highlighted; its prefix, suffix and position are given only where the current text
// still holds that quote there, because W3C expects all selectors of a target to select the
// same passage. Offsets count Unicode code points, as the model requires (Colloquy keeps UTF-16
// offsets and converts them here), in Colloquy's canonical text of the source at
// `colloquy:sourceVersion` (not the original web page), and `colloquy:anchorStatus` says
// whether that placement is exact, moved (found again after an edit, not yet confirmed) or
// orphaned (not found). Both are extension terms in the `colloquy:` namespace declared in the
// document's @context, so JSON-LD processors keep them and Web Annotation clients may ignore them.
// A note or reply with links or formatting is given as HTML (its links' addresses kept), else as
// plain text.
import { anchorAt } from './anchoring'
import { codePointOffsets } from './code-points'
import { notePlainText, type NoteDoc } from './note'
import { noteHasMarkup, noteHtml } from './note-html'
import type { HighlightView } from './views'

const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld'
const COLLOQUY_TERMS = 'urn:colloquy:terms:'

export interface ExportedSource {
  id: string
  groupId: string
  title: string
  author: string | null
  /** Where the essay was found; without one, the target is the source's page in Colloquy. */
  url: string | null
  text: string
  version: number
}

interface Person {
  type: 'Person'
  name: string
}

interface TextualBody {
  type: 'TextualBody'
  purpose: 'tagging' | 'commenting' | 'replying'
  value: string
  format?: 'text/plain' | 'text/html'
  creator?: Person
  created?: string
}

type Selector =
  | { type: 'TextQuoteSelector'; exact: string; prefix?: string; suffix?: string }
  | { type: 'TextPositionSelector'; start: number; end: number }

const STATUS = { EXACT: 'exact', MOVED: 'moved', ORPHANED: 'orphaned' } as const

interface Annotation {
  id: string
  type: 'Annotation'
  motivation: 'highlighting' | 'commenting'
  created: string
  creator: Person
  body: TextualBody[]
  target: {
    source: string
    selector: Selector[]
    'colloquy:anchorStatus': (typeof STATUS)[HighlightView['anchorStatus']]
    'colloquy:sourceVersion': number
  }
}

interface AnnotationCollection {
  '@context': [typeof ANNO_CONTEXT, { colloquy: typeof COLLOQUY_TERMS }]
  id: string
  type: 'AnnotationCollection'
  label: string
  total: number
  /** Absent when there are no annotations: W3C requires a first page only when there are some. */
  first?: { id: string; type: 'AnnotationPage'; startIndex: 0; items: Annotation[] }
  last?: string
}

const person = (name: string): Person => ({ type: 'Person', name })

type CodePoints = ReturnType<typeof codePointOffsets>

function selectorsOf(text: string, codePoints: CodePoints, highlight: HighlightView): Selector[] {
  const { start, end, exact } = highlight
  if (text.slice(start, end) !== exact) return [{ type: 'TextQuoteSelector', exact }]
  const { prefix, suffix } = anchorAt(text, start, end)
  const quote: Selector = { type: 'TextQuoteSelector', exact, prefix, suffix }
  const from = codePoints(start)
  const to = codePoints(end)
  // An end that splits an emoji names no position in code points: the quote alone then.
  return from === null || to === null ? [quote] : [quote, { type: 'TextPositionSelector', start: from, end: to }]
}

/** A note's words as a TextualBody's value and format: HTML when plain text would lose something. */
function noteValue(doc: NoteDoc): Pick<TextualBody, 'value' | 'format'> {
  return noteHasMarkup(doc)
    ? { value: noteHtml(doc), format: 'text/html' }
    : { value: notePlainText(doc), format: 'text/plain' }
}

function annotationOf(
  source: ExportedSource,
  codePoints: CodePoints,
  target: string,
  highlight: HighlightView,
): Annotation {
  const note = highlight.note && notePlainText(highlight.note) ? highlight.note : null
  const body: TextualBody[] = [{ type: 'TextualBody', purpose: 'tagging', value: highlight.tag.toLowerCase() }]
  if (note) body.push({ type: 'TextualBody', purpose: 'commenting', ...noteValue(note) })
  for (const reply of highlight.replies) {
    body.push({
      type: 'TextualBody',
      purpose: 'replying',
      ...noteValue(reply.body),
      creator: person(reply.author.name),
      created: reply.createdAt,
    })
  }
  return {
    id: `urn:colloquy:highlight:${highlight.id}`,
    type: 'Annotation',
    motivation: note ? 'commenting' : 'highlighting',
    created: highlight.createdAt,
    creator: person(highlight.author.name),
    body,
    target: {
      source: target,
      selector: selectorsOf(source.text, codePoints, highlight),
      'colloquy:anchorStatus': STATUS[highlight.anchorStatus],
      'colloquy:sourceVersion': source.version,
    },
  }
}

/** `baseUrl` is the app's public origin, e.g. https://colloquy.example.edu. */
export function exportHighlightsJsonLd(
  source: ExportedSource,
  highlights: HighlightView[],
  baseUrl: string,
): AnnotationCollection {
  const origin = baseUrl.replace(/\/+$/, '')
  const id = `${origin}/api/sources/${source.id}/export?format=jsonld`
  const target = source.url ?? `${origin}/groups/${source.groupId}/sources/${source.id}`
  const collection: AnnotationCollection = {
    '@context': [ANNO_CONTEXT, { colloquy: COLLOQUY_TERMS }],
    id,
    type: 'AnnotationCollection',
    label: `Highlights on “${source.title}”${source.author ? ` by ${source.author}` : ''}`,
    total: highlights.length,
  }
  if (highlights.length === 0) return collection
  const page = `${id}#page-1`
  const codePoints = codePointOffsets(source.text)
  return {
    ...collection,
    first: {
      id: page,
      type: 'AnnotationPage',
      startIndex: 0,
      items: highlights.map((h) => annotationOf(source, codePoints, target, h)),
    },
    last: page,
  }
}
