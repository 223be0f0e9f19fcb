package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.RegistryListener;
import p2pchat.registry.store.StoreException;

/**
 * The registry's data folder at start: made owner-only with every file in it (the database holds
 * password hashes), and an empty database refused rather than taken for a new registry.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class DataFolderTest {
  @TempDir Path tmp;

  @Test
  void afterAFirstStartTheFolderAndItsFilesAreOwnerOnly() throws Exception {
    Assumptions.assumeTrue(
        tmp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX rights");
    Path data = tmp.resolve("registry-data");
    try (RegistryFixture registry = new RegistryFixture(data)) {
      registry.online("alice", RegistryListener.NONE);

      assertThat(rights(data)).isEqualTo("rwx------");
      for (String name :
          List.of(
              "registry.db",
              "registry.db-wal",
              "registry.db-shm",
              Identity.KEY_FILE,
              Identity.CERT_FILE)) {
        assertThat(Files.exists(data.resolve(name))).as(name).isTrue();
        assertThat(rights(data.resolve(name))).as(name).isEqualTo("rw-------");
      }
    }
  }

  @Test
  void anEmptyDatabaseIsRefusedWithASentenceAndLeftUntouched() throws Exception {
    Path data = tmp.resolve("registry-data");
    try (RegistryFixture registry = new RegistryFixture(data)) {
      registry.online("alice", RegistryListener.NONE);
    }
    // What a full disk or a careless copy leaves: the file there, its content gone.
    Path db = data.resolve("registry.db");
    Files.write(db, new byte[0]);
    FileTime written = Files.getLastModifiedTime(db);

    assertThatThrownBy(
            () ->
                RegistryServer.start(RegistryConfig.builder(data).address("127.0.0.1", 0).build()))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "the registry database "
                + db.toAbsolutePath()
                + " is empty (0 bytes): refusing to open it;"
                + " restore it from a backup, or move it away to start an empty registry");
    assertThat(Files.size(db)).isZero();
    assertThat(Files.getLastModifiedTime(db)).isEqualTo(written);
  }

  private static String rights(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
