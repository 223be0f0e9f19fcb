package p2pchat.peer.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.identity.Identity;

/**
 * {@code profile.db} at open: an empty, foreign or damaged file refused with a sentence that names
 * it and how to recover, and left as it was; the profile folder and its files owner-only.
 */
class ProfileDatabaseTest {
  private static final String RECOVER =
      "restore it from a backup, or move it away to start with no shared folders"
          + " (/share them again) and no downloads to resume";

  @TempDir Path tmp;

  private Path dir() {
    return tmp.resolve("alice");
  }

  private Path file() {
    return dir().resolve(ProfileDatabase.FILE_NAME).toAbsolutePath();
  }

  @Test
  void anEmptyFileIsRefusedAndLeftEmpty() throws Exception {
    Files.createDirectories(dir());
    Files.createFile(file());

    assertThatThrownBy(() -> ProfileDatabase.open(dir()))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "the profile database "
                + file()
                + " is empty (0 bytes): refusing to open it; "
                + RECOVER);
    assertThat(Files.size(file())).isZero();
  }

  @Test
  void aFileWithDamagedPagesIsRefusedAndLeftAsItWas() throws Exception {
    fillWithDownloads();
    overwrite(Files.size(file()) / 2 / 4096 * 4096, 4096);
    byte[] damaged = Files.readAllBytes(file());

    assertThatThrownBy(() -> ProfileDatabase.open(dir()))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("the profile database " + file() + " is damaged (")
        .hasMessageEndingWith("): refusing to open it; " + RECOVER);
    assertThat(Files.readAllBytes(file())).isEqualTo(damaged);
  }

  @Test
  void aFileThatIsNotADatabaseIsRefused() throws Exception {
    fillWithDownloads();
    overwrite(0, 100);

    assertThatThrownBy(() -> ProfileDatabase.open(dir()))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "the profile database "
                + file()
                + " is not an SQLite database: refusing to open it; "
                + RECOVER);
  }

  @Test
  void aSoundDatabaseOpensAgainWithWhatItHeld() throws Exception {
    fillWithDownloads();

    try (ProfileDatabase db = ProfileDatabase.open(dir())) {
      int count =
          db.run(
              "counting",
              c -> {
                try (ResultSet r =
                    c.createStatement().executeQuery("SELECT COUNT(*) FROM download")) {
                  r.next();
                  return r.getInt(1);
                }
              });
      assertThat(count).isEqualTo(2000);
    }
  }

  @Test
  void theProfileFolderAndItsFilesAreOwnerOnly() throws Exception {
    Assumptions.assumeTrue(
        tmp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX rights");
    Profile profile = Profile.open(dir());
    Files.writeString(profile.historyFile(), "/share ~/music\n");
    try (ProfileDatabase db = ProfileDatabase.open(dir())) {
      insertDownloads(db, 1);
      assertThat(rights(dir())).isEqualTo("rwx------");
      for (String name :
          List.of(
              ProfileDatabase.FILE_NAME,
              ProfileDatabase.FILE_NAME + "-wal",
              ProfileDatabase.FILE_NAME + "-shm",
              Identity.KEY_FILE,
              Identity.CERT_FILE)) {
        assertThat(Files.exists(dir().resolve(name))).as(name).isTrue();
        assertThat(rights(dir().resolve(name))).as(name).isEqualTo("rw-------");
      }
    }
  }

  @Test
  void aProfileFromBeforeTheRightsIsMadeOwnerOnly() throws Exception {
    Assumptions.assumeTrue(
        tmp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX rights");
    Profile profile = Profile.open(dir());
    Files.writeString(profile.historyFile(), "/share ~/music\n");
    ProfileDatabase.open(dir()).close();
    for (Path file : List.of(file(), profile.historyFile(), dir().resolve(Identity.CERT_FILE))) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
    Files.setPosixFilePermissions(dir(), PosixFilePermissions.fromString("rwxr-xr-x"));

    Profile.open(dir());
    ProfileDatabase.open(dir()).close();

    assertThat(rights(dir())).isEqualTo("rwx------");
    assertThat(rights(file())).isEqualTo("rw-------");
    assertThat(rights(profile.historyFile())).isEqualTo("rw-------");
    assertThat(rights(dir().resolve(Identity.CERT_FILE))).isEqualTo("rw-------");
  }

  private void fillWithDownloads() throws IOException {
    try (ProfileDatabase db = ProfileDatabase.open(dir())) {
      insertDownloads(db, 2000);
    }
    assertThat(Files.exists(dir().resolve(ProfileDatabase.FILE_NAME + "-wal")))
        .as("the WAL is written back on close")
        .isFalse();
  }

  private static void insertDownloads(ProfileDatabase db, int count) throws IOException {
    db.transaction(
        "adding downloads",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO download (owner, remote_path, sha256, size, target, status,"
                      + " created_at) VALUES (?, ?, ?, ?, ?, 'ACTIVE', ?)")) {
            for (int i = 0; i < count; i++) {
              s.setString(1, "bob");
              s.setString(2, "music/track-" + i + ".ogg");
              s.setBytes(3, new byte[32]);
              s.setLong(4, 1_000_000L + i);
              s.setString(5, "/home/alice/Downloads/track-" + i + ".ogg");
              s.setLong(6, 1_700_000_000_000L + i);
              s.addBatch();
            }
            s.executeBatch();
          }
          return null;
        });
  }

  private void overwrite(long offset, int length) throws IOException {
    byte[] garbage = new byte[length];
    new Random(19).nextBytes(garbage);
    try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "rw")) {
      raf.seek(offset);
      raf.write(garbage);
    }
  }

  private static String rights(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
