// The demo seminar's maps: the group's debate across the essays, and one submitted personal map
// per student with the instructor's feedback pinned to its nodes and scored with the rubric.
// Nodes cite highlights by their key in demo-highlights.ts; a node without one is a note.
import type { DemoStudent } from './demo-highlights'

export interface DemoNode {
  id: string
  /** The cited highlight's key; the node takes its tag and passage. */
  cites?: string
  /** A note's own text. */
  note?: string
}

export interface DemoRelation {
  from: string
  to: string
  kind: 'SUPPORTS' | 'ATTACKS'
  label?: string
}

export interface DemoMap {
  title: string
  nodes: DemoNode[]
  relations: DemoRelation[]
}

export interface DemoPersonalMap extends DemoMap {
  owner: DemoStudent
  /** Pinned to a node of this map. */
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
      id: 'question',
      note: 'Our question: does the alliance still make the region safer, or has it become part of the rivalry it was meant to deter?',
    },
    { id: 'cornerstone', cites: 'cornerstone' },
    { id: 'more-stable', cites: 'more-stable' },
    { id: 'troops', cites: 'troops-1952' },
    { id: 'edd', cites: 'edd' },
    { id: 'warships', cites: 'warships' },
    { id: 'afghanistan', cites: 'afghanistan' },
    { id: 'contain', cites: 'contain-china' },
    { id: 'nss', cites: 'nss-china' },
    { id: 'taiwan', cites: 'taiwan-strait' },
    { id: 'second-thoughts', cites: 'second-thoughts' },
    { id: 'few-results', cites: 'few-results' },
    { id: 'debt', cites: 'public-debt' },
    { id: 'strongest', cites: 'strongest-ever' },
    { id: 'source-of-stability', cites: 'source-of-stability' },
    { id: 'engagement', cites: 'deterrence-engagement' },
    { id: 'negotiations', cites: 'negotiations' },
    { id: 'trade', cites: 'trade-figures' },
    { id: 'unnoticed', note: 'Chris: if deterrence works, nothing happens, so “few results” may be the result.' },
  ],
  relations: [
    { from: 'troops', to: 'cornerstone', kind: 'SUPPORTS' },
    { from: 'edd', to: 'cornerstone', kind: 'SUPPORTS' },
    { from: 'afghanistan', to: 'cornerstone', kind: 'SUPPORTS', label: 'Japan pays its share' },
    { from: 'warships', to: 'more-stable', kind: 'SUPPORTS' },
    { from: 'more-stable', to: 'cornerstone', kind: 'SUPPORTS' },
    { from: 'strongest', to: 'more-stable', kind: 'SUPPORTS', label: 'overstates' },
    { from: 'source-of-stability', to: 'more-stable', kind: 'SUPPORTS', label: 'restates' },
    { from: 'contain', to: 'more-stable', kind: 'ATTACKS', label: 'rivalry, not safety' },
    { from: 'nss', to: 'contain', kind: 'SUPPORTS' },
    { from: 'taiwan', to: 'contain', kind: 'SUPPORTS', label: 'the threat since 1996' },
    { from: 'second-thoughts', to: 'cornerstone', kind: 'ATTACKS' },
    { from: 'few-results', to: 'second-thoughts', kind: 'SUPPORTS' },
    { from: 'debt', to: 'second-thoughts', kind: 'SUPPORTS', label: 'who pays?' },
    { from: 'unnoticed', to: 'few-results', kind: 'ATTACKS' },
    { from: 'engagement', to: 'contain', kind: 'ATTACKS', label: 'deterrence alone fails' },
    { from: 'negotiations', to: 'engagement', kind: 'SUPPORTS' },
    { from: 'trade', to: 'engagement', kind: 'SUPPORTS', label: 'engagement pays' },
  ],
}

export const DEMO_PERSONAL_MAPS: DemoPersonalMap[] = [
  {
    owner: 'alex',
    title: 'Why the alliance outlived the Cold War',
    nodes: [
      { id: 'yoshida', cites: 'yoshida' },
      { id: 'taiwan', cites: 'taiwan-strait' },
      { id: 'trade', cites: 'trade-figures' },
      { id: 'cannot-define', cites: 'cannot-define' },
      {
        id: 'conclusion',
        note: 'Dependence became habit: the alliance lasts because leaving costs more than staying.',
      },
    ],
    relations: [
      { from: 'taiwan', to: 'yoshida', kind: 'SUPPORTS', label: 'renewed the need' },
      { from: 'trade', to: 'conclusion', kind: 'SUPPORTS' },
      { from: 'yoshida', to: 'conclusion', kind: 'SUPPORTS' },
      { from: 'cannot-define', to: 'conclusion', kind: 'ATTACKS', label: 'waves the costs away' },
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
    nodes: [
      { id: 'benefits', cites: 'benefits-over-costs' },
      { id: 'budget', cites: 'defense-budget' },
      { id: 'economy', cites: 'second-economy' },
      { id: 'worst', cites: 'turn-for-worst' },
      { id: 'delegate', cites: 'delegate' },
    ],
    relations: [
      { from: 'budget', to: 'benefits', kind: 'ATTACKS', label: 'a cost never weighed' },
      { from: 'economy', to: 'benefits', kind: 'ATTACKS' },
      { from: 'worst', to: 'benefits', kind: 'SUPPORTS', label: 'framing, not evidence' },
      { from: 'delegate', to: 'benefits', kind: 'ATTACKS', label: 'the same move in another essay' },
    ],
    pinned: [
      { node: 'budget', text: 'The strongest link on the map: the essay’s own figure turned against its conclusion.' },
      { node: 'delegate', text: 'Does the second essay’s framing really bear on this one? Say why in a label.' },
    ],
    overall: { text: 'Sharp reading of the framing and good use of the essay’s own numbers.', scores: [5, 4, 4] },
  },
  {
    owner: 'chris',
    title: 'Deterrence needs diplomacy',
    nodes: [
      { id: 'engagement', cites: 'deterrence-engagement' },
      { id: 'futenma', cites: 'futenma' },
      { id: 'article-9', cites: 'article-9' },
      { id: 'self-defense', cites: 'collective-self-defense' },
      { id: 'free-riding', cites: 'free-riding' },
    ],
    relations: [
      { from: 'futenma', to: 'engagement', kind: 'SUPPORTS' },
      { from: 'self-defense', to: 'article-9', kind: 'SUPPORTS' },
      { from: 'article-9', to: 'engagement', kind: 'ATTACKS', label: 'more force, not more talk' },
      { from: 'free-riding', to: 'article-9', kind: 'ATTACKS' },
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
