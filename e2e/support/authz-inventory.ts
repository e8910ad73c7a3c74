// What the running build exposes: every server action (from Next's server reference manifest)
// and every route handler with the HTTP methods it exports (from the file system).
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

export interface ServerAction {
  id: string
  /** "lib/groups/actions.ts#createGroupAction" */
  key: string
}

interface ManifestEntry {
  filename?: string
  exportedName?: string
}

export function serverActions(root: string): ServerAction[] {
  const manifest = JSON.parse(readFileSync(join(root, '.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, ManifestEntry>
  }
  return Object.entries(manifest.node).map(([id, entry]) => {
    if (!entry.filename || !entry.exportedName)
      throw new Error(`Server action ${id} has no filename or exported name in the manifest`)
    return { id, key: `${entry.filename}#${entry.exportedName}` }
  })
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const

/** "GET /api/sources/[sourceId]/export", one per exported method of every app/**\/route.ts. */
export function routeHandlers(root: string): string[] {
  const app = join(root, 'app')
  const files = readdirSync(app, { recursive: true, encoding: 'utf8' }).filter((file) =>
    /(^|[/\\])route\.(ts|tsx|js)$/.test(file),
  )
  return files.flatMap((file) => {
    const source = readFileSync(join(app, file), 'utf8')
    const path = `/${relative(app, join(app, file))
      .split(sep)
      .slice(0, -1)
      .filter((segment) => !/^\(.*\)$/.test(segment))
      .join('/')}`
    const exported = METHODS.filter(
      (method) =>
        new RegExp(`export\\s+(async\\s+)?function\\s+${method}\\b`).test(source) ||
        new RegExp(`export\\s+(const|let)\\s+${method}\\b`).test(source) ||
        new RegExp(`export\\s*\\{[^}]*\\bas\\s+${method}\\b[^}]*\\}`).test(source) ||
        new RegExp(`export\\s*\\{([^}]*[\\s,])?${method}\\s*[,}]`).test(source),
    )
    if (exported.length === 0) throw new Error(`app/${file} exports no HTTP method the inventory recognises`)
    return exported.map((method) => `${method} ${path}`)
  })
}
