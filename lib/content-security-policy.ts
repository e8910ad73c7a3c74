// The Content-Security-Policy of pages, with the nonce of this very response: the policy itself is
// written once, in next.config.js, which gives the API and static files the same one without a
// nonce.
import { contentSecurityPolicy } from '../next.config.js'

export function pagePolicy(nonce: string, production: boolean): string {
  return contentSecurityPolicy({ nonce, production })
}

/** Two years, sub-domains included: once a browser has seen the app over https, never plain http again. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains'

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))))
}
