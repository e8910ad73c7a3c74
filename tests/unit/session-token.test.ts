// The session cookie reader must accept exactly what next-auth's own decode accepts: tokens that
// next-auth's encode made with the same secret, unexpired and untouched.
import { EncryptJWT } from 'jose'
import { decode, encode } from 'next-auth/jwt'
import { describe, expect, it } from 'vitest'
import { decodeSessionToken } from '@/lib/auth/session-token'

const secret = 'a-test-secret-of-some-length-0123456789'
const claims = { sub: 'user-1', name: 'Alex Reader', email: 'alex@colloquy.test' }

describe('decodeSessionToken', () => {
  it('reads a token made by next-auth, as next-auth reads it', async () => {
    const token = await encode({ token: claims, secret })
    const ours = await decodeSessionToken({ token, secret })
    expect(ours).toMatchObject(claims)
    expect(ours).toEqual(await decode({ token, secret }))
  })

  it('reads tokens of two secrets side by side (the key is kept per secret)', async () => {
    const other = `${secret}-rotated`
    const first = await encode({ token: claims, secret })
    const second = await encode({ token: { ...claims, sub: 'user-2' }, secret: other })
    expect((await decodeSessionToken({ token: first, secret }))?.sub).toBe('user-1')
    expect((await decodeSessionToken({ token: second, secret: other }))?.sub).toBe('user-2')
    await expect(decodeSessionToken({ token: first, secret: other })).rejects.toThrow()
  })

  it('refuses a token whose ciphertext or tag was changed', async () => {
    const token = await encode({ token: claims, secret })
    const parts = token.split('.')
    const flip = (part: string) => (part[0] === 'A' ? 'B' : 'A') + part.slice(1)
    for (const index of [0, 2, 3, 4]) {
      const forged = parts.map((part, i) => (i === index ? flip(part) : part)).join('.')
      await expect(decodeSessionToken({ token: forged, secret })).rejects.toThrow()
    }
  })

  it('refuses an expired token (beyond the 15 s tolerance next-auth allows)', async () => {
    const token = await encode({ token: claims, secret, maxAge: -60 })
    await expect(decodeSessionToken({ token, secret })).rejects.toThrow(/exp/)
    await expect(decode({ token, secret })).rejects.toThrow(/exp/)
  })

  it('answers null without a token', async () => {
    expect(await decodeSessionToken({ token: undefined, secret })).toBeNull()
    expect(await decodeSessionToken({ token: '', secret })).toBeNull()
  })
})

describe('algorithms of the session cookie', () => {
  const forged = (alg: string, enc: string, key: Uint8Array, p2c?: number) => {
    const jwt = new EncryptJWT(claims).setProtectedHeader({ alg, enc }).setIssuedAt().setExpirationTime('1h')
    return (p2c ? jwt.setKeyManagementParameters({ p2c }) : jwt).encrypt(key)
  }

  it('refuses a PBES2 token before any key derivation, whatever its iteration count', async () => {
    const token = await forged('PBES2-HS512+A256KW', 'A256GCM', new TextEncoder().encode(secret), 10_000)
    const started = performance.now()
    await expect(decodeSessionToken({ token, secret })).rejects.toMatchObject({ code: 'ERR_JOSE_ALG_NOT_ALLOWED' })
    expect(performance.now() - started).toBeLessThan(50)
  })

  it('refuses a direct-key token with another content encryption than next-auth writes', async () => {
    const token = await forged('dir', 'A128CBC-HS256', new Uint8Array(32))
    await expect(decodeSessionToken({ token, secret })).rejects.toMatchObject({ code: 'ERR_JOSE_ALG_NOT_ALLOWED' })
  })
})
