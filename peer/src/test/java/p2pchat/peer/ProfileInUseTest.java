package p2pchat.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A profile (and its {@code profile.db}) runs one node at a time. */
class ProfileInUseTest {
  @TempDir Path dir;

  @Test
  void aSecondNodeOnARunningProfileIsRefusedAndOneAfterCloseStarts() throws Exception {
    try (FriendNodes nodes = new FriendNodes(dir, "alice", "bob")) {
      Node alice = nodes.start("alice", Duration.ofMinutes(5), e -> {});
      assertThatThrownBy(() -> nodes.start("alice", Duration.ofMinutes(5), e -> {}))
          .isInstanceOf(NodeException.class)
          .hasMessageStartingWith("already running in this profile (" + dir.resolve("alice") + ")");
      alice.close();
      Node again = nodes.start("alice", Duration.ofMinutes(5), e -> {});
      assertThat(again.whoami().name()).isEqualTo("alice");
    }
  }
}
