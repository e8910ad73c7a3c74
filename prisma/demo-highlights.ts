// The demo seminar's reading: what the three students highlighted in the five essays, their notes
// and the threads where they argue. Every quote is an exact passage of its essay's canonical text
// (tests/integration/seed.test.ts anchors each one). The essays' first paragraphs are left
// untouched, so a visitor trying the reader there starts on clean text.

export type DemoStudent = 'alex' | 'bea' | 'chris'
export type DemoTag = 'CLAIM' | 'EVIDENCE' | 'BIAS'

export interface DemoHighlight {
  /** Names the highlight for the maps (demo-maps.ts). */
  key: string
  /** Index into DEMO_ESSAYS. */
  essay: number
  by: DemoStudent
  tag: DemoTag
  quote: string
  note?: string
  /** The thread under the highlight, in order: who wrote each reply, and what. */
  replies?: [by: DemoStudent | 'instructor', text: string][]
}

export const DEMO_HIGHLIGHTS: DemoHighlight[] = [
  // The Development and Significance of the U.S.-Japan Enforced Security Alliance
  {
    key: 'contain-china',
    essay: 0,
    by: 'alex',
    tag: 'CLAIM',
    quote: 'The strengthening of U.S.-Japan alliance is aimed to contain China.',
    note: 'The thesis in one line: everything else in the abstract hangs on it.',
  },
  {
    key: 'delegate',
    essay: 0,
    by: 'bea',
    tag: 'BIAS',
    quote: 'so that Japan can act as a "delegate" for the United States',
    note: 'The scare quotes do the arguing: Japan as a proxy, not an ally.',
    replies: [
      ['alex', 'Or the author is quoting someone else’s word? Nothing is cited either way.'],
      ['bea', 'Exactly: with no source, the framing is the author’s own.'],
    ],
  },
  {
    key: 'collective-self-defense',
    essay: 0,
    by: 'chris',
    tag: 'EVIDENCE',
    quote: 'lifting the constitutional restrictions on the rights of collective self-defense and sending troops abroad',
  },
  {
    key: 'most-important-factor',
    essay: 0,
    by: 'alex',
    tag: 'CLAIM',
    quote:
      'The U.S.-Japan alliance is thought to be the most important factor in maintaining peace and security in East Asia.',
  },
  {
    key: 'unnoticed',
    essay: 0,
    by: 'chris',
    tag: 'CLAIM',
    quote: 'its peace-securing function has been left largely unnoticed',
    note: 'Unnoticed because it works? Deterrence is invisible when it succeeds.',
    replies: [
      ['bea', 'That makes the claim impossible to test, though.'],
      ['chris', 'Fair, but then so is the author’s reading that it does nothing.'],
    ],
  },
  {
    key: 'few-results',
    essay: 0,
    by: 'bea',
    tag: 'EVIDENCE',
    quote:
      "because of China's phenomenal rising, North Korea's aggressive development of nuclear weapons, and the lack of progress in counter-terrorist efforts",
  },
  {
    key: 'military-superiority',
    essay: 0,
    by: 'bea',
    tag: 'BIAS',
    quote: 'The United States tends to put too much emphasis on military superiority',
    note: '“Too much” by what standard? No case is named.',
  },
  {
    key: 'negotiations',
    essay: 0,
    by: 'alex',
    tag: 'CLAIM',
    quote:
      'make concerted efforts to pursue balanced regional power and peaceful development by further conducting diplomatic negotiations instead of resorting to military force',
  },

  // The U.S.-Japan Alliance (the instructor later corrects this one: see DEMO_EDIT)
  {
    key: 'trade-figures',
    essay: 1,
    by: 'alex',
    tag: 'EVIDENCE',
    quote:
      'In 2009, U.S. imports from Japan reached $195.9 billion and U.S. exports to Japan totaled $51.2 billion (State Department).',
    note: 'Figures with a source, rare in these essays.',
  },
  {
    key: 'cornerstone',
    essay: 1,
    by: 'bea',
    tag: 'CLAIM',
    quote: 'the U.S.-Japan alliance will continue to serve as the cornerstone of security in East Asia',
  },
  {
    key: 'afghanistan',
    essay: 1,
    by: 'chris',
    tag: 'EVIDENCE',
    quote: 'Japan’s role in Afghanistan (U.S. $5 billion in assistance) is only third to the U.S. and U.K.',
  },
  {
    key: 'article-9',
    essay: 1,
    by: 'chris',
    tag: 'CLAIM',
    quote:
      'Japan’s global security role in U.S.-led military operations in Iraq and Afghanistan has demonstrated that Japan can make contributions without violating Article 9 of the Constitution.',
    replies: [
      ['alex', 'Non-combat roles only. Does that count as a “security role”?'],
      ['chris', 'It counted enough for Washington, which is the author’s point.'],
      ['instructor', 'Both readings are defensible. Bring the Iraq dispatch debate from week 3 into your maps.'],
    ],
  },
  {
    key: 'over-insuring',
    essay: 1,
    by: 'alex',
    tag: 'CLAIM',
    quote: 'each state over-insuring against perceived risk of the other (Richard Samuels)',
  },
  {
    key: 'more-stable',
    essay: 1,
    by: 'bea',
    tag: 'CLAIM',
    quote:
      'Despite tensions, however, the region is more stable under a U.S.-Japan (and U.S.-Korea) alliance than without it.',
    note: 'A counterfactual, and no evidence is offered for it.',
  },
  {
    key: 'source-of-stability',
    essay: 1,
    by: 'bea',
    tag: 'BIAS',
    quote: 'Because of U.S.-Japan relations, Japan is East Asia’s source of stability and prosperity.',
    note: 'Sweeping: does China play no part in the region’s prosperity?',
  },
  { key: 'multilateral', essay: 1, by: 'chris', tag: 'CLAIM', quote: 'multilateral discussions are necessary' },
  {
    key: 'i-believe',
    essay: 1,
    by: 'alex',
    tag: 'BIAS',
    quote:
      'In conclusion, I believe the U.S. and Japan must continue to strengthen their military, political, and economic alliance',
  },

  // US – Japan Alliance (sold by an essay service: its framing tagged as bias, its statistics as evidence)
  {
    key: 'troops-1952',
    essay: 2,
    by: 'chris',
    tag: 'EVIDENCE',
    quote: 'There were 53,000 U.S troops stationed in Japan having great use of 89 facilities',
  },
  {
    key: 'checkbook',
    essay: 2,
    by: 'chris',
    tag: 'EVIDENCE',
    quote: 'The world scorned Japan terming the act as ‘checkbook diplomacy’',
  },
  {
    key: 'turn-for-worst',
    essay: 2,
    by: 'bea',
    tag: 'BIAS',
    quote: 'Politics in Japan has taken a turn for the worst.',
    note: 'A loaded opening: “the worst” by whose measure? The figures that follow are thinner than the framing.',
    replies: [
      ['alex', 'Five prime ministers in a few years is a fair measure of paralysis.'],
      ['bea', 'Of churn, yes. Paralysis needs a blocked policy, and this section never names one.'],
      ['chris', 'Futenma is the blocked policy, two sections on.'],
    ],
  },
  {
    key: 'five-prime-ministers',
    essay: 2,
    by: 'alex',
    tag: 'EVIDENCE',
    quote: 'Japan having 5 prime ministers since 2007',
  },
  {
    key: 'public-debt',
    essay: 2,
    by: 'chris',
    tag: 'EVIDENCE',
    quote: 'Japan’s public debt is calculated to be around 200% of its GDP',
  },
  {
    key: 'defense-budget',
    essay: 2,
    by: 'bea',
    tag: 'EVIDENCE',
    quote: 'Japan’s defense budget is at $51 billion which is among the largest in the world.',
  },
  {
    key: 'hollow-force',
    essay: 2,
    by: 'alex',
    tag: 'BIAS',
    quote: 'The US military officials are complaining that the Japanese force will be a “hollow force”',
  },
  {
    key: 'futenma',
    essay: 2,
    by: 'chris',
    tag: 'EVIDENCE',
    quote: 'transfer 8,000 marines and 9,000 dependants out of Japan',
  },
  {
    key: 'second-economy',
    essay: 2,
    by: 'bea',
    tag: 'EVIDENCE',
    quote: 'In 2010, China dethroned Japan as the world’s 2nd largest economy',
  },
  {
    key: 'authoritarian-model',
    essay: 2,
    by: 'alex',
    tag: 'BIAS',
    quote: 'Its rapid growth of economic has given luster to its authoritarian model of development',
  },
  {
    key: 'beneficial-asset',
    essay: 2,
    by: 'chris',
    tag: 'BIAS',
    quote:
      'The alliance remains to be a very beneficial and organized asset to the United States of America, Japan and to the rest of the international community.',
  },
  {
    key: 'benefits-over-costs',
    essay: 2,
    by: 'bea',
    tag: 'CLAIM',
    quote: 'The US – Japan alliance has more benefits than the costs',
    note: 'The conclusion asserts the balance, but the essay never weighs a single cost against a benefit.',
    replies: [
      ['alex', 'The budget section is the cost side, surely?'],
      ['bea', 'Listed, not weighed.'],
    ],
  },
  {
    key: 'cannot-define',
    essay: 2,
    by: 'alex',
    tag: 'BIAS',
    quote: 'We cannot define an alliance in terms of its challenges that will be limiting its potential.',
  },

  // US-Japan Alliance amid Changing Security Environment
  {
    key: 'second-thoughts',
    essay: 3,
    by: 'alex',
    tag: 'CLAIM',
    quote:
      'This has made the security conundrum worse and caused allies to have second thoughts about US security promises.',
  },
  {
    key: 'edd',
    essay: 3,
    by: 'bea',
    tag: 'EVIDENCE',
    quote: 'In December 2023, Japan also hosted the US government for an Extended Deterrence Dialogue (EDD)',
  },
  {
    key: 'nss-china',
    essay: 3,
    by: 'chris',
    tag: 'EVIDENCE',
    quote:
      'Japan’s revised National Security Strategy (NSS) document explicitly mentioned China as an unprecedented challenge',
  },
  {
    key: 'gdp-2-percent',
    essay: 3,
    by: 'bea',
    tag: 'BIAS',
    quote: 'It further outlined Japan’s plans to increase GDP by 2%.',
    note: 'Garbled: the strategy sets defence spending at 2% of GDP, not GDP growth. A reason to check this outlet’s numbers.',
    replies: [['chris', 'Good catch. I had put the strategy on the group map without noticing.']],
  },
  {
    key: 'warships',
    essay: 3,
    by: 'alex',
    tag: 'EVIDENCE',
    quote:
      'a dozen warships from the US and Japan, including two US aircraft carriers, have been displaying their military prowess in the Philippine Sea',
  },
  {
    key: 'strongest-ever',
    essay: 3,
    by: 'chris',
    tag: 'BIAS',
    quote:
      'American alliances and ties in the Indo-Pacific region are arguably at their strongest and most comprehensive points in history',
  },
  { key: 'positive-news', essay: 3, by: 'alex', tag: 'BIAS', quote: 'it is unquestionably positive news for the US' },
  {
    key: 'win-over',
    essay: 3,
    by: 'bea',
    tag: 'CLAIM',
    quote: 'Washington cannot realistically hope to win over every nation in the Indo-Pacific region',
  },
  {
    key: 'deterrence-engagement',
    essay: 3,
    by: 'chris',
    tag: 'CLAIM',
    quote:
      'the US-Japan alliance’s deterrence force must be combined with efforts to find a way to more meaningful engagement',
  },

  // Converging Interests and Shared Values
  {
    key: 'taepodong',
    essay: 4,
    by: 'chris',
    tag: 'EVIDENCE',
    quote: 'the threat posed by North Korea, specifically its test of a Taepodong 1 missile in 1998',
  },
  {
    key: 'taiwan-strait',
    essay: 4,
    by: 'alex',
    tag: 'EVIDENCE',
    quote: 'China’s growing military build-up, which culminated with the Taiwan-strait crisis of 1996',
  },
  {
    key: 'bases-for-defense',
    essay: 4,
    by: 'bea',
    tag: 'EVIDENCE',
    quote: 'agreed to allow the United States to establish military bases on its territory',
  },
  {
    key: 'yoshida',
    essay: 4,
    by: 'alex',
    tag: 'CLAIM',
    quote: 'Japan chose to remain dependent upon the US security guarantee, while continuing to develop economically',
  },
  {
    key: 'free-riding',
    essay: 4,
    by: 'chris',
    tag: 'BIAS',
    quote: 'began to feel that Japan was exploiting the relationship by free-riding on US security guarantees',
    note: 'The free-rider charge is reported as a feeling, then half endorsed.',
    replies: [
      ['alex', 'The next sentence answers it: the world’s third largest military budget.'],
      ['chris', 'In absolute terms. As a share of GDP it was tiny.'],
    ],
  },
  {
    key: 'third-budget',
    essay: 4,
    by: 'bea',
    tag: 'EVIDENCE',
    quote: 'maintain the world’s third largest military budget in absolute terms',
  },
]

/**
 * The instructor's correction of essay 1 after the students read it: a misspelt name put right
 * (its passage stays exact) and one sentence reworded, so Bea's highlight on it asks her to
 * confirm its new place.
 */
export const DEMO_EDIT = {
  essay: 1,
  replacements: [
    ['Pyongang’s unpredictable', 'Pyongyang’s unpredictable'],
    [
      'Because of U.S.-Japan relations, Japan is East Asia’s source of stability and prosperity.',
      'Because of U.S.-Japan relations, Japan has been East Asia’s main source of stability and of prosperity.',
    ],
  ],
  moved: 'source-of-stability',
} as const
