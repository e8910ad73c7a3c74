// Reads next-auth's session cookie (a JWE made by next-auth/jwt's encode) with the encryption key
// derived once per secret. next-auth's own decode derives it with HKDF on every call, which was a
// visible share of each request's CPU; the derivation and the checks here are the same as its own.
import { hkdfSync } from 'node:crypto'
import { jwtDecrypt, type JWTPayload } from 'jose'

const keys = new Map<string, Uint8Array>()

function encryptionKey(secret: string | Buffer): Uint8Array {
  const id = typeof secret === 'string' ? `s:${secret}` : `b:${secret.toString('base64')}`
  let key = keys.get(id)
  if (!key) {
    // next-auth v4: HKDF-SHA256 over the secret as given, empty salt, this info string, 32 bytes
    // (for "dir" A256GCM).
    key = new Uint8Array(hkdfSync('sha256', secret, '', 'NextAuth.js Generated Encryption Key', 32))
    keys.set(id, key)
  }
  return key
}

/**
 * Only what next-auth's encode writes is read: direct key agreement and AES-256-GCM. Without the
 * allow-list jose also tries whatever the token's header names, such as PBES2, which runs
 * thousands of PBKDF2 rounds before a forged cookie is refused.
 */
const ALLOWED = { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] }

/** Drop-in for next-auth/jwt's `decode`: the payload, or a throw for a forged or expired token. */
export async function decodeSessionToken({
  token,
  secret,
}: {
  token?: string
  secret: string | Buffer
}): Promise<JWTPayload | null> {
  if (!token) return null
  const { payload } = await jwtDecrypt(token, encryptionKey(secret), { clockTolerance: 15, ...ALLOWED })
  return payload
}
