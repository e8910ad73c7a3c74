// Uploading a source file: every supported format yields its paragraphs as blank-line-separated
// blocks, and every file that cannot be read is refused with a sentence the person can act on.
// The files are made here: a .docx zipped in-test, PDFs drawn with pdfkit.
import JSZip from 'jszip'
import PDFDocument from 'pdfkit'
import { describe, expect, it } from 'vitest'
import { toFailure } from '@/lib/errors'
import { extractText, type UploadedFile } from '@/lib/sources/extract'
import { canonicalTextOf, importText } from '@/lib/sources/importer'

const utf8 = (text: string) => new TextEncoder().encode(text)
const upload = (name: string, content: string | Uint8Array, type?: string): UploadedFile => ({
  name,
  type,
  bytes: typeof content === 'string' ? utf8(content) : content,
})

async function refusal(file: UploadedFile): Promise<{ status: number; error: string }> {
  try {
    await extractText(file)
  } catch (error) {
    return toFailure(error)
  }
  throw new Error(`Expected ${file.name} to be refused, but it was read.`)
}

const WORD_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'

async function docx(paragraphs: string[]): Promise<Uint8Array> {
  const zip = new JSZip()
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
  <Default Extension="xml" ContentType="application/xml"/>
  <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`,
  )
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`,
  )
  const body = paragraphs.map((text) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`).join('')
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${WORD_NS}"><w:body>${body}</w:body></w:document>`)
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })
}

function pdf(draw: (doc: PDFKit.PDFDocument) => void, info: PDFKit.DocumentInfo = {}): Promise<Uint8Array> {
  const doc = new PDFDocument({ info })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Uint8Array>((resolve) => doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks)))))
  draw(doc)
  doc.end()
  return done
}

const LONG_PARAGRAPH =
  'Alliances last when both partners gain from them, and they fray when one side comes to feel that it carries the other. ' +
  'History shows that shared threats bind allies together far more reliably than shared values do.'

const essayPdf = () =>
  pdf(
    (doc) => {
      doc.fontSize(20).text('Why Alliances Endure')
      doc.moveDown()
      doc.fontSize(12).text(LONG_PARAGRAPH)
      doc.moveDown()
      doc.text('Treaties outlive the governments that sign them.')
      doc.addPage()
      doc.text('Trade follows the flag, and the flag follows trade.')
    },
    { Title: 'Why Alliances Endure' },
  )

describe('reading each supported format', () => {
  it('reads plain text as it is, paragraphs separated by a blank line', async () => {
    const result = await extractText(upload('essay.txt', 'Why Alliances Endure\r\n\r\n\r\nFirst paragraph.\r\nStill the first.\r\n\r\nSecond paragraph.  \r\n'))
    expect(result).toEqual({ text: 'Why Alliances Endure\n\nFirst paragraph.\nStill the first.\n\nSecond paragraph.' })
  })

  it('reads UTF-16 text saved with a byte-order mark, and drops a UTF-8 byte-order mark', async () => {
    const utf16 = Uint8Array.from([0xff, 0xfe, ...[...'Café au lait'].flatMap((char) => [char.charCodeAt(0), 0])])
    expect((await extractText(upload('notes.txt', utf16))).text).toBe('Café au lait')
    expect((await extractText(upload('notes.txt', Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('Hello')])))).text).toBe('Hello')
  })

  it('reads HTML without its scripts, styles and navigation, one paragraph a block, titled by its first heading', async () => {
    const html = `<!doctype html><html><head><title>Alliances | Example Review</title><style>p { color: red }</style>
      <script>window.tracking = "should not appear"</script></head>
      <body><nav><a href="/">Home</a> <a href="/about">About us</a></nav>
      <article><h1>Why Alliances Endure</h1>
      <p>Alliances last when both <a href="https://example.com">partners</a> gain&nbsp;from them.</p>
      <div>History shows that shared threats bind allies together.</div>
      <ul><li>Shared threats</li><li>Shared trade</li></ul>
      <noscript>Enable JavaScript</noscript><script>alert(1)</script></article></body></html>`
    const result = await extractText(upload('alliances.html', html))
    expect(result.title).toBe('Why Alliances Endure')
    expect(result.text).toBe(
      [
        'Why Alliances Endure',
        'Alliances last when both partners gain\u00a0from them.',
        'History shows that shared threats bind allies together.',
        '- Shared threats\n- Shared trade',
      ].join('\n\n'),
    )
    for (const chrome of ['tracking', 'color', 'About us', 'alert', 'Enable JavaScript', 'https://']) expect(result.text).not.toContain(chrome)
  })

  it('falls back on <title> for an HTML page without a heading, and reads its declared legacy charset', async () => {
    const latin1 = Uint8Array.from([...'<meta charset="windows-1252"><title>Caf', 0xe9, ...'</title><p>Un caf', 0xe9, ...' noir.</p>'].map((c) => (typeof c === 'number' ? c : c.charCodeAt(0))))
    expect(await extractText(upload('cafe.htm', latin1))).toEqual({ text: 'Un café noir.', title: 'Café' })
  })

  it('reads Markdown with its markup stripped lightly, lists and code kept', async () => {
    const markdown = [
      '# Why Alliances Endure',
      '',
      'Alliances *last* when **both** partners [gain](https://example.com) from them; see `snake_case_names`.',
      '',
      '> History shows that shared threats bind allies.',
      '',
      '## Causes',
      '- Shared threats',
      '+ Shared trade',
      '',
      '---',
      '',
      '```',
      'const x = 2 * 3 * 4',
      '```',
    ].join('\n')
    const result = await extractText(upload('essay.md', markdown))
    expect(result.title).toBe('Why Alliances Endure')
    expect(result.text).toBe(
      [
        'Why Alliances Endure',
        'Alliances last when both partners gain from them; see snake_case_names.',
        'History shows that shared threats bind allies.',
        'Causes',
        '- Shared threats\n- Shared trade',
        'const x = 2 * 3 * 4',
      ].join('\n\n'),
    )
  })

  it('reads a .docx, one paragraph a block', async () => {
    const bytes = await docx(['Why Alliances Endure', 'Alliances last when both partners gain from them.', 'Caf\u00e9 &amp; croissant.'])
    expect(await extractText(upload('essay.docx', bytes))).toEqual({
      text: 'Why Alliances Endure\n\nAlliances last when both partners gain from them.\n\nCafé & croissant.',
    })
  })

  it('reads a PDF text layer back into paragraphs, wrapped lines joined, and takes its stated title', async () => {
    const result = await extractText(upload('essay.pdf', await essayPdf()))
    expect(result).toEqual({
      title: 'Why Alliances Endure',
      text: ['Why Alliances Endure', LONG_PARAGRAPH, 'Treaties outlive the governments that sign them.', 'Trade follows the flag, and the flag follows trade.'].join('\n\n'),
    })
  })

  it('splits a double-spaced PDF at its indented first lines, and joins a paragraph running over a page break', async () => {
    const second = 'Treaties outlive the governments that sign them, because the bureaucracies that keep them running outlast elections.'
    const bytes = await pdf((doc) => {
      doc.fontSize(12)
      for (const paragraph of [LONG_PARAGRAPH, second]) doc.text(paragraph, { lineGap: 12, indent: 36 })
      doc.text('And the last paragraph stops in the middle of', { indent: 36 })
      doc.addPage()
      doc.text('a sentence that the next page ends.')
    })
    expect((await extractText(upload('double-spaced.pdf', bytes))).text).toBe(
      [LONG_PARAGRAPH, second, 'And the last paragraph stops in the middle of a sentence that the next page ends.'].join('\n\n'),
    )
  })

  it('tells a PDF by its signature whatever its name, and a format by its media type when the name has none', async () => {
    expect((await extractText(upload('essay', await essayPdf()))).text).toContain(LONG_PARAGRAPH)
    expect((await extractText(upload('essay.txt', await essayPdf()))).text).toContain(LONG_PARAGRAPH)
    expect((await extractText(upload('essay', '# Heading\n\nBody.', 'text/markdown; charset=utf-8'))).text).toBe('Heading\n\nBody.')
  })

  it('hands the importer text it treats exactly like pasted text: page junk listed, nothing lost', async () => {
    const html = '<h1>Why Alliances Endure</h1><p>Alliances last.</p><div>Order now</div><p>Get 20% OFF your first order</p><p>Shared threats bind.</p>'
    const { text } = await extractText(upload('page.html', html))
    const preview = importText(text)
    expect(preview.title).toBe('Why Alliances Endure')
    expect(preview.blocks.filter((block) => block.junkReason).map((block) => block.text)).toEqual(['Order now', 'Get 20% OFF your first order'])
    expect(canonicalTextOf(preview.blocks)).toBe('Why Alliances Endure\n\nAlliances last.\n\nShared threats bind.')
  })
})

describe('refusing files that cannot be read', () => {
  it('refuses a file over 10 MB', async () => {
    const failure = await refusal(upload('huge.txt', new Uint8Array(10 * 1024 * 1024 + 1).fill(97)))
    expect(failure).toMatchObject({ status: 400, error: expect.stringContaining('at most 10 MB') })
  })

  it('refuses an empty file, and one with no text in it', async () => {
    expect((await refusal(upload('empty.txt', ''))).error).toBe('This file is empty.')
    expect((await refusal(upload('blank.md', ' \n\n \t\n'))).error).toBe('No text was found in this file.')
    expect((await refusal(upload('blank.docx', await docx([''])))).error).toBe('No text was found in this file.')
  })

  it('refuses text longer than a source may be', async () => {
    expect((await refusal(upload('long.txt', 'a'.repeat(500_001)))).error).toContain('at most 500,000 characters')
  })

  it('refuses a file type it cannot read, naming the ones it can', async () => {
    const odt = await refusal(upload('essay.odt', 'PK\u0003\u0004 whatever'))
    expect(odt.error).toContain('“.odt” files cannot be read')
    expect(odt.error).toContain('.txt, .md, .html, .docx or .pdf')
    expect((await refusal(upload('picture', utf8('GIF89a'), 'image/gif'))).error).toContain('Upload a .txt, .md, .html, .docx or .pdf file')
    const oldWord = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0])
    expect((await refusal(upload('essay.doc', oldWord))).error).toContain('older Word (.doc)')
    expect((await refusal(upload('essay.docx', oldWord))).error).toContain('save it as .docx')
  })

  it('refuses binary data and text that is not UTF-8', async () => {
    expect((await refusal(upload('essay.txt', Uint8Array.from([72, 105, 0, 0, 1, 2, 255])))).error).toContain('binary data')
    expect((await refusal(upload('essay.md', Uint8Array.from([...utf8('Un caf'), 0xe9, ...utf8(' noir')])))).error).toContain('not valid UTF-8')
    expect((await refusal(upload('essay.html', Uint8Array.from([...utf8('<p>caf'), 0xe9])))).error).toContain('not valid UTF-8')
  })

  it('refuses a corrupt .docx: not a zip, a zip without a document, a truncated one', async () => {
    const good = await docx(['A paragraph.'])
    const notDocx = await new JSZip().file('hello.txt', 'hello').generateAsync({ type: 'uint8array' })
    for (const bytes of [utf8('just some text'), utf8('PK\u0003\u0004 broken'), notDocx, good.subarray(0, good.length - 40)]) {
      expect((await refusal(upload('essay.docx', bytes))).error).toMatch(/^This \.docx file could not be read; it may be damaged\./)
    }
  })

  it('refuses a .docx that declares it unpacks to hundreds of megabytes (a zip bomb)', async () => {
    const bytes = await docx(['A paragraph.'])
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    for (let at = 0; at < bytes.length - 4; at++) {
      if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, 0xf0000000, true)
    }
    expect((await refusal(upload('bomb.docx', bytes))).error).toContain('could not be read')
  })

  it('refuses a corrupt PDF, and a file named .pdf that is not one', async () => {
    const good = await essayPdf()
    const garbage = Uint8Array.from([...utf8('%PDF-1.7\n'), ...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256)])
    for (const bytes of [garbage, utf8('hello, not a pdf'), good.subarray(0, 200)]) {
      expect((await refusal(upload('essay.pdf', bytes))).error).toMatch(/^This PDF could not be read; the file may be damaged\./)
    }
  })

  it('refuses a PDF without a text layer, saying it is probably scanned', async () => {
    const drawing = await pdf((doc) => {
      doc.rect(72, 72, 200, 100).fill('#336699')
      doc.circle(300, 300, 50).lineWidth(3).stroke()
      doc.moveTo(72, 500).lineTo(500, 520).stroke()
    })
    expect((await refusal(upload('scan.pdf', drawing))).error).toMatch(/^This PDF has no selectable text \(it is probably scanned\)/)
  })
})
