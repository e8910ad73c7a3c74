-- Live events are numbered after their writer commits (lib/realtime/numbering.ts). A writer's
-- transaction stores its event without a number, touching neither the group's row nor NOTIFY, so
-- it holds no lock another writer of the group (or of any group) waits for. A short numbering
-- transaction then gives the group's pending events, oldest first, the next numbers under the
-- group's row lock (held for that transaction only) and announces each.

-- Events have their own key; seq is set by the numbering, unique per group once set.
ALTER TABLE "GroupEvent" DROP CONSTRAINT "GroupEvent_pkey";
ALTER TABLE "GroupEvent" ADD COLUMN "id" BIGSERIAL NOT NULL;
ALTER TABLE "GroupEvent" ADD CONSTRAINT "GroupEvent_pkey" PRIMARY KEY ("id");
ALTER TABLE "GroupEvent" ALTER COLUMN "seq" DROP NOT NULL;
CREATE UNIQUE INDEX "GroupEvent_groupId_seq_key" ON "GroupEvent"("groupId", "seq");

-- The events still waiting for a number, in the order they were written.
CREATE INDEX "GroupEvent_pending_idx" ON "GroupEvent"("groupId", "id") WHERE "seq" IS NULL;

-- Numbers the pending events of these groups, at most p_limit per group, in one transaction: each
-- group's row is locked (in id order, so two numberers never deadlock), its pending events take
-- the numbers after the group's last in the order they were written, each is announced on
-- p_channel (delivered at commit, in number order: the next numbering of the group waits for
-- this one's commit), and the group's counter moves on. Answers how many each group got, and
-- which groups were busy: unless p_wait, a group whose row another transaction holds (another
-- numbering, a membership change) is skipped rather than waited for, so it holds up no other
-- group; the caller asks again for it a moment later.
-- Each statement of a plpgsql function reads a fresh snapshot, so the pending events read after
-- the lock include every one committed before it, and none another numbering already took.
CREATE FUNCTION colloquy_number_events(p_channel text, p_groups text[], p_limit integer, p_wait boolean)
RETURNS TABLE (group_id text, numbered integer, busy boolean)
LANGUAGE plpgsql AS $$
DECLARE
  v_last integer;
  v_event record;
BEGIN
  FOR group_id IN SELECT DISTINCT g FROM unnest(p_groups) AS g ORDER BY g LOOP
    numbered := 0;
    busy := false;
    IF p_wait THEN
      SELECT "eventSeq" INTO v_last FROM "Group" WHERE id = group_id FOR NO KEY UPDATE;
    ELSE
      SELECT "eventSeq" INTO v_last FROM "Group" WHERE id = group_id FOR NO KEY UPDATE SKIP LOCKED;
      -- Not found: gone (its events went with it), or locked, which a plain read tells apart.
      busy := NOT FOUND AND EXISTS (SELECT 1 FROM "Group" WHERE id = group_id);
    END IF;
    IF v_last IS NOT NULL AND NOT busy THEN
      FOR v_event IN
        SELECT e.id, e.payload FROM "GroupEvent" e WHERE e."groupId" = group_id AND e.seq IS NULL ORDER BY e.id LIMIT p_limit
      LOOP
        v_last := v_last + 1;
        numbered := numbered + 1;
        UPDATE "GroupEvent" SET seq = v_last WHERE id = v_event.id;
        PERFORM pg_notify(p_channel, json_build_object('groupId', group_id, 'seq', v_last, 'event', v_event.payload)::text);
      END LOOP;
      IF numbered > 0 THEN
        UPDATE "Group" SET "eventSeq" = v_last WHERE id = group_id;
      END IF;
    END IF;
    v_last := NULL;
    RETURN NEXT;
  END LOOP;
END $$;

-- Publishing is now a plain INSERT of the pending event (lib/realtime/publish.ts).
DROP FUNCTION colloquy_publish(text, text, jsonb);

-- As before (20261125150000_write_functions), but the event is stored pending: no group row lock
-- and no NOTIFY in the writer's transaction. The caller asks for the numbering once it returns.
-- And an author's creates no longer wait for each other's commits: each holds the author's lock
-- shared and the lock of its own passage and tag exclusively, so only a twin waits (then finds
-- the first); a change of an existing highlight's passage or tag still takes the author's lock
-- exclusively (lib/annotations/mutations.ts), excluding every create of that author meanwhile.
DROP FUNCTION colloquy_create_highlight(text, text, text, text, integer, text, "HighlightTag", "Visibility", text, text, text, integer, integer, jsonb, jsonb);
CREATE FUNCTION colloquy_create_highlight(
  p_group text, p_id text, p_source text, p_version integer, p_author text,
  p_tag "HighlightTag", p_visibility "Visibility", p_exact text, p_prefix text, p_suffix text,
  p_start integer, p_end integer, p_note jsonb, p_event jsonb
) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  v_version integer;
BEGIN
  -- One create at a time per author, source, passage and tag: a double submit cannot make twins.
  PERFORM pg_advisory_xact_lock_shared(hashtext(p_source || ':' || p_author));
  PERFORM pg_advisory_xact_lock(hashtext(p_source || ':' || p_author || ':' || p_start || ':' || p_end || ':' || p_tag));
  -- Locked against a concurrent edit, which re-anchors highlights under FOR UPDATE.
  SELECT version INTO v_version FROM "Source" WHERE id = p_source FOR SHARE;
  IF NOT FOUND THEN
    RETURN 'gone';
  END IF;
  IF v_version <> p_version THEN
    RETURN 'edited';
  END IF;
  IF EXISTS (
    SELECT 1 FROM "Highlight"
     WHERE "sourceId" = p_source AND "authorId" = p_author AND start = p_start AND "end" = p_end AND tag = p_tag
  ) THEN
    RETURN 'twin';
  END IF;
  INSERT INTO "Highlight" (id, "sourceId", "authorId", tag, visibility, exact, prefix, suffix, start, "end", "sourceVersion", note, "updatedAt")
  VALUES (p_id, p_source, p_author, p_tag, p_visibility, p_exact, p_prefix, p_suffix, p_start, p_end, p_version, p_note, CURRENT_TIMESTAMP);
  INSERT INTO "GroupEvent" ("groupId", type, payload) VALUES (p_group, p_event->>'type', p_event);
  RETURN 'created';
END $$;
