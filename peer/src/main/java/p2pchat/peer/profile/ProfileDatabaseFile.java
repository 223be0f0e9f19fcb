package p2pchat.peer.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import p2pchat.protocol.identity.OwnerOnly;

/**
 * {@code profile.db} before it is opened: an existing one must be a sound SQLite database, and a
 * new one appears only once migrated, owner-only from its first byte. An empty, foreign or damaged
 * file is refused, never taken for a new profile: that would forget the shared folders and the
 * downloads without a word.
 */
final class ProfileDatabaseFile {
  private static final String RECOVER =
      "restore it from a backup, or move it away to start with no shared folders"
          + " (/share them again) and no downloads to resume";

  private ProfileDatabaseFile() {}

  /**
   * Makes sure {@code file} is there and sound: checks an existing one, or creates it by {@code
   * migrate} (given the JDBC URL of the file to set up) when there is none.
   */
  static void prepare(Path file, Consumer<String> migrate) throws IOException {
    if (Files.exists(file)) {
      check(file);
    } else {
      create(file, migrate);
    }
  }

  private static void check(Path file) throws IOException {
    if (Files.size(file) == 0) {
      // SQLite takes an empty file for a new database: the shared folders would be forgotten.
      throw refused(file, "is empty (0 bytes)");
    }
    try (Connection c = DriverManager.getConnection(url(file));
        Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout=5000");
      try (ResultSet r = s.executeQuery("PRAGMA quick_check")) {
        String first = r.next() ? r.getString(1) : "no answer";
        if (!"ok".equals(first)) {
          throw refused(file, "is damaged (integrity check: " + firstLine(first) + ")");
        }
      }
    } catch (SQLiteException e) {
      int code = e.getResultCode().code & 0xff;
      if (code == SQLiteErrorCode.SQLITE_NOTADB.code) {
        throw refused(file, "is not an SQLite database");
      }
      if (code == SQLiteErrorCode.SQLITE_CORRUPT.code) {
        throw refused(file, "is damaged (" + firstLine(e.getMessage()) + ")");
      }
      throw new IOException("checking " + file + ": " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new IOException("checking " + file + ": " + e.getMessage(), e);
    }
  }

  private static void create(Path file, Consumer<String> migrate) throws IOException {
    // Set up beside it and renamed when done, so that a start that dies half-way leaves no
    // profile.db (and no empty one, which the next start would refuse). SQLite gives its journal
    // the rights of the database file, so the journal is owner-only too.
    Path fresh = file.resolveSibling(file.getFileName() + ".new");
    Files.deleteIfExists(fresh);
    Files.deleteIfExists(fresh.resolveSibling(fresh.getFileName() + "-journal"));
    OwnerOnly.createFile(fresh);
    migrate.accept(url(fresh));
    Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE);
  }

  static String url(Path file) {
    return "jdbc:sqlite:" + file.toAbsolutePath();
  }

  private static RefusedException refused(Path file, String what) {
    return new RefusedException(
        "the profile database " + file + " " + what + ": refusing to open it; " + RECOVER);
  }

  private static String firstLine(String text) {
    String line = String.valueOf(text).lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  /** A file refused as it is: its message is the whole sentence for the user. */
  static final class RefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    RefusedException(String message) {
      super(message);
    }
  }
}
