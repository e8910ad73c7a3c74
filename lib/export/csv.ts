// CSV files people open in spreadsheets (RFC 4180, UTF-8 with a byte-order mark: without it Excel
// reads the file in the machine's legacy code page and garbles accents, Japanese, Arabic and
// emoji; LibreOffice, Numbers, Google Sheets and gradebook imports take the mark as UTF-8 too).
// Text a person typed can start with = + - @, which spreadsheets would run as a formula; such
// cells get a leading apostrophe, so they show as text (see FORMULA_START and INNER_FORMULA for
// the forms covered). Numbers are written as they are.

const BOM = '\uFEFF'
const CRLF = '\r\n'

/** What starts a formula: OWASP's = + - @, and their full-width forms (＝＋－＠), which Japanese
 * input methods type and some spreadsheets read the same way. */
const FORMULA = '=+\\-@\\uFF1D\\uFF0B\\uFF0D\\uFF20'
/** A formula at the start, also behind spaces (which spreadsheets skip); or a leading tab or CR. */
const FORMULA_START = new RegExp(`^[\\s\\u3000]*[${FORMULA}]|^[\\t\\r]`)
/**
 * Where a spreadsheet set to another locale starts a cell inside one of ours: after a semicolon
 * or a tab (its separator, where our quotes do not begin its field) and after a line break (a new
 * row to it). "a;=cmd" would put "=cmd" in a cell of its own there, so it becomes "a;'=cmd".
 */
const INNER_FORMULA = new RegExp(`([;\\t\\r\\n][\\s"\\u3000]*)(?=[${FORMULA}])`, 'g')

function neutralised(text: string): string {
  const inner = text.replace(INNER_FORMULA, "$1'")
  return FORMULA_START.test(inner) ? `'${inner}` : inner
}

export type CsvValue = string | number | null

export function csvCell(value: CsvValue): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  const text = neutralised(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The whole file: a header row, then one row per record. */
export function csvDocument(header: readonly string[], rows: readonly CsvValue[][]): string {
  return BOM + [header, ...rows].map((row) => row.map(csvCell).join(',') + CRLF).join('')
}
