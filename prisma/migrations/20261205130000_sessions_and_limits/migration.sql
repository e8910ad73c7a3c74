-- Sessions kept on the server, rate-limit counters shared by every instance (replacing the
-- sign-in attempt log), and the indexes that let a large map be deleted in one short statement
-- (each deleted node looked up its relations and feedback by a column without an index).

-- DropTable
DROP TABLE "SignInAttempt";

-- CreateTable
CREATE TABLE "AuthSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuthSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "AuthSession_userId_idx" ON "AuthSession"("userId");

-- CreateIndex
CREATE INDEX "MapNode_highlightId_idx" ON "MapNode"("highlightId");

-- CreateIndex
CREATE INDEX "MapRelation_fromId_idx" ON "MapRelation"("fromId");

-- CreateIndex
CREATE INDEX "MapRelation_toId_idx" ON "MapRelation"("toId");

-- CreateIndex
CREATE INDEX "Feedback_nodeId_idx" ON "Feedback"("nodeId");

-- CreateIndex
CREATE INDEX "Feedback_relationId_idx" ON "Feedback"("relationId");

-- AddForeignKey
ALTER TABLE "AuthSession" ADD CONSTRAINT "AuthSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
