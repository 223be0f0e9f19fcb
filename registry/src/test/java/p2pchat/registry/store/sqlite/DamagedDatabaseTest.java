package p2pchat.registry.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.registry.store.HistoryRecord;
import p2pchat.registry.store.StoreException;

/**
 * The SQLite store refuses a database file that is empty, foreign or damaged, with a sentence that
 * names it and how to recover, and leaves it as it was; the files it makes are owner-only.
 */
class DamagedDatabaseTest {
  private static final String RECOVER =
      "restore it from a backup, or move it away to start an empty registry";

  @TempDir Path data;

  private Path file() {
    return data.resolve(SqliteStore.FILE_NAME).toAbsolutePath();
  }

  @Test
  void anEmptyFileIsRefusedAndLeftEmpty() throws Exception {
    Files.createFile(file());

    assertThatThrownBy(() -> SqliteStore.open(data))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "the registry database "
                + file()
                + " is empty (0 bytes): refusing to open it; "
                + RECOVER);
    assertThat(Files.size(file())).isZero();
  }

  @Test
  void aFileWithDamagedPagesIsRefusedAndLeftAsItWas() throws Exception {
    fillWithHistory();
    long size = Files.size(file());
    // One page in the middle of the history table, overwritten with garbage.
    overwrite(size / 2 / 4096 * 4096, 4096);
    byte[] damaged = Files.readAllBytes(file());

    assertThatThrownBy(() -> SqliteStore.open(data))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("the registry database " + file() + " is damaged (")
        .hasMessageEndingWith("): refusing to open it; " + RECOVER);
    assertThat(Files.readAllBytes(file())).isEqualTo(damaged);
  }

  @Test
  void aFileThatIsNotADatabaseIsRefused() throws Exception {
    fillWithHistory();
    overwrite(0, 100); // the header, which says "SQLite format 3"
    byte[] damaged = Files.readAllBytes(file());

    assertThatThrownBy(() -> SqliteStore.open(data))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "the registry database "
                + file()
                + " is not an SQLite database: refusing to open it; "
                + RECOVER);
    assertThat(Files.readAllBytes(file())).isEqualTo(damaged);
  }

  @Test
  void aSoundDatabaseOpensAgainWithWhatItHeld() throws Exception {
    fillWithHistory();

    try (SqliteStore store = SqliteStore.open(data)) {
      assertThat(store.history().recent("alice", 5)).hasSize(5);
    }
  }

  @Test
  void theFolderAndTheDatabaseFilesAreOwnerOnly() throws Exception {
    Assumptions.assumeTrue(
        data.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX rights");
    Path dir = data.resolve("new-folder");
    try (SqliteStore store = SqliteStore.open(dir)) {
      store.history().append(records(10));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
          .isEqualTo("rwx------");
      for (String name : List.of("registry.db", "registry.db-wal", "registry.db-shm")) {
        assertThat(Files.exists(dir.resolve(name))).as(name).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))))
            .as(name)
            .isEqualTo("rw-------");
      }
    }
  }

  @Test
  void aDatabaseFromBeforeTheRightsIsMadeOwnerOnly() throws Exception {
    Assumptions.assumeTrue(
        data.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX rights");
    SqliteStore.open(data).close();
    Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));

    SqliteStore.open(data).close();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file())))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
        .isEqualTo("rwx------");
  }

  private void fillWithHistory() throws StoreException {
    try (SqliteStore store = SqliteStore.open(data)) {
      store.history().append(records(3000));
    }
    assertThat(Files.exists(data.resolve(SqliteStore.FILE_NAME + "-wal")))
        .as("the WAL is written back on close")
        .isFalse();
  }

  private static List<HistoryRecord> records(int count) {
    List<HistoryRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(
          new HistoryRecord(
              Instant.ofEpochMilli(1_700_000_000_000L + i),
              "alice",
              i,
              "Lookup",
              "name=bob" + i,
              "ok"));
    }
    return records;
  }

  private void overwrite(long offset, int length) throws IOException {
    byte[] garbage = new byte[length];
    new Random(19).nextBytes(garbage);
    try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "rw")) {
      raf.seek(offset);
      raf.write(garbage);
    }
  }
}
