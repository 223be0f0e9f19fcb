package p2pchat.registry.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.flywaydb.core.Flyway;
import p2pchat.protocol.identity.PeerId;

/**
 * The registry's persistent state (accounts and their PeerIds) in an embedded SQLite file, migrated
 * by Flyway on open. One connection, used under this object's lock: SQLite has one writer at a time
 * anyway.
 */
public final class RegistryStore implements AutoCloseable {
  /** File name of the database inside the registry's data folder. */
  public static final String FILE_NAME = "registry.db";

  private final Connection connection;

  private RegistryStore(Connection connection) {
    this.connection = connection;
  }

  /** Opens (creating and migrating if needed) the database in {@code dataDir}. */
  public static RegistryStore open(Path dataDir) throws StoreException {
    String url = "jdbc:sqlite:" + dataDir.resolve(FILE_NAME).toAbsolutePath();
    try {
      Flyway.configure()
          .dataSource(url, null, null)
          .locations("classpath:db/registry")
          .load()
          .migrate();
      Connection connection = DriverManager.getConnection(url);
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA foreign_keys=ON");
        s.execute("PRAGMA busy_timeout=5000");
      }
      return new RegistryStore(connection);
    } catch (SQLException | RuntimeException e) {
      throw new StoreException("opening the database " + url, e);
    }
  }

  /** The account named {@code name}, compared case-insensitively. */
  public synchronized Optional<Account> find(String name) throws StoreException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT id, name, password_hash, created_at FROM account WHERE name_key = ?")) {
      s.setString(1, key(name));
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        long id = r.getLong(1);
        return Optional.of(
            new Account(
                id,
                r.getString(2),
                r.getString(3),
                peerIds(id),
                Instant.ofEpochMilli(r.getLong(4))));
      }
    } catch (SQLException e) {
      throw new StoreException("finding account " + name, e);
    }
  }

  /** Creates an account bound to {@code peerId}; throws {@link NameTakenException} if taken. */
  public synchronized Account create(String name, String passwordHash, PeerId peerId)
      throws StoreException {
    Instant now = Instant.now();
    try {
      connection.setAutoCommit(false);
      long id;
      try (PreparedStatement s =
          connection.prepareStatement(
              "INSERT INTO account (name, name_key, password_hash, created_at) VALUES (?, ?, ?, ?)"
                  + " ON CONFLICT (name_key) DO NOTHING RETURNING id")) {
        s.setString(1, name);
        s.setString(2, key(name));
        s.setString(3, passwordHash);
        s.setLong(4, now.toEpochMilli());
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            connection.rollback();
            throw new NameTakenException(name);
          }
          id = r.getLong(1);
        }
      }
      insertPeer(id, peerId, now);
      connection.commit();
      return new Account(id, name, passwordHash, Set.of(peerId), now);
    } catch (SQLException e) {
      rollbackQuietly();
      throw new StoreException("creating account " + name, e);
    } finally {
      autoCommitQuietly();
    }
  }

  /** Binds {@code peerId} to the account (a new device); does nothing if it is bound already. */
  public synchronized void addPeerId(long accountId, PeerId peerId) throws StoreException {
    try {
      insertPeer(accountId, peerId, Instant.now());
    } catch (SQLException e) {
      throw new StoreException("adding a device to account " + accountId, e);
    }
  }

  private void insertPeer(long accountId, PeerId peerId, Instant now) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "INSERT INTO account_peer (account_id, peer_id, added_at) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING")) {
      s.setLong(1, accountId);
      s.setString(2, peerId.hex());
      s.setLong(3, now.toEpochMilli());
      s.executeUpdate();
    }
  }

  private Set<PeerId> peerIds(long accountId) throws SQLException {
    Set<PeerId> ids = new HashSet<>();
    try (PreparedStatement s =
        connection.prepareStatement("SELECT peer_id FROM account_peer WHERE account_id = ?")) {
      s.setLong(1, accountId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(PeerId.ofDigest(HexFormat.of().parseHex(r.getString(1))));
        }
      }
    }
    return ids;
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The original failure is what the caller needs to see.
    }
  }

  private void autoCommitQuietly() {
    try {
      connection.setAutoCommit(true);
    } catch (SQLException ignored) {
      // The connection is broken; the next operation reports it.
    }
  }

  @Override
  public synchronized void close() throws StoreException {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("closing the database", e);
    }
  }
}
