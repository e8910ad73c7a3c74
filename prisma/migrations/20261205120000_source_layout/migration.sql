-- AlterTable: the layout of a source's text, block by block (kind, heading level, page of the original).
ALTER TABLE "Source" ADD COLUMN "layout" JSONB NOT NULL DEFAULT '[]';
