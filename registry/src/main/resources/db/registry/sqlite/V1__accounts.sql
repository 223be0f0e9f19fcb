-- Accounts and the PeerIds (devices) bound to them.
CREATE TABLE account (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL,          -- as registered
  name_key      TEXT    NOT NULL UNIQUE,   -- lower case: names are unique case-insensitively
  password_hash TEXT    NOT NULL,          -- PHC string, Argon2id
  created_at    INTEGER NOT NULL           -- epoch milliseconds
);

CREATE TABLE account_peer (
  account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  peer_id    TEXT    NOT NULL,             -- SHA-256 of the certificate, hex
  added_at   INTEGER NOT NULL,
  PRIMARY KEY (account_id, peer_id)
);
