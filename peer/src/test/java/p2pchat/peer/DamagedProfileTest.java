package p2pchat.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.peer.profile.ProfileDatabase;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * A node whose {@code profile.db} is empty does not start as if it had never shared anything: its
 * start fails with the sentence the terminal client prints.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class DamagedProfileTest {
  @TempDir Path tmp;

  @Test
  void anEmptyProfileDatabaseStopsTheStartWithASentence() throws Exception {
    try (FriendNodes nodes = new FriendNodes(tmp, "alice")) {
      Path db = tmp.resolve("alice").resolve(ProfileDatabase.FILE_NAME).toAbsolutePath();
      Files.createFile(db);

      assertThatThrownBy(() -> nodes.start("alice", Duration.ofMinutes(1), event -> {}))
          .isInstanceOf(NodeException.class)
          .hasMessageContaining(
              "the profile database "
                  + db
                  + " is empty (0 bytes): refusing to open it; restore it from a backup, or move"
                  + " it away to start with no shared folders (/share them again) and no"
                  + " downloads to resume");
      assertThat(Files.size(db)).isZero();
    }
  }
}
