import { UnsubscribeButton } from '@/components/notifications/unsubscribe-button'

export const metadata = { title: 'Stop email digests · Colloquy' }

export default async function UnsubscribePage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>
}) {
  const { token } = await searchParams
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-4 px-4 py-16">
      <h1 className="text-2xl font-semibold">Stop email digests</h1>
      <p className="text-sm text-stone-600">
        Colloquy will stop emailing you digests of your unread notifications. Your inbox in Colloquy stays as it is.
      </p>
      <UnsubscribeButton token={typeof token === 'string' ? token : ''} />
    </div>
  )
}
