// Runs once when a server process starts (Next's instrumentation hook). What it starts is Node
// only (instrumentation-node.ts), so it is loaded in the Node runtime and never bundled for the edge.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { startServerProcess } = await import('./instrumentation-node')
  startServerProcess()
}
