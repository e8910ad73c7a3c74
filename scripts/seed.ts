// `npm run db:seed`: seeds the demo seminar into DATABASE_URL, unless it was seeded there before.
export {}
const { db } = await import('@/lib/db')
const { seedDemo } = await import('@/prisma/seed')
const result = await seedDemo(db)
const said = {
  created: 'Demo seminar created.',
  present: 'Demo seminar already present.',
  removed: 'The demo seminar was seeded here before and has since been removed; it is not added again.',
}
console.log(said[result.status])
await db.$disconnect()
