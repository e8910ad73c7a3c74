-- Email digests of unread notifications (lib/notifications/digest), and archived groups.
CREATE TYPE "DigestFrequency" AS ENUM ('OFF', 'DAILY', 'WEEKLY');

ALTER TABLE "User" ADD COLUMN "digest" "DigestFrequency" NOT NULL DEFAULT 'OFF',
ADD COLUMN "digestSentAt" TIMESTAMP(3);

-- The digest run looks for people who asked for one.
CREATE INDEX "User_digest_idx" ON "User"("digest") WHERE "digest" <> 'OFF';

ALTER TABLE "Group" ADD COLUMN "archivedAt" TIMESTAMP(3);
