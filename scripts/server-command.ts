// How the app's server process is started: the production server (scripts/serve.ts, Next.js
// behind the front door) with tsx's loader, or Next's own dev server for hot reload. Node's
// binary itself, not npx, so signals reach the server and its pid is the server's.
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

const require = createRequire(import.meta.url)

export function serverCommand(options: { dev?: boolean; port: number; hostname?: string }): [string, string[]] {
  if (options.dev) {
    const where = options.hostname ? ['-H', options.hostname] : []
    return [process.execPath, [require.resolve('next/dist/bin/next'), 'dev', '-p', String(options.port), ...where]]
  }
  const where = options.hostname ? ['--hostname', options.hostname] : []
  const loader = pathToFileURL(require.resolve('tsx')).href
  const serve = fileURLToPath(new URL('./serve.ts', import.meta.url))
  return [process.execPath, ['--import', loader, serve, '--port', String(options.port), ...where]]
}
