package p2pchat.peer.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import p2pchat.protocol.identity.OwnerOnly;

/**
 * The profile's SQLite database ({@code profile.db} in the profile folder), migrated by Flyway from
 * {@code db/profile} on open. One connection, used under this object's lock: SQLite has one writer
 * at a time anyway, and a node's writes are few and small.
 */
public final class ProfileDatabase implements AutoCloseable {
  /** File name inside a profile folder. */
  public static final String FILE_NAME = "profile.db";

  /** Work on the connection; runs under the database's lock. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final Connection connection;
  private final Path file;

  private ProfileDatabase(Connection connection, Path file) {
    this.connection = connection;
    this.file = file;
  }

  /**
   * Opens (creating and migrating if needed) the database in {@code profileDir}, folder and files
   * owner-only; refuses a file that is empty, not a database or damaged, in a sentence that says
   * how to recover.
   */
  public static ProfileDatabase open(Path profileDir) throws IOException {
    Path file = profileDir.resolve(FILE_NAME).toAbsolutePath();
    String url = ProfileDatabaseFile.url(file);
    try {
      OwnerOnly.folder(profileDir);
      ProfileDatabaseFile.prepare(file, ProfileDatabase::migrate);
      migrate(url);
      Connection connection = DriverManager.getConnection(url);
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA busy_timeout=5000");
      }
      // A database from before these rights were set, and its WAL files, which SQLite creates
      // with the database's rights once the database has them.
      OwnerOnly.files(profileDir, FILE_NAME, FILE_NAME + "-wal", FILE_NAME + "-shm");
      return new ProfileDatabase(connection, file);
    } catch (ProfileDatabaseFile.RefusedException e) {
      throw e;
    } catch (SQLException | IOException | RuntimeException e) {
      throw new IOException("cannot open the profile database " + file + ": " + e.getMessage(), e);
    }
  }

  private static void migrate(String url) {
    Flyway.configure()
        .dataSource(url, null, null)
        .locations("classpath:db/profile")
        .load()
        .migrate();
  }

  /** Runs {@code work} under the lock; a failure names the database and what was being done. */
  public synchronized <T> T run(String what, Work<T> work) throws IOException {
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw new IOException(what + " in " + file + ": " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} in one transaction: all of it happens, or none. */
  public synchronized <T> T transaction(String what, Work<T> work) throws IOException {
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IOException(what + " in " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // Closing is best effort: SQLite's WAL keeps what was committed.
    }
  }
}
