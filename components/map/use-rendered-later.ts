'use client'
// For the parts of a page that can wait for its main content (a big map's side lists): false in
// the server's HTML and while the page hydrates, then true in a background render React may
// interrupt, so they add nothing to the HTML or the hydration the main content waits for.
import { startTransition, useEffect, useState } from 'react'

export function useRenderedLater(): boolean {
  const [later, setLater] = useState(false)
  useEffect(() => startTransition(() => setLater(true)), [])
  return later
}
