-- Where each block of a source's text starts (lib/sources/block-index.ts): citing a passage by
-- paragraph (the map page, exports) reads this instead of the text. Filled on first need.
CREATE TABLE "SourceBlocks" (
    "sourceId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "blocks" JSONB NOT NULL,

    CONSTRAINT "SourceBlocks_pkey" PRIMARY KEY ("sourceId")
);

ALTER TABLE "SourceBlocks" ADD CONSTRAINT "SourceBlocks_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;
