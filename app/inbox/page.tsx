import Link from 'next/link'
import { DigestSetting } from '@/components/notifications/digest-setting'
import { MarkRead } from '@/components/notifications/mark-read'
import { requirePageUser } from '@/lib/auth/session'
import { digestSettingOf, listInbox } from '@/lib/notifications/queries'

export default async function InboxPage() {
  const user = await requirePageUser('/inbox')
  const [{ notifications, unread }, digest] = await Promise.all([listInbox(user), digestSettingOf(user)])

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6 px-4 py-10">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-3xl font-semibold">Inbox</h1>
          <p className="text-sm text-stone-600">{unread === 0 ? 'Nothing unread.' : `${unread} unread`}</p>
        </div>
        {unread > 0 && <MarkRead label="Mark all read" />}
      </header>
      {notifications.length === 0 ? (
        <p className="text-stone-600">
          Replies to your highlights and threads, mentions of you, and feedback on your maps will appear here.
        </p>
      ) : (
        <ol
          aria-label="Notifications"
          className="flex flex-col divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white"
        >
          {notifications.map((n) => (
            <li
              key={n.id}
              className={`flex items-start justify-between gap-4 px-4 py-3 ${n.read ? '' : 'bg-indigo-50/60'}`}
            >
              <Link href={n.href} className="flex min-w-0 flex-col gap-0.5 hover:underline">
                <span className={n.read ? 'text-stone-700' : 'font-semibold text-stone-900'}>
                  {!n.read && <span className="sr-only">Unread: </span>}
                  {n.sentence}
                </span>
                {n.excerpt && (
                  <bdi dir="auto" className="truncate font-serif text-sm text-stone-600">
                    {n.excerpt}
                  </bdi>
                )}
                <span className="text-xs text-stone-500">
                  {n.groupName} ·{' '}
                  <time dateTime={n.createdAt}>
                    {new Date(n.createdAt).toLocaleString('en', {
                      dateStyle: 'medium',
                      timeStyle: 'short',
                      timeZone: 'UTC',
                    })}{' '}
                    UTC
                  </time>
                </span>
              </Link>
              {!n.read && <MarkRead notificationId={n.id} label="Mark read" />}
            </li>
          ))}
        </ol>
      )}
      <DigestSetting initial={digest.digest} email={digest.email} enabled={digest.emailConfigured} />
    </div>
  )
}
