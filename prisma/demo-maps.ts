// The demo seminar's maps: the group's debate across the essays, and one submitted personal map
// per student with the instructor's feedback pinned to its nodes and scored with the rubric.
import type { DemoStudent } from './demo-highlights'

/**
 * A node: the key of the highlight it cites (demo-highlights.ts), whose tag and passage it takes,
 * or a note in its own words, with a name the relations and feedback use.
 */
export type DemoNode = string | { name: string; note: string }

/** [from, kind, to, label]: the nodes by their highlight's key or their note's name. */
export type DemoRelation = [from: string, kind: 'SUPPORTS' | 'ATTACKS', to: string, label?: string]

export interface DemoMap {
  title: string
  nodes: DemoNode[]
  relations: DemoRelation[]
}

export interface DemoPersonalMap extends DemoMap {
  owner: DemoStudent
  /** Pinned to a node of this map, named as its relations name it. */
  pinned: { node: string; text: string }[]
  /** On the whole map, scored against DEMO_RUBRIC in its order. */
  overall: { text: string; scores: number[] }
}

export const DEMO_RUBRIC = [
  { name: 'Uses evidence', points: 5 },
  { name: 'Engages the other side', points: 5 },
  { name: 'Reads the framing', points: 5 },
]

/** Who built the group map, in turn (the log credits each change to one of them). */
export const GROUP_MAP_BUILDERS: DemoStudent[] = ['bea', 'alex', 'chris']

export const DEMO_GROUP_MAP: DemoMap = {
  title: 'Does the alliance still keep East Asia safe?',
  nodes: [
    {
      name: 'question',
      note: 'Our question: does the alliance still make the region safer, or has it become part of the rivalry it was meant to deter?',
    },
    'cornerstone',
    'more-stable',
    'troops-1952',
    'edd',
    'warships',
    'afghanistan',
    'contain-china',
    'nss-china',
    'taiwan-strait',
    'second-thoughts',
    'few-results',
    'public-debt',
    'strongest-ever',
    'source-of-stability',
    'deterrence-engagement',
    'negotiations',
    'trade-figures',
    {
      name: 'invisible-deterrence',
      note: 'Chris: if deterrence works, nothing happens, so “few results” may be the result.',
    },
  ],
  relations: [
    ['troops-1952', 'SUPPORTS', 'cornerstone'],
    ['edd', 'SUPPORTS', 'cornerstone'],
    ['afghanistan', 'SUPPORTS', 'cornerstone', 'Japan pays its share'],
    ['warships', 'SUPPORTS', 'more-stable'],
    ['more-stable', 'SUPPORTS', 'cornerstone'],
    ['strongest-ever', 'SUPPORTS', 'more-stable', 'overstates'],
    ['source-of-stability', 'SUPPORTS', 'more-stable', 'restates'],
    ['contain-china', 'ATTACKS', 'more-stable', 'rivalry, not safety'],
    ['nss-china', 'SUPPORTS', 'contain-china'],
    ['taiwan-strait', 'SUPPORTS', 'contain-china', 'the threat since 1996'],
    ['second-thoughts', 'ATTACKS', 'cornerstone'],
    ['few-results', 'SUPPORTS', 'second-thoughts'],
    ['public-debt', 'SUPPORTS', 'second-thoughts', 'who pays?'],
    ['invisible-deterrence', 'ATTACKS', 'few-results'],
    ['deterrence-engagement', 'ATTACKS', 'contain-china', 'deterrence alone fails'],
    ['negotiations', 'SUPPORTS', 'deterrence-engagement'],
    ['trade-figures', 'SUPPORTS', 'deterrence-engagement', 'engagement pays'],
  ],
}

export const DEMO_PERSONAL_MAPS: DemoPersonalMap[] = [
  {
    owner: 'alex',
    title: 'Why the alliance outlived the Cold War',
    nodes: [
      'yoshida',
      'taiwan-strait',
      'trade-figures',
      'cannot-define',
      {
        name: 'conclusion',
        note: 'Dependence became habit: the alliance lasts because leaving costs more than staying.',
      },
    ],
    relations: [
      ['taiwan-strait', 'SUPPORTS', 'yoshida', 'renewed the need'],
      ['trade-figures', 'SUPPORTS', 'conclusion'],
      ['yoshida', 'SUPPORTS', 'conclusion'],
      ['cannot-define', 'ATTACKS', 'conclusion', 'waves the costs away'],
    ],
    pinned: [
      {
        node: 'cannot-define',
        text: 'Good eye for the framing. Now say what a fair version of this sentence would claim.',
      },
    ],
    overall: {
      text: 'A clear line from dependence to habit. The other side (the free-rider charge) is missing.',
      scores: [4, 2, 5],
    },
  },
  {
    owner: 'bea',
    title: 'Framing against figures in the essay-service paper',
    nodes: ['benefits-over-costs', 'defense-budget', 'second-economy', 'turn-for-worst', 'delegate'],
    relations: [
      ['defense-budget', 'ATTACKS', 'benefits-over-costs', 'a cost never weighed'],
      ['second-economy', 'ATTACKS', 'benefits-over-costs'],
      ['turn-for-worst', 'SUPPORTS', 'benefits-over-costs', 'framing, not evidence'],
      ['delegate', 'ATTACKS', 'benefits-over-costs', 'the same move in another essay'],
    ],
    pinned: [
      {
        node: 'defense-budget',
        text: 'The strongest link on the map: the essay’s own figure turned against its conclusion.',
      },
      { node: 'delegate', text: 'Does the second essay’s framing really bear on this one? Say why in a label.' },
    ],
    overall: { text: 'Sharp reading of the framing and good use of the essay’s own numbers.', scores: [5, 4, 4] },
  },
  {
    owner: 'chris',
    title: 'Deterrence needs diplomacy',
    nodes: ['deterrence-engagement', 'futenma', 'article-9', 'collective-self-defense', 'free-riding'],
    relations: [
      ['futenma', 'SUPPORTS', 'deterrence-engagement'],
      ['collective-self-defense', 'SUPPORTS', 'article-9'],
      ['article-9', 'ATTACKS', 'deterrence-engagement', 'more force, not more talk'],
      ['free-riding', 'ATTACKS', 'article-9'],
    ],
    pinned: [
      { node: 'futenma', text: 'Does the Futenma figure support engagement, or only show friction? Say which.' },
    ],
    overall: {
      text: 'The tension between Article 9 and engagement is well drawn; the evidence for your main claim is thin.',
      scores: [3, 4, 3],
    },
  },
]
