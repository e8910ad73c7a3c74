import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { blocksOf } from '@/lib/sources/blocks'
import { canonicalTextOf, importText } from '@/lib/sources/importer'

const essay = (file: string) => readFileSync(join('prisma', 'demo-essays', file), 'utf8')

describe('importing the demo essays', () => {
  it('drops the web-page junk of 002 and keeps all its real paragraphs', () => {
    const { blocks } = importText(essay('002_251c329c02d27095.txt'))
    const text = canonicalTextOf(blocks)
    const dropped = blocks
      .filter((block) => block.junkReason)
      .map((block) => block.text)
      .join('\n')
    expect(blocksOf(text).filter((block) => block.number !== null)).toHaveLength(29)
    for (const junk of [
      'Order now',
      'Get 19% OFF',
      'PACKAGE from - $23.82',
      'Now Accepting Apple Pay!',
      'What Our Customers Say',
    ]) {
      expect(text).not.toContain(junk)
      expect(dropped).toContain(junk)
    }
    expect(text).not.toMatch(/^\?$/m)
    expect(text).toContain(
      'The U.S. - Japan Mutual Security Treaty also known as the Bilateral Security came to the existence',
    )
    expect(text).toContain('Japan’s public debt is calculated to be around 200% of its GDP')
  })

  it('keeps every line of the other essays except flagged clutter', () => {
    const expected = {
      '000_7e4243c91726474a.txt': 4,
      '001_880c7d398f509fc6.txt': 4,
      '003_efd70901a5858e8b.txt': 21,
      '004_ac0a64336d6577ef.txt': 5,
    }
    for (const [file, paragraphs] of Object.entries(expected)) {
      const { blocks } = importText(essay(file))
      expect(
        blocksOf(canonicalTextOf(blocks)).filter((block) => block.number !== null),
        file,
      ).toHaveLength(paragraphs)
    }
  })

  it('never loses text: kept and dropped blocks together hold every non-blank line', () => {
    for (const file of [
      '000_7e4243c91726474a.txt',
      '001_880c7d398f509fc6.txt',
      '002_251c329c02d27095.txt',
      '003_efd70901a5858e8b.txt',
      '004_ac0a64336d6577ef.txt',
    ]) {
      const raw = essay(file)
      const { blocks } = importText(raw)
      const lines = (s: string) =>
        s
          .normalize('NFC')
          .split('\n')
          .map((l) => l.replace(/\s+/g, ' ').trim())
          .filter(Boolean)
      expect(blocks.flatMap((block) => lines(block.text))).toEqual(lines(raw))
    }
  })

  it('finds the byline as the author', () => {
    expect(importText(essay('004_ac0a64336d6577ef.txt')).metadata.author).toBe('Eric Sayers')
  })
})

describe('importing Japanese text, written without spaces', () => {
  const kept = (raw: string) => blocksOf(canonicalTextOf(importText(raw).blocks))

  it('joins a hard-wrapped paragraph of four lines and more instead of setting it aside as a menu', () => {
    const raw = [
      '日米同盟の将来',
      '',
      '一九六〇年の改定により、条約は相互協力の性格を強めた。米国の日本防衛義務が明記され、',
      '事前協議の制度も設けられた。しかし、改定をめぐる国内の対立は激しく、大規模な抗議運動',
      'が起きた。岸内閣は条約の成立と引き換えに退陣した。その後も基地問題は続き、沖縄の負担',
      'は今日まで議論の的となっている。同盟の意義は時代とともに変わってきた。',
      '',
      '同盟は変わる。',
    ].join('\n')
    const blocks = kept(raw)
    expect(blocks.map((block) => block.kind)).toEqual(['heading', 'paragraph', 'paragraph'])
    expect(blocks[1]!.text).toBe(
      '一九六〇年の改定により、条約は相互協力の性格を強めた。米国の日本防衛義務が明記され、事前協議の制度も設けられた。しかし、改定をめぐる国内の対立は激しく、大規模な抗議運動が起きた。岸内閣は条約の成立と引き換えに退陣した。その後も基地問題は続き、沖縄の負担は今日まで議論の的となっている。同盟の意義は時代とともに変わってきた。',
    )
    expect(blocks[2]).toMatchObject({ text: '同盟は変わる。', number: 2 })
  })

  it('keeps a sentence that repeats a word (「下りろ。下りろ。」) rather than taking it for button labels', () => {
    for (const file of ['kumo-no-ito.txt', 'rashomon.txt', 'constitution-of-japan.txt']) {
      const { blocks } = importText(readFileSync(join('tests', 'fixtures', 'corpus', file), 'utf8'))
      expect(
        blocks.filter((block) => block.junkReason).map((block) => block.text),
        file,
      ).toEqual([])
    }
    expect(
      kept(
        'そこで陀多は大きな声を出して、「こら、罪人ども。この蜘蛛の糸は己のものだぞ。お前たちは一体誰に尋いて、のぼって来た。下りろ。下りろ。」と喚きました。',
      )[0],
    ).toMatchObject({ kind: 'paragraph', number: 1 })
  })
})
