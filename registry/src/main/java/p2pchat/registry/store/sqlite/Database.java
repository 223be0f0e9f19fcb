package p2pchat.registry.store.sqlite;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import p2pchat.protocol.identity.OwnerOnly;
import p2pchat.registry.store.StoreException;

/**
 * The registry's SQLite file, migrated by Flyway on open: one connection, used under this object's
 * lock by every store (SQLite has one writer at a time anyway).
 */
final class Database implements AutoCloseable {
  /** Work on the connection; may throw SQLException, which becomes a {@link StoreException}. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException, StoreException;
  }

  private final Connection connection;

  private Database(Connection connection) {
    this.connection = connection;
  }

  /**
   * Opens {@code fileName} in {@code dataDir}, creating the folder and the database if there are
   * none; refuses a file that is empty, not a database or damaged. The folder and the files are
   * made owner-only: the database holds password hashes.
   */
  static Database open(Path dataDir, String fileName) throws StoreException {
    Path file = dataDir.resolve(fileName).toAbsolutePath();
    String url = DatabaseFile.url(file);
    try {
      OwnerOnly.folder(dataDir);
    } catch (IOException e) {
      throw new StoreException("creating the data folder " + dataDir, e);
    }
    DatabaseFile.prepare(file, Database::migrate);
    try {
      migrate(url);
      Connection connection = DriverManager.getConnection(url);
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA foreign_keys=ON");
        s.execute("PRAGMA busy_timeout=5000");
      }
      // A database from before these rights were set, and its WAL files, which SQLite creates
      // with the database's rights once the database has them.
      OwnerOnly.files(dataDir, fileName, fileName + "-wal", fileName + "-shm");
      return new Database(connection);
    } catch (SQLException | RuntimeException e) {
      throw new StoreException("opening the database " + url, e);
    }
  }

  private static void migrate(String url) {
    Flyway.configure()
        .dataSource(url, null, null)
        .locations("classpath:db/registry/sqlite")
        .load()
        .migrate();
  }

  /** Runs {@code work} alone on the connection; {@code operation} names it in a failure. */
  synchronized <T> T run(String operation, Work<T> work) throws StoreException {
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException(operation, e);
    }
  }

  /** Runs {@code work} in one transaction: all of it is written, or none if it throws. */
  synchronized <T> T transaction(String operation, Work<T> work) throws StoreException {
    try {
      connection.setAutoCommit(false);
      T result = work.run(connection);
      connection.commit();
      return result;
    } catch (SQLException | StoreException | RuntimeException e) {
      rollbackQuietly();
      if (e instanceof SQLException sql) {
        throw new StoreException(operation, sql);
      }
      if (e instanceof StoreException store) {
        throw store;
      }
      throw (RuntimeException) e;
    } finally {
      autoCommitQuietly();
    }
  }

  /** The key a name is unique by: its lower case. */
  static String key(String name) {
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
