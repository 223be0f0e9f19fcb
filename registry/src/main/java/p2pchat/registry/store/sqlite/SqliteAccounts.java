package p2pchat.registry.store.sqlite;

import static p2pchat.registry.store.sqlite.Database.key;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import p2pchat.protocol.identity.PeerId;
import p2pchat.registry.store.Account;
import p2pchat.registry.store.AccountStore;
import p2pchat.registry.store.NameTakenException;
import p2pchat.registry.store.StoreException;

/**
 * The accounts in the SQLite file: tables {@code account} (with the ban) and {@code account_peer}.
 */
final class SqliteAccounts implements AccountStore {
  private final Database db;

  SqliteAccounts(Database db) {
    this.db = db;
  }

  @Override
  public Optional<Account> find(String name) throws StoreException {
    return db.run(
        "finding account " + name,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT id, name, password_hash, created_at, banned_at, ban_reason"
                      + " FROM account WHERE name_key = ?")) {
            s.setString(1, key(name));
            try (ResultSet r = s.executeQuery()) {
              if (!r.next()) {
                return Optional.empty();
              }
              long id = r.getLong(1);
              long bannedAt = r.getLong(5);
              Optional<Account.Ban> ban =
                  r.wasNull()
                      ? Optional.empty()
                      : Optional.of(
                          new Account.Ban(
                              Instant.ofEpochMilli(bannedAt),
                              r.getString(6) == null ? "" : r.getString(6)));
              return Optional.of(
                  new Account(
                      id,
                      r.getString(2),
                      r.getString(3),
                      peerIds(c, id),
                      Instant.ofEpochMilli(r.getLong(4)),
                      ban));
            }
          }
        });
  }

  @Override
  public Account create(String name, String passwordHash, PeerId peerId) throws StoreException {
    Instant now = Instant.now();
    return db.transaction(
        "creating account " + name,
        c -> {
          long id;
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO account (name, name_key, password_hash, created_at)"
                      + " VALUES (?, ?, ?, ?) ON CONFLICT (name_key) DO NOTHING RETURNING id")) {
            s.setString(1, name);
            s.setString(2, key(name));
            s.setString(3, passwordHash);
            s.setLong(4, now.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
              if (!r.next()) {
                throw new NameTakenException(name);
              }
              id = r.getLong(1);
            }
          }
          insertPeer(c, id, peerId, now);
          return new Account(id, name, passwordHash, Set.of(peerId), now);
        });
  }

  @Override
  public void addPeerId(long accountId, PeerId peerId) throws StoreException {
    db.run(
        "adding a device to account " + accountId,
        c -> {
          insertPeer(c, accountId, peerId, Instant.now());
          return null;
        });
  }

  @Override
  public boolean ban(String name, String reason, Instant at) throws StoreException {
    return setBan("banning " + name, name, at, reason);
  }

  @Override
  public boolean unban(String name) throws StoreException {
    return setBan("unbanning " + name, name, null, null);
  }

  private boolean setBan(String operation, String name, Instant at, String reason)
      throws StoreException {
    return db.run(
        operation,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE account SET banned_at = ?, ban_reason = ? WHERE name_key = ?")) {
            if (at == null) {
              s.setNull(1, Types.INTEGER);
            } else {
              s.setLong(1, at.toEpochMilli());
            }
            s.setString(2, reason);
            s.setString(3, key(name));
            return s.executeUpdate() == 1;
          }
        });
  }

  private static void insertPeer(Connection c, long accountId, PeerId peerId, Instant now)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO account_peer (account_id, peer_id, added_at) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING")) {
      s.setLong(1, accountId);
      s.setString(2, peerId.hex());
      s.setLong(3, now.toEpochMilli());
      s.executeUpdate();
    }
  }

  private static Set<PeerId> peerIds(Connection c, long accountId) throws SQLException {
    Set<PeerId> ids = new HashSet<>();
    try (PreparedStatement s =
        c.prepareStatement("SELECT peer_id FROM account_peer WHERE account_id = ?")) {
      s.setLong(1, accountId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(PeerId.ofDigest(HexFormat.of().parseHex(r.getString(1))));
        }
      }
    }
    return ids;
  }
}
