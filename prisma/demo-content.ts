// The demo seminar: who is in it and which essays it reads. Passwords are for the demo only.

export const DEMO_PASSWORD = 'seminar-demo'

export const DEMO_INSTRUCTOR = { name: 'Dr. Naomi Sato', email: 'instructor@colloquy.test' }

export const DEMO_STUDENTS = [
  { name: 'Alex Rivera', email: 'alex@colloquy.test' },
  { name: 'Bea Tanaka', email: 'bea@colloquy.test' },
  { name: 'Chris Okafor', email: 'chris@colloquy.test' },
]

export const DEMO_GROUP = {
  name: 'US–Japan Alliance Seminar',
  description:
    'Five essays on the US–Japan security alliance: what holds it together, what strains it, and who benefits.',
}

/** Metadata we know beyond what the importer finds in the text itself. */
export const DEMO_ESSAYS: { file: string; title: string; author: string | null; year: number | null }[] = [
  {
    file: '000_7e4243c91726474a.txt',
    title: 'The Development and Significance of the U.S.-Japan Enforced Security Alliance',
    author: null,
    year: null,
  },
  { file: '001_880c7d398f509fc6.txt', title: 'The U.S.-Japan Alliance', author: null, year: null },
  { file: '002_251c329c02d27095.txt', title: 'US – Japan Alliance', author: null, year: null },
  {
    file: '003_efd70901a5858e8b.txt',
    title: 'US-Japan Alliance amid Changing Security Environment',
    author: 'Asia Times',
    year: null,
  },
  {
    file: '004_ac0a64336d6577ef.txt',
    title: 'Converging Interests and Shared Values: The U.S.-Japan Bilateral Alliance Enters the 21st Century',
    author: 'Eric Sayers',
    year: null,
  },
]
