-- The folders shared, shared again at each start until unshared.
CREATE TABLE shared_folder (
  path     TEXT    PRIMARY KEY,      -- as the user gave it, absolute
  added_at INTEGER NOT NULL
);

-- The index of shared files, so that unchanged files are not hashed again after a restart.
CREATE TABLE indexed_file (
  root         TEXT    NOT NULL,   -- the shared folder's real path (local only: never published)
  path         TEXT    NOT NULL,   -- relative to root, '/'-separated
  size         INTEGER NOT NULL,
  modified_ns  INTEGER NOT NULL,   -- last modification, nanoseconds since the epoch
  file_key     TEXT    NOT NULL,   -- device and inode: a file replaced by another is hashed again
  chunk_size   INTEGER NOT NULL,
  sha256       BLOB    NOT NULL,   -- of the whole file
  chunk_hashes BLOB    NOT NULL,   -- 32 bytes per chunk, in order
  indexed_at   INTEGER NOT NULL,   -- epoch milliseconds
  PRIMARY KEY (root, path)
);

-- Downloads, so that a restarted client resumes them; the verified chunks are in a state file
-- next to the partial file.
CREATE TABLE download (
  id          INTEGER PRIMARY KEY,
  owner       TEXT    NOT NULL,    -- the user it was asked from
  remote_path TEXT    NOT NULL,    -- the path that user published
  sha256      BLOB    NOT NULL,
  size        INTEGER NOT NULL,
  target      TEXT    NOT NULL,    -- where the finished file goes
  status      TEXT    NOT NULL,    -- ACTIVE, DONE, FAILED, CANCELLED
  note        TEXT    NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL
);
