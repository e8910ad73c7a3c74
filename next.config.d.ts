// The types of next.config.js's exports, for the TypeScript that imports them
// (lib/content-security-policy.ts); the configuration itself stays plain JavaScript.
import type { NextConfig } from 'next'

export function contentSecurityPolicy(options: { nonce?: string; production: boolean }): string
export const SERVER_ACTION_BODY_LIMIT: string
declare const nextConfig: NextConfig
export default nextConfig
