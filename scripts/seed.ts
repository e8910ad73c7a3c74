// `npm run db:seed`: seeds the demo seminar into DATABASE_URL (idempotent).
export {}
const { db } = await import('@/lib/db')
const { seedDemo } = await import('@/prisma/seed')
const result = await seedDemo(db)
console.log(result.created ? 'Demo seminar created.' : 'Demo seminar already present.')
await db.$disconnect()
