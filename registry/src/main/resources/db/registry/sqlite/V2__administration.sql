-- Operators (admin identities, not chat accounts), bans, and the per-user request history.
CREATE TABLE admin (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL,          -- as created
  name_key      TEXT    NOT NULL UNIQUE,   -- lower case: names are unique case-insensitively
  password_hash TEXT    NOT NULL,          -- PHC string, Argon2id
  created_at    INTEGER NOT NULL           -- epoch milliseconds
);

ALTER TABLE account ADD COLUMN banned_at  INTEGER;  -- epoch milliseconds; NULL: not banned
ALTER TABLE account ADD COLUMN ban_reason TEXT;     -- as the operator gave it; may be empty

-- Every request a user's clients sent, written in batches off the request path. name_key is the
-- account name in lower case, "admin:NAME" for an operator, "@console" for the registry's console.
CREATE TABLE request_log (
  id         INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,               -- epoch milliseconds
  name_key   TEXT    NOT NULL,
  session_id INTEGER NOT NULL,
  request    TEXT    NOT NULL,               -- the request type, e.g. Login
  arguments  TEXT    NOT NULL,               -- its fields without passwords, e.g. name=alice
  outcome    TEXT    NOT NULL                -- "ok" or "CODE: sentence"
);
CREATE INDEX request_log_by_name ON request_log (name_key, id);
CREATE INDEX request_log_by_time ON request_log (at);
