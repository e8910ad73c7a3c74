// How long a source may be, shared by the server's schema and the forms, which check it before
// sending so that a too-long text gets this message rather than a refused request.

export const MAX_SOURCE_CHARS = 500_000

export const SOURCE_TOO_LONG_MESSAGE = `A source can have at most ${MAX_SOURCE_CHARS.toLocaleString('en')} characters.`
