// Live stream limits: a dozen tabs per person, a bounded rate of opening them, and a slot given
// back when a stream ends; the 429 says when to come back.
import { describe, expect, it } from 'vitest'
import { toFailure } from '@/lib/errors'
import { MAX_OPENS_PER_MINUTE, MAX_STREAMS_PER_USER, reserveStream } from '@/lib/realtime/stream-limits'

const refusal = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    return toFailure(error)
  }
  return null
}

describe('reserveStream', () => {
  it('gives one person at most MAX_STREAMS_PER_USER open streams, and another person theirs', () => {
    const releases = Array.from({ length: MAX_STREAMS_PER_USER }, () => reserveStream('tabs-alex'))
    expect(refusal(() => reserveStream('tabs-alex'))).toMatchObject({
      status: 429,
      retryAfterSeconds: 30,
      error: expect.stringMatching(/more than 12 tabs/),
    })
    const bea = reserveStream('tabs-bea')
    releases.pop()!()
    const again = reserveStream('tabs-alex')
    for (const release of [...releases, again, bea]) release()
  })

  it('gives a slot back once, however often the stream says it ended', () => {
    const first = reserveStream('twice-alex')
    first()
    first()
    const releases = Array.from({ length: MAX_STREAMS_PER_USER }, () => reserveStream('twice-alex'))
    expect(refusal(() => reserveStream('twice-alex'))).toMatchObject({ status: 429 })
    for (const release of releases) release()
  })

  it('refuses opening faster than MAX_OPENS_PER_MINUTE, and says when the minute is up', () => {
    const now = 1_000_000
    for (let i = 0; i < MAX_OPENS_PER_MINUTE; i++) reserveStream('burst-alex', now + i)()
    expect(refusal(() => reserveStream('burst-alex', now + 30_000))).toMatchObject({
      status: 429,
      retryAfterSeconds: 30,
    })
    expect(refusal(() => reserveStream('burst-alex', now + 60_000 + MAX_OPENS_PER_MINUTE))).toBeNull()
  })
})
