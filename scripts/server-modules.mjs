// Lets plain Node (the tsx scripts: start, seed, benchmarks) load the modules that mark themselves
// server-only with `import 'server-only'`: the marker resolves to its empty module there, as it
// does in Next's server build, and still fails any client bundle that reaches it. Loaded with
// `--import ./scripts/server-modules.mjs`.
import { register } from 'node:module'

register('./server-modules-hooks.mjs', import.meta.url)
