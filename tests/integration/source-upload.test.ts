// Uploading a file to add a source: only the group's instructors may have a file read, who may
// not is refused before the upload is read, and nothing is stored.
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { db } from '@/lib/db'
import { classroom } from './fixtures'

// Who is signed in is the one thing faked: next-auth needs a live request to read its cookie.
const signedIn = vi.hoisted(() => ({ user: null as { id: string; name: string; email: string } | null }))
vi.mock('@/lib/auth/session', async () => {
  const { Unauthenticated } = await import('@/lib/errors')
  return {
    getCurrentUser: async () => signedIn.user,
    requireUser: async () => {
      if (!signedIn.user) throw new Unauthenticated()
      return signedIn.user
    },
  }
})

const { POST } = await import('@/app/api/groups/[groupId]/sources/extract/route')

let seminar: Awaited<ReturnType<typeof classroom>>

beforeAll(async () => {
  seminar = await classroom()
})

function uploadRequest(file: File | null, headers: Record<string, string> = {}): Request {
  const form = new FormData()
  if (file) form.append('file', file)
  return new Request('http://localhost/api/upload', { method: 'POST', body: form, headers })
}

/** A request whose body fails the test if anything reads it. */
function unreadableRequest(headers: Record<string, string> = {}): Request {
  const body = new ReadableStream({
    pull() {
      throw new Error('The body was read before the request was authorized.')
    },
  })
  return new Request('http://localhost/api/upload', {
    method: 'POST',
    body,
    duplex: 'half',
    headers: { 'content-type': 'multipart/form-data; boundary=x', ...headers },
  } as RequestInit)
}

const call = async (request: Request, groupId = seminar.groupId) => {
  const response = await POST(request, { params: Promise.resolve({ groupId }) })
  return {
    status: response.status,
    body: (await response.json()) as { blocks?: unknown[]; metadata?: unknown; error?: string },
  }
}

const essay = () =>
  new File(['# Why Alliances Endure\n\nAlliances last when both partners gain.'], 'essay.md', { type: 'text/markdown' })

describe('the upload route', () => {
  it('gives an instructor the blocks and details of the file (read in a job worker), and stores nothing', async () => {
    signedIn.user = seminar.instructor
    const sources = await db.source.count()
    expect(await call(uploadRequest(essay()))).toEqual({
      status: 200,
      body: {
        blocks: [
          { text: 'Why Alliances Endure', kind: 'heading', level: 1, junkReason: 'the title (in the Title field)' },
          { text: 'Alliances last when both partners gain.', kind: 'paragraph' },
        ],
        metadata: { title: 'Why Alliances Endure' },
      },
    })
    expect(await db.source.count()).toBe(sources)
  })

  it('refuses before reading the upload: signed out 401, a student 403, an outsider or unknown group 404', async () => {
    signedIn.user = null
    expect(await call(unreadableRequest())).toMatchObject({
      status: 401,
      body: { error: 'Please sign in to continue.' },
    })
    signedIn.user = seminar.student
    expect((await call(unreadableRequest())).status).toBe(403)
    signedIn.user = seminar.outsider
    expect((await call(unreadableRequest())).status).toBe(404)
    signedIn.user = seminar.instructor
    expect((await call(unreadableRequest(), 'nosuchgroupnosuchgroup00')).status).toBe(404)
  })

  it('refuses a body declared over 10 MB without reading it', async () => {
    signedIn.user = seminar.instructor
    const { status, body } = await call(unreadableRequest({ 'content-length': String(11 * 1024 * 1024) }))
    expect(status).toBe(400)
    expect(body.error).toContain('at most 10 MB')
  })

  it('refuses a request without a file, and passes on why a file cannot be read', async () => {
    signedIn.user = seminar.instructor
    expect(await call(uploadRequest(null))).toMatchObject({ status: 400, body: { error: 'Choose a file to upload.' } })
    const empty = new File([], 'empty.txt', { type: 'text/plain' })
    expect(await call(uploadRequest(empty))).toMatchObject({ status: 400, body: { error: 'This file is empty.' } })
    const json = new Request('http://localhost/api/upload', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    })
    expect((await call(json)).body.error).toContain('multipart/form-data')
  })
})
