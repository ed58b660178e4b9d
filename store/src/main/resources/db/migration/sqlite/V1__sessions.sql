-- Tau session store, schema version 1 (SQLite).
-- Times are Unix epoch milliseconds (UTC). The exact event instant lives in the payload.

CREATE TABLE sessions (
  id          TEXT    NOT NULL PRIMARY KEY,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  event_count INTEGER NOT NULL DEFAULT 0 CHECK (event_count >= 0)
) STRICT;

-- list() reads sessions newest-updated first, ties by id.
CREATE INDEX sessions_by_updated_at ON sessions (updated_at DESC, id);

CREATE TABLE session_events (
  session_id TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL CHECK (seq >= 1),
  kind       TEXT    NOT NULL,
  at         INTEGER NOT NULL,
  -- The event in Tau's JSON shape (dev.tau.core.json.MessageCodec.eventToJson).
  payload    TEXT    NOT NULL CHECK (json_valid(payload)),
  PRIMARY KEY (session_id, seq)
) STRICT;
