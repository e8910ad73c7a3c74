-- AlterTable
ALTER TABLE "Group" ADD COLUMN     "rubric" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "ArgumentMap" ADD COLUMN     "feedbackSeenAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Feedback" ADD COLUMN     "rubricScores" JSONB;

