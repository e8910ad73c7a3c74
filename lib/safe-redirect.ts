// Only paths of this app may be redirect targets, so a crafted link cannot send people elsewhere.
// The value is parsed the way a browser parses a Location header (WHATWG URL, which drops tabs
// and line breaks and reads backslashes as slashes): `/%09/evil` decoded to "/\t/evil" is
// "//evil", another host. What comes back is the parsed path, percent-encoded, so it is also
// always a valid header value.

/** A host that no request ever names: anything that resolves elsewhere is not ours. */
const BASE = 'http://colloquy.invalid'

export function safeCallbackUrl(value: unknown, fallback = '/dashboard'): string {
  if (typeof value !== 'string' || value.length > 2048 || !value.startsWith('/')) return fallback
  let url: URL
  try {
    url = new URL(value, BASE)
  } catch {
    return fallback
  }
  if (url.origin !== BASE) return fallback
  const path = `${url.pathname}${url.search}${url.hash}`
  // After parsing, a path still starting with two slashes (or a slash and a backslash) would be
  // read as another host by anything that parses it again.
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return fallback
  return path
}
