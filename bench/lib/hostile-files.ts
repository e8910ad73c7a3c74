// Hostile uploads, made here so that nothing of the sort is kept in the repository: a Word file
// that inflates to hundreds of megabytes, HTML nested 200,000 deep, a text of one 9.5 MB line, and
// a 500-page PDF.
import { zipSync } from 'fflate'
import PDFDocument from 'pdfkit'

export interface HostileFile {
  label: string
  name: string
  type: string
  bytes: Buffer
}

const encoder = new TextEncoder()

/** A .docx whose document.xml inflates to `megabytes` MB of paragraphs from a few hundred KB. */
function zipBomb(megabytes: number): Buffer {
  const paragraph = encoder.encode('<w:p><w:r><w:t>Alliances endure.</w:t></w:r></w:p>')
  const head = encoder.encode(
    '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>',
  )
  const tail = encoder.encode('</w:body></w:document>')
  const body = new Uint8Array(megabytes * 1024 * 1024)
  body.set(head, 0)
  let at = head.length
  while (at + paragraph.length + tail.length <= body.length) {
    body.set(paragraph, at)
    at += paragraph.length
  }
  body.set(tail, at)
  const files = {
    '[Content_Types].xml': encoder.encode(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': encoder.encode(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': body.subarray(0, at + tail.length),
  }
  return Buffer.from(zipSync(files, { level: 9 }))
}

function pdfOfPages(pages: number): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false })
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  for (let page = 1; page <= pages; page++) {
    doc.addPage()
    doc
      .fontSize(11)
      .text(
        `Page ${page}. ${'Alliances endure because the habits they build outlast the threats that founded them. '.repeat(25)}`,
      )
  }
  doc.end()
  return done
}

export async function hostileFiles(): Promise<HostileFile[]> {
  return [
    {
      label: 'zip bomb (.docx, 256 MB inflated)',
      name: 'bomb.docx',
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes: zipBomb(256),
    },
    {
      label: 'HTML nested 200,000 deep',
      name: 'nested.html',
      type: 'text/html',
      bytes: Buffer.from(`<html><body>${'<div>'.repeat(200_000)}deep${'</div>'.repeat(200_000)}</body></html>`),
    },
    {
      label: 'one 9.5 MB line of text',
      name: 'line.txt',
      type: 'text/plain',
      bytes: Buffer.alloc(Math.round(9.5 * 1024 * 1024), 'a'),
    },
    { label: '500-page PDF', name: 'pages.pdf', type: 'application/pdf', bytes: await pdfOfPages(500) },
  ]
}

/** A multipart/form-data body with one field "file". */
export function multipart(file: HostileFile): { body: Buffer; contentType: string } {
  const boundary = `----colloquy-bench-${Math.random().toString(16).slice(2)}`
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  return { body: Buffer.concat([head, file.bytes, tail]), contentType: `multipart/form-data; boundary=${boundary}` }
}
