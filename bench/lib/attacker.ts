// One attacker, in a process of its own: `node --import tsx bench/lib/attacker.ts '<json>'` with
// { attack, target }. Prepares, says "ready" on stdout, attacks until its stdin closes, then prints
// what it did and got as one JSON line and exits.
import { setMaxListeners } from 'node:events'
import { ATTACKS, type Target } from './attacks'
import { client } from './hostile-client'

const { attack: name, target } = JSON.parse(process.argv[2] ?? '{}') as { attack: string; target: Target }
const attack = ATTACKS.find((a) => a.name === name)
if (!attack) throw new Error(`No attack named "${name}"`)

const prepared = await attack.prepare?.()
const preparedAt = process.cpuUsage()
const stop = new AbortController()
// Every request of an attack listens to it.
setMaxListeners(0, stop.signal)
process.stdin.on('close', () => stop.abort()).resume()
const http = client(target.url, Infinity)
process.stdout.write('ready\n')
const summary = await attack.run(target, http, stop.signal, prepared)
http.close()
const used = process.cpuUsage(preparedAt)
process.stdout.write(`${JSON.stringify({ summary, cpuMs: (used.user + used.system) / 1000 })}\n`)
process.exit(0)
