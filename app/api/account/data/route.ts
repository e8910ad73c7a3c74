// A person's own data as one JSON file: what they would lose by deleting their account.
import { personalData } from '@/lib/account/personal-data'
import { getCurrentUser } from '@/lib/auth/session'
import { downloadResponse, errorResponse } from '@/lib/http'

export const dynamic = 'force-dynamic'

export async function GET() {
  try {
    const data = await personalData(await getCurrentUser())
    return downloadResponse({
      body: JSON.stringify(data, null, 2),
      contentType: 'application/json; charset=utf-8',
      filename: `colloquy-my-data-${data.exportedAt.slice(0, 10)}.json`,
    })
  } catch (error) {
    return errorResponse(error)
  }
}
