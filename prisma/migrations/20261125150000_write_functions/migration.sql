-- Writes that run as one database round trip. Every round trip of a request costs a system call
-- and a turn of the app's event loop, and a lock held across round trips makes the next writer
-- wait for all of them; inside one function call, locks are held only for the database's own work.

-- Publishes a live event of a group: its next sequence number (the group's row stays locked until
-- commit, so events commit in number order), the stored event, and the notice that announces it
-- at commit. Same effect as before this migration, in one call.
CREATE FUNCTION colloquy_publish(p_channel text, p_group text, p_event jsonb) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_seq integer;
BEGIN
  UPDATE "Group" SET "eventSeq" = "eventSeq" + 1 WHERE id = p_group RETURNING "eventSeq" INTO v_seq;
  IF v_seq IS NULL THEN
    RAISE EXCEPTION 'cannot publish to group %: it does not exist', p_group;
  END IF;
  INSERT INTO "GroupEvent" ("groupId", seq, type, payload) VALUES (p_group, v_seq, p_event->>'type', p_event);
  PERFORM pg_notify(p_channel, json_build_object('groupId', p_group, 'seq', v_seq, 'event', p_event)::text);
  RETURN v_seq;
END $$;

-- Creates a highlight and publishes it, refusing a twin (same author, passage and tag) and a
-- selection made in a text that has since been edited. Answers 'created', 'twin', 'edited' or
-- 'gone' (the source was deleted meanwhile).
-- Each statement of a plpgsql function reads a fresh snapshot, so the twin check after the
-- advisory lock sees a twin committed by a concurrent call that held the lock before.
CREATE FUNCTION colloquy_create_highlight(
  p_channel text, p_group text, p_id text, p_source text, p_version integer, p_author text,
  p_tag "HighlightTag", p_visibility "Visibility", p_exact text, p_prefix text, p_suffix text,
  p_start integer, p_end integer, p_note jsonb, p_event jsonb
) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  v_version integer;
BEGIN
  -- One create at a time per author and source: a double submit cannot make twins.
  PERFORM pg_advisory_xact_lock(hashtext(p_source || ':' || p_author));
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
  PERFORM colloquy_publish(p_channel, p_group, p_event);
  RETURN 'created';
END $$;
