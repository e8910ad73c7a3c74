// The structured log: JSON lines, level from LOG_LEVEL, and never a password, token, cookie,
// email or anything people wrote, wherever it sits and however an error carries it.
import { Writable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { createLogger, describeError } from '@/lib/log'

function capture() {
  const lines: Record<string, unknown>[] = []
  const text: string[] = []
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text.push(chunk.toString('utf8'))
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>)
      done()
    },
  })
  return { lines, text, logger: createLogger(destination) }
}

const SECRETS = [
  'hunter2-password',
  'eyJhbGciOi-token',
  'session=abc123',
  'alex@colloquy.test',
  'My private note about Japan',
  'the quoted passage',
  'Node label text',
]

afterEach(() => {
  delete process.env.LOG_LEVEL
})

describe('the log', () => {
  it('writes one JSON object per event, with level, time and message', () => {
    const { lines, logger } = capture()
    logger.info({ task: 'retention', pruned: 3 }, 'Pruned old rows')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'Pruned old rows',
      task: 'retention',
      pruned: 3,
      service: 'colloquy',
    })
    expect(new Date(lines[0]!.time as string).getTime()).toBeGreaterThan(0)
  })

  it('takes its level from LOG_LEVEL', () => {
    process.env.LOG_LEVEL = 'warn'
    const { lines, logger } = capture()
    logger.info('hidden')
    logger.warn('shown')
    expect(lines.map((line) => line.msg)).toEqual(['shown'])
    process.env.LOG_LEVEL = 'loud'
    expect(() => capture()).toThrow('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace or silent.')
  })

  it('never writes credentials, emails or what people wrote, at any depth', () => {
    const { text, logger } = capture()
    logger.warn(
      {
        password: SECRETS[0],
        token: SECRETS[1],
        headers: { cookie: SECRETS[2], authorization: `Bearer ${SECRETS[1]}` },
        user: { email: SECRETS[3], passwordHash: '$argon2id$v=19$secret' },
        input: {
          highlight: { note: { type: 'doc', content: [{ type: 'text', text: SECRETS[4] }] }, exact: SECRETS[5] },
        },
        node: { label: SECRETS[6] },
      },
      'A request went wrong',
    )
    const written = text.join('')
    for (const secret of [...SECRETS, '$argon2id']) expect(written).not.toContain(secret)
    expect(written).toContain('[redacted]')
  })

  it('logs an error by kind, code, last line and stack frames, not the values it echoes', () => {
    // Prisma puts the call's arguments, notes included, above the cause.
    const error = Object.assign(
      new Error(
        `\nInvalid \`prisma.highlight.create()\` invocation:\n{ data: { note: "${SECRETS[4]}", exact: "${SECRETS[5]}" } }\n\nUnique constraint failed on the fields: (\`id\`)`,
      ),
      {
        name: 'PrismaClientKnownRequestError',
        code: 'P2002',
        meta: { target: ['id'], note: SECRETS[4] },
      },
    )
    const described = describeError(error)
    expect(described).toMatchObject({
      type: 'PrismaClientKnownRequestError',
      code: 'P2002',
      message: 'Unique constraint failed on the fields: (`id`)',
    })
    expect((described.stack as string[]).every((frame) => frame.startsWith('at '))).toBe(true)
    const { text, logger } = capture()
    logger.error({ err: error }, 'Unexpected error')
    const written = text.join('')
    expect(written).toContain('P2002')
    for (const secret of SECRETS) expect(written).not.toContain(secret)
  })
})
