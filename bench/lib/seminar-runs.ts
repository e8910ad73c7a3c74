// highlight-create's seminar figure: the same students writing at once, all in one group, then each
// in a group of their own; once with this machine's commits, and once with every commit held
// 2 ms before its WAL flush (commit_delay, with commit_siblings 0 so that it applies to every
// commit), as on a slower disk or with a synchronous standby 2 ms away, where whatever a writer
// holds until its commit is held that much longer.
import pg from 'pg'
import { problemsOf, runLoad, type LoadResult } from './load'
import { step, type Row } from './report'
import type { Writer } from './seminar-writers'

const SECONDS = 10
const WARMUP_SECONDS = 5
/** commit_delay in microseconds: PostgreSQL waits this long before each commit's WAL flush. */
const SLOW_COMMIT_US = 2_000

/** Runs `work` with the server's commit_delay set (for every commit), then resets it. */
async function withCommitDelay<T>(databaseUrl: string, micros: number, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query(`ALTER SYSTEM SET commit_delay = ${micros}`)
    // Otherwise the delay applies only while 5 other transactions are open, which is itself a
    // matter of how long writers wait for each other.
    await client.query('ALTER SYSTEM SET commit_siblings = 0')
    await client.query('SELECT pg_reload_conf()')
    // Every backend reads the reloaded setting before its next command; give them that moment.
    await new Promise((resolve) => setTimeout(resolve, 500))
    return await work()
  } finally {
    await client.query('ALTER SYSTEM RESET commit_delay')
    await client.query('ALTER SYSTEM RESET commit_siblings')
    await client.query('SELECT pg_reload_conf()')
    await client.end()
  }
}

function rowsOf(label: string, together: LoadResult, apart: LoadResult): Row[] {
  return [
    {
      name: `${label} throughput`,
      unit: 'req/s',
      figure: together.requestsPerSecond,
      baseline: apart.requestsPerSecond,
    },
    { name: `${label} latency p50`, unit: 'ms', figure: together.p50, baseline: apart.p50 },
    { name: `${label} latency p99`, unit: 'ms', figure: together.p99, baseline: apart.p99 },
  ]
}

const described = (run: LoadResult) =>
  `${Math.round(run.requestsPerSecond)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms`

/** The seminar's rows and notes; failures go to `failures`. `runs` counts the load runs, for the in-flight allowance. */
export async function seminarAtOnce(
  appUrl: string,
  databaseUrl: string,
  writers: Writer[],
  nextBody: () => string,
  failures: string[],
): Promise<{ rows: Row[]; notes: string[]; created: number; runs: number }> {
  const n = writers.length
  const run = (where: 'seminar' | 'own group', seconds: number) =>
    runLoad({
      origin: appUrl,
      path: writers[0]!.seminarPath,
      connections: n,
      seconds,
      nextBody,
      perConnection: (i) => ({
        path: where === 'seminar' ? writers[i]!.seminarPath : writers[i]!.ownGroupPath,
        headers: { cookie: writers[i]!.cookie },
      }),
    })
  const pair = async (what: string) => {
    const together = await run('seminar', SECONDS)
    const apart = await run('own group', SECONDS)
    failures.push(
      ...problemsOf(`${n} writers in one group${what}`, together),
      ...problemsOf(`${n} writers in ${n} groups${what}`, apart),
    )
    return { together, apart }
  }
  step(`${n} writers: warming up for ${WARMUP_SECONDS} s, then one group and ${n} groups, ${SECONDS} s each`)
  const warmup = await run('own group', WARMUP_SECONDS)
  failures.push(...problemsOf('seminar warm-up', warmup))
  const fast = await pair('')
  step(`the same with commits held ${SLOW_COMMIT_US / 1000} ms (commit_delay)`)
  const slow = await withCommitDelay(databaseUrl, SLOW_COMMIT_US, () => pair(`, ${SLOW_COMMIT_US / 1000} ms commits`))
  const runs = [warmup, fast.together, fast.apart, slow.together, slow.apart]
  return {
    runs: runs.length,
    created: runs.reduce((sum, r) => sum + (r.statusCodes['201'] ?? 0), 0),
    rows: [
      ...rowsOf(`seminar c${n}: one group (baseline: ${n} groups)`, fast.together, fast.apart),
      ...rowsOf(
        `seminar c${n}, ${SLOW_COMMIT_US / 1000} ms commits: one group (baseline: ${n} groups)`,
        slow.together,
        slow.apart,
      ),
    ],
    notes: [
      `seminar: ${n} students, one connection each, all on one essay of one group: ${described(fast.together)}; the same ${n} each in a group of their own: ${described(fast.apart)}`,
      `seminar with every commit held ${SLOW_COMMIT_US / 1000} ms (commit_delay = ${SLOW_COMMIT_US} µs): one group ${described(slow.together)}; ${n} groups ${described(slow.apart)}`,
    ],
  }
}
