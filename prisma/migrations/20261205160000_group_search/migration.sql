-- Search in a group (lib/search): full-text indexes for ranked word search (stemmed, English),
-- and trigram indexes for substring search, which is what finds words in scripts written without
-- spaces (Japanese, Chinese), where the full-text parser sees a whole sentence as one word.
-- The queries in lib/search/sql.ts repeat these index expressions exactly, or the indexes go unused.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The words of a Tiptap note (every "text" in the document), for indexing notes and replies.
CREATE FUNCTION colloquy_doc_text(doc jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(t #>> '{}', ' '), '') FROM jsonb_path_query(doc, 'strict $.**.text') AS t
$$;

CREATE INDEX "Source_search_fts" ON "Source" USING gin ((
  setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', coalesce(author, '')), 'B') || setweight(to_tsvector('english', text), 'C')
));
CREATE INDEX "Source_search_trgm" ON "Source" USING gin ((title || ' ' || coalesce(author, '') || ' ' || text) gin_trgm_ops);

CREATE INDEX "Highlight_search_fts" ON "Highlight" USING gin ((
  setweight(to_tsvector('english', exact), 'A') || setweight(to_tsvector('english', colloquy_doc_text(note)), 'B')
));
CREATE INDEX "Highlight_search_trgm" ON "Highlight" USING gin ((exact || ' ' || colloquy_doc_text(note)) gin_trgm_ops);

CREATE INDEX "Reply_search_fts" ON "Reply" USING gin ((to_tsvector('english', colloquy_doc_text(body))));
CREATE INDEX "Reply_search_trgm" ON "Reply" USING gin ((colloquy_doc_text(body)) gin_trgm_ops);

CREATE INDEX "MapNode_search_fts" ON "MapNode" USING gin ((to_tsvector('english', label)));
CREATE INDEX "MapNode_search_trgm" ON "MapNode" USING gin (label gin_trgm_ops);
