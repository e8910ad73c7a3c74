// Exporting highlights: every member can download a source's highlights as CSV or W3C Web
// Annotations, but only the highlights they could see in the reader; a classmate's private
// highlight reaches only its author and the instructors.
import { describe, expect, it } from 'vitest'
import { exportSourceHighlights } from '@/lib/annotations/export'
import { createHighlight, createReply } from '@/lib/annotations/mutations'
import { noteFromText } from '@/lib/annotations/note'
import { db } from '@/lib/db'
import { joinGroupByCode } from '@/lib/groups/mutations'
import { person, refusal, seminar as seminarOn } from './fixtures'

const BASE = 'https://colloquy.example.edu'
/** The export's file name: the source's title and what it holds. */
const FILE_NAME = 'why-alliances-endure-evidence-bias-highlights'

const TEXT = [
  'Why Alliances Endure',
  'Alliances last when both partners gain from them, as the record shows.',
  'History shows that shared threats bind allies together.',
].join('\n\n')

/** A seminar on one essay: Sam highlights openly, Ann both openly and privately, Iris replies. */
async function seminar() {
  const { groupId, sourceId, iris, sam, ann, olga, at } = await seminarOn({
    title: 'Why Alliances Endure: Évidence, "Bias"',
    author: 'Jane Smith',
    url: 'https://example.com/alliances',
    text: TEXT,
  })
  const samClaim = await createHighlight(sam, { ...at('both partners gain'), tag: 'CLAIM' })
  const annEvidence = await createHighlight(ann, {
    ...at('shared threats'),
    tag: 'EVIDENCE',
    note: noteFromText('Which threats, though?'),
  })
  const annPrivate = await createHighlight(ann, {
    ...at('Alliances last'),
    tag: 'BIAS',
    visibility: 'PRIVATE',
    note: noteFromText('=my private doubt, "unfinished"'),
  })
  await createReply(iris, { highlightId: samClaim.id, body: noteFromText('Gain for whom?') })
  return { groupId, sourceId, iris, sam, ann, olga, samClaim, annEvidence, annPrivate }
}

const csvIds = (body: string) =>
  body
    .split('\r\n')
    .slice(1, -1)
    .map((line) => line.split(',')[0])

describe('exporting the highlights of a source', () => {
  it('gives a student the group’s highlights and their own, but never a classmate’s private one', async () => {
    const s = await seminar()
    const file = await exportSourceHighlights(s.sam, s.sourceId, { format: 'csv' }, BASE)
    expect(csvIds(file.body)).toEqual([s.samClaim.id, s.annEvidence.id])
    expect(file.body).not.toContain('my private doubt')

    const ann = await exportSourceHighlights(s.ann, s.sourceId, { format: 'csv' }, BASE)
    expect(csvIds(ann.body)).toEqual([s.annPrivate.id, s.samClaim.id, s.annEvidence.id])
  })

  it('gives the instructor every highlight, private ones included', async () => {
    const s = await seminar()
    const file = await exportSourceHighlights(s.iris, s.sourceId, { format: 'csv' }, BASE)
    expect(csvIds(file.body)).toEqual([s.annPrivate.id, s.samClaim.id, s.annEvidence.id])
    // The private note, neutralised and quoted: it starts with "=" and holds quotes and a comma.
    expect(file.body).toContain(`${s.annPrivate.id},Ann,student,bias,private,exact,1,`)
    expect(file.body).toContain(`"'=my private doubt, ""unfinished"""`)
  })

  it('hands out a CSV named after the source, with paragraph numbers and reply counts', async () => {
    const s = await seminar()
    const file = await exportSourceHighlights(s.iris, s.sourceId, { format: 'csv' }, BASE)
    expect(file).toMatchObject({ contentType: 'text/csv; charset=utf-8', filename: `${FILE_NAME}.csv` })
    expect(file.body.startsWith('\uFEFFhighlight_id,author,author_role,tag,')).toBe(true)
    const sam = file.body.split('\r\n').find((line) => line.startsWith(s.samClaim.id))!
    expect(sam).toMatch(/^\w+,Sam,student,claim,group,exact,1,\d+,\d+,both partners gain,,1,\d{4}-\d\d-\d\dT/)
    const ann = file.body.split('\r\n').find((line) => line.startsWith(s.annEvidence.id))!
    expect(ann).toContain(',evidence,group,exact,2,')
  })

  it('hands out W3C Web Annotations of the same highlights, with notes and replies', async () => {
    const s = await seminar()
    const file = await exportSourceHighlights(s.sam, s.sourceId, { format: 'jsonld' }, BASE)
    expect(file).toMatchObject({
      contentType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
      filename: `${FILE_NAME}.jsonld`,
    })
    const doc = JSON.parse(file.body)
    expect(doc).toMatchObject({
      '@context': ['http://www.w3.org/ns/anno.jsonld', { colloquy: 'urn:colloquy:terms:' }],
      type: 'AnnotationCollection',
      id: `${BASE}/api/sources/${s.sourceId}/export?format=jsonld`,
      total: 2,
    })
    const [claim, evidence] = doc.first.items
    expect(claim).toMatchObject({
      id: `urn:colloquy:highlight:${s.samClaim.id}`,
      motivation: 'highlighting',
      creator: { type: 'Person', name: 'Sam' },
      body: [
        { purpose: 'tagging', value: 'claim' },
        { purpose: 'replying', value: 'Gain for whom?', creator: { name: 'Iris' } },
      ],
      target: {
        source: 'https://example.com/alliances',
        selector: [
          { type: 'TextQuoteSelector', exact: 'both partners gain' },
          { type: 'TextPositionSelector', start: TEXT.indexOf('both partners gain') },
        ],
        'colloquy:anchorStatus': 'exact',
        'colloquy:sourceVersion': 1,
      },
    })
    expect(evidence).toMatchObject({
      motivation: 'commenting',
      body: [
        { purpose: 'tagging', value: 'evidence' },
        { purpose: 'commenting', value: 'Which threats, though?', format: 'text/plain' },
      ],
    })
  })

  it('follows "read first": a student who has not highlighted the source yet exports nothing of the others', async () => {
    const s = await seminar()
    const bo = await person('Bo')
    const { joinCode } = await db.group.update({
      where: { id: s.groupId },
      data: { readFirst: true },
      select: { joinCode: true },
    })
    await joinGroupByCode(bo, { code: joinCode })
    const file = await exportSourceHighlights(bo, s.sourceId, { format: 'jsonld' }, BASE)
    expect(JSON.parse(file.body)).toMatchObject({ total: 0 })
  })

  it('hides the source from an outsider, asks a visitor to sign in, and explains an unknown format', async () => {
    const s = await seminar()
    expect(await refusal(exportSourceHighlights(s.olga, s.sourceId, { format: 'csv' }, BASE))).toMatchObject({
      status: 404,
    })
    expect(await refusal(exportSourceHighlights(null, s.sourceId, { format: 'csv' }, BASE))).toMatchObject({
      status: 401,
    })
    expect(
      await refusal(exportSourceHighlights(s.sam, 'cmnotasource0000000000000', { format: 'csv' }, BASE)),
    ).toMatchObject({ status: 404 })
    expect(await refusal(exportSourceHighlights(s.sam, '../etc/passwd', { format: 'csv' }, BASE))).toMatchObject({
      status: 404,
    })
    for (const format of ['xml', 'CSV', '', undefined]) {
      expect(await refusal(exportSourceHighlights(s.sam, s.sourceId, { format }, BASE))).toMatchObject({
        status: 400,
        error: 'Choose an export format: format=jsonld (W3C Web Annotations) or format=csv (spreadsheet).',
      })
    }
  })
})
