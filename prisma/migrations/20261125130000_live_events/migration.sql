-- AlterTable
ALTER TABLE "Group" ADD COLUMN     "eventSeq" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "GroupEvent" (
    "groupId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GroupEvent_pkey" PRIMARY KEY ("groupId","seq")
);

-- CreateTable
CREATE TABLE "ReaderPresence" (
    "connectionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReaderPresence_pkey" PRIMARY KEY ("connectionId")
);

-- CreateIndex
CREATE INDEX "GroupEvent_createdAt_idx" ON "GroupEvent"("createdAt");

-- CreateIndex
CREATE INDEX "ReaderPresence_sourceId_seenAt_idx" ON "ReaderPresence"("sourceId", "seenAt");

-- AddForeignKey
ALTER TABLE "GroupEvent" ADD CONSTRAINT "GroupEvent_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReaderPresence" ADD CONSTRAINT "ReaderPresence_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReaderPresence" ADD CONSTRAINT "ReaderPresence_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

