// The importer on a corpus of documents of every shape people bring (written for these tests:
// tests/fixtures/import/, PDFs and .docx made at test time), plus the five demo essays. Each
// fixture states the paragraphs a reader must get, in order, and the metadata the form is filled
// with; furniture named in `dropped` must be set aside, never lost.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { blocksOf } from '@/lib/sources/blocks'
import { canonicalTextOf, layoutOf, type ImportedMetadata, type ImportResult } from '@/lib/sources/import/draft'
import { importFile } from '@/lib/sources/import/file'
import { handoutDocx, JOURNAL_PARAGRAPHS, journalPdf } from '../fixtures/import/build'

const FIXTURES = join('tests', 'fixtures', 'import')
const file = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)))

interface Fixture {
  name: string
  bytes: () => Uint8Array | Promise<Uint8Array>
  /** Numbered paragraphs, in order: each the paragraph's full text, or its start followed by "…". */
  paragraphs: string[]
  headings?: string[]
  metadata: ImportedMetadata
  /** Text that must be set aside (each found in some dropped block). */
  dropped?: string[]
  /** Pages of the numbered paragraphs, for PDFs. */
  pages?: number[]
}

const CORPUS: Fixture[] = [
  {
    name: 'news-consent.html',
    bytes: () => file('news-consent.html'),
    paragraphs: [
      "Japan's government is preparing to take a larger part in planning for regional contingencies…",
      'Under the plan, a joint headquarters in Tokyo would coordinate…',
      'Critics in the opposition argue…',
      'The new headquarters would share intelligence in real time…',
      'A final decision is expected before the summer, when the two governments meet for their annual security talks.',
    ],
    headings: ['What changes for the forces'],
    metadata: {
      title: 'Tokyo weighs a bigger role in alliance planning',
      author: 'Mariko Sato; Daniel Ortiz',
      year: 2024,
      url: 'https://harbour-times.example/world/2024/03/tokyo-alliance-planning',
      publisher: 'The Harbour Times',
    },
    dropped: [
      'We use cookies',
      'Facebook X Email Print',
      'Advertisement',
      'Related stories',
      'About time this happened',
      '© 2024 The Harbour Times',
      'Destroyers of both navies',
    ],
  },
  {
    name: 'wiki.html',
    bytes: () => file('wiki.html'),
    paragraphs: [
      'The Treaty of San Francisco ended the Allied occupation of Japan and restored its sovereignty. It was signed by 49 nations on 8 September 1951.',
      'The treaty settled questions of reparations and territory, although several disputes it left open remain unresolved today.',
      'Negotiations began in 1950, when the outbreak of war in Korea made a quick settlement more urgent for the United States.',
      'Japan renounced its claims to Korea, Taiwan and a number of Pacific islands.',
      '• Article 2 covered territory.\n• Article 14 covered reparations.',
      '1. Dower, J. (1999). Embracing Defeat.\n2. Treaty text, Article 27.\n3. Schaller, M. (1997). Altered States.',
    ],
    headings: ['Background', 'Terms', 'References'],
    metadata: { title: 'Treaty of San Francisco' },
    dropped: ['For the 1951 security pact', 'Signed | 8 September 1951', 'From Openpedia', 'Categories:', 'Main page'],
  },
  {
    name: 'blog-meta.html',
    bytes: () => file('blog-meta.html'),
    paragraphs: [
      'Small states face a choice that great powers rarely do…',
      'The strong do what they can and the weak suffer what they must.',
      "Thucydides' line is often quoted as a law of politics…",
      '1. Alliances raise the cost of an attack.\n2. They give access to arms and training.\n3. They bind the protector by its own reputation.',
      'None of these works automatically…',
    ],
    headings: ['Three reasons'],
    metadata: {
      title: 'Why Small States Join Alliances',
      author: 'Chris Okafor; Eva Lindqvist',
      year: 2019,
      url: 'https://blog.example/small-states',
      publisher: 'Journal of Alliance Studies',
    },
    dropped: [
      'Chris Okafor writes about security',
      'Archives',
      'Get new posts by email',
      'Leave a Reply',
      'Tags: alliances',
    ],
  },
  {
    name: 'essay-page.html',
    bytes: () => file('essay-page.html'),
    paragraphs: [
      'Among the numerous advantages…',
      'By a faction, I understand…',
      'There are two methods of curing the mischiefs of faction…',
      'The latent causes of faction…',
    ],
    metadata: { title: 'The Federalist No. 10', author: 'James Madison', year: 1787 },
    dropped: [
      'This site uses cookies',
      'Share: Facebook Twitter Email Print',
      'Sponsored: Need help',
      'Related texts',
      '• Federalist No. 51',
      '© 2026 Free Essays Online',
      'By James Madison, 1787',
    ],
  },
  {
    name: 'japanese.html',
    bytes: () => file('japanese.html'),
    paragraphs: [
      '一九五一年に調印された安全保障条約は、日本の戦後外交の基軸となった。その後の七十年間、同盟は幾度も形を変えてきた。',
      '冷戦の終結は同盟の存在意義を問い直す契機となったが、両国は「再定義」によってこれを乗り越えた。',
      '第九条の解釈は、同盟の役割分担を規定する最も重要な要素であり続けている。',
      '日本国民は、正義と秩序を基調とする国際平和を誠実に希求する。',
      '集団的自衛権をめぐる議論は、二〇一五年の安全保障法制によって一つの区切りを迎えた。',
    ],
    headings: ['憲法第九条との関係'],
    metadata: { title: '日米同盟の七十年', author: '山田 花子', year: 2021, publisher: '政策研究ノート' },
    dropped: ['ホーム', 'ツイート'],
  },
  {
    name: 'structure.html',
    bytes: () => file('structure.html'),
    paragraphs: [
      'Deterrence works when…',
      'Every signal an alliance sends…',
      '3. Forward deployment.\n4. Joint planning.\n5. Public commitments by leaders.',
      'Credibility is not a property…',
    ],
    headings: ['Two audiences', 'A note on credibility'],
    metadata: {
      title: 'Deterrence and Reassurance',
      author: 'Hannah Weiss',
      year: 2012,
      publisher: 'Institute for Strategy',
    },
    dropped: ['Hidden text that a script would show.', 'Decorative duplicate'],
  },
  {
    name: 'pasted-from-pdf.txt',
    bytes: () => file('pasted-from-pdf.txt'),
    paragraphs: [
      'The durability of bilateral alliances has puzzled scholars since the end of the Cold War. Realist accounts predicted that alliances would dissolve once the threat that created them had gone; instead, most of them grew stronger. This article argues that institutions, not threats, explain the pattern.',
      'The argument proceeds in three steps. First, it shows that the costs of leaving an alliance rise with every year of joint planning. Second, it traces how domestic coalitions form around the alliance and defend it. Third, it tests the argument on the case of Japan and the United States.',
      'Critics will object that the case is exceptional. The final section answers that objection with evidence from NATO.',
      'Institutions matter because they change what leaving costs.',
      '1 Walt, The Origins of Alliances (1987), 5.',
      '2 On NATO, see Wallander (2000).',
    ],
    headings: ['Notes'],
    metadata: {},
    dropped: ['ALLIANCE POLITICS REVIEW 14', '15'],
  },
  {
    name: 'wiki-copied.txt',
    bytes: () => file('wiki-copied.txt'),
    paragraphs: [
      'The treaty was signed in Washington on 19 January 1960. It replaced the security treaty of 1951.',
      // A subhead identical to the sentence after it: both kept.
      'Provisions.',
      'Article 5 commits both parties to act against an armed attack on territories under Japanese administration.',
      'The treaty has never been amended.',
    ],
    headings: ['Treaty of Mutual Cooperation', 'Provisions'],
    metadata: { title: 'Treaty of Mutual Cooperation' },
  },
  {
    name: 'japanese-pasted.txt',
    bytes: () => file('japanese-pasted.txt'),
    paragraphs: [
      '一九六〇年の改定により、条約は相互協力の性格を強めた。米国の日本防衛義務が明記され、事前協議の制度も設けられた。',
      'しかし、改定をめぐる国内の対立は激しく、大規模な抗議運動が起きた。岸内閣は条約の成立と引き換えに退陣した。',
    ],
    headings: ['日米安保条約の改定'],
    metadata: { title: '日米安保条約の改定' },
  },
  {
    name: 'email-quotes.txt',
    bytes: () => file('email-quotes.txt'),
    paragraphs: [
      'Dear all,',
      'Please read the chapter on burden sharing before the seminar, and bring one question.',
      'I have put the chapter in the shared folder. The questions can be short, but each should point to a specific passage.',
      'Best wishes,\nNaomi',
    ],
    headings: ['Re: the reading for Thursday'],
    metadata: { title: 'Re: the reading for Thursday' },
  },
  {
    name: 'handout.md',
    bytes: () => file('handout.md'),
    paragraphs: [
      "Every alliance faces two fears at once: abandonment by the partner, and entrapment in the partner's quarrels.",
      'The alliance security dilemma is the interplay of these two fears.',
      '1. When does the fear of abandonment dominate?\n2. What makes entrapment more likely?\n3. How do institutions change the balance?',
      'Keep your answers to a paragraph each.',
    ],
    headings: ['Questions for discussion'],
    metadata: {
      title: 'Alliance Dilemmas: A Reading Guide',
      author: 'Glenn Snyder; Naomi Sato',
      year: 2023,
      url: 'https://seminar.example/guides/alliance-dilemmas',
      publisher: 'Seminar Handouts',
    },
    dropped: ['Alliance Dilemmas: A Reading Guide'],
  },
  {
    name: 'notes.md',
    bytes: () => file('notes.md'),
    paragraphs: [
      'Allies rarely agree on how to divide the costs of defence.',
      '• Host-nation support\n• Procurement\n• Forward presence',
      'The debate is as old as the alliances themselves.',
    ],
    metadata: { title: 'Burden Sharing' },
  },
  {
    name: 'journal.pdf',
    bytes: journalPdf,
    paragraphs: [
      ...JOURNAL_PARAGRAPHS.slice(0, 3),
      JOURNAL_PARAGRAPHS[3]!,
      'This conclusion has a cost. Both kinds of promise are expensive to keep.',
      '1 On credibility, see Schelling, Arms and Influence (1966), ch. 2.',
    ],
    pages: [1, 1, 1, 2, 2, 1],
    headings: ['Notes'],
    metadata: { title: 'Credible Commitments', author: 'George Kennan', year: 2015 },
    dropped: ['JOURNAL OF ALLIANCE STUDIES', 'GEORGE KENNAN'],
  },
  {
    name: 'handout.docx',
    bytes: handoutDocx,
    paragraphs: [
      'The treaty was revised in 1960, after months of protest in Tokyo. Its core promise has not changed since.',
      'Article 5 is the heart of the treaty.',
      '1. What does Article 5 promise?\n2. What does Article 6 allow?\n3. Why did the revision cause protest?',
      'Bring your answers to the seminar.',
      '1. See the Diet records of May 1960.',
      '2. One page at most.',
    ],
    headings: ['Week 3 handout', 'Background', 'Questions', 'Notes'],
    metadata: { title: 'Reading the Security Treaty', author: 'Naomi Sato', year: 2024 },
  },
]

const SEEDS: [string, number, ImportedMetadata][] = [
  [
    '000_7e4243c91726474a.txt',
    4,
    { title: 'The Development and Significance of the U.S. -Japan Enforced Security Alliance' },
  ],
  ['001_880c7d398f509fc6.txt', 4, { title: 'The U.S.-Japan Alliance' }],
  ['002_251c329c02d27095.txt', 29, { title: 'US – Japan Alliance' }],
  ['003_efd70901a5858e8b.txt', 21, { title: 'US-Japan alliance amid changing security environment – Asia Times' }],
  [
    '004_ac0a64336d6577ef.txt',
    5,
    {
      title: 'Converging Interests and Shared Values: The U.S.-Japan Bilateral Alliance Enters the 21 st Century',
      author: 'Eric Sayers',
    },
  ],
]

function numberedOf(result: ImportResult) {
  return blocksOf(canonicalTextOf(result.blocks), layoutOf(result.blocks))
}

const matches = (actual: string, expected: string) =>
  expected.endsWith('…') ? actual.startsWith(expected.slice(0, -1)) : actual === expected

describe('the import corpus', () => {
  for (const fixture of CORPUS) {
    it(`${fixture.name}: the paragraphs a reader numbers, the headings, the metadata, the furniture set aside`, async () => {
      const result = await importFile({ name: fixture.name, bytes: await fixture.bytes() })
      const blocks = numberedOf(result)
      const paragraphs = blocks.filter((block) => block.number !== null)
      expect(paragraphs.map((block) => block.text).join('\n---\n')).toSatisfy(
        (joined: string) => {
          const texts = joined.split('\n---\n')
          return (
            texts.length === fixture.paragraphs.length &&
            texts.every((text, i) => matches(text, fixture.paragraphs[i]!))
          )
        },
        `paragraphs of ${fixture.name}:\n${paragraphs.map((block) => `¶${block.number} ${block.text}`).join('\n')}`,
      )
      if (fixture.headings)
        expect(blocks.filter((block) => block.kind === 'heading').map((block) => block.text)).toEqual(fixture.headings)
      if (fixture.pages) expect(paragraphs.map((block) => block.page)).toEqual(fixture.pages)
      expect(result.metadata).toEqual(fixture.metadata)
      const dropped = result.blocks.filter((block) => block.junkReason)
      for (const text of fixture.dropped ?? [])
        expect(
          dropped.some((block) => block.text.includes(text)),
          `“${text}” set aside`,
        ).toBe(true)
      for (const block of dropped) expect(block.junkReason).toMatch(/\w/)
    })
  }

  for (const [name, paragraphs, metadata] of SEEDS) {
    it(`demo essay ${name}: ${paragraphs} paragraphs, as before, and its title`, async () => {
      const result = await importFile({
        name,
        bytes: new Uint8Array(readFileSync(join('prisma', 'demo-essays', name))),
      })
      expect(numberedOf(result).filter((block) => block.number !== null)).toHaveLength(paragraphs)
      expect(result.metadata).toEqual(metadata)
    })
  }
})
