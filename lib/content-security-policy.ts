// The Content-Security-Policy of pages: scripts only from this app and inline ones only with the
// nonce of this very response (Next puts it on every script it writes), so an injected <script>,
// inline or from elsewhere, never runs. No 'strict-dynamic': it would let any script element a
// page creates load from anywhere. Styles keep 'unsafe-inline' (React's style attributes need it;
// styles cannot run code). Eval only in development, for hot reload. next.config.js gives the
// API and static files the same policy without a nonce.

export function pagePolicy(nonce: string, production: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${production ? '' : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ')
}

/** Two years, sub-domains included: once a browser has seen the app over https, never plain http again. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains'

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))))
}
