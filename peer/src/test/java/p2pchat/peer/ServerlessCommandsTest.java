package p2pchat.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.peer.NodeEvent.Code;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * A serverless node's rendezvous (its friends table) answers the commands that need a registry with
 * a failure that says so, and its queries with what a table knows.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class ServerlessCommandsTest {
  @TempDir Path dir;
  private FriendNodes nodes;

  @AfterEach
  void close() {
    if (nodes != null) {
      nodes.close();
    }
  }

  @Test
  void commandsThatNeedARegistryFailWithASentenceAndACode() throws Exception {
    nodes = new FriendNodes(dir, "alice", "bob", "carol");
    HeardEvents heard = new HeardEvents();
    Node alice = nodes.start("alice", Duration.ofMinutes(5), heard);

    alice.refresh();
    alice.setVisible(false);
    alice.logout();
    alice.login();
    alice.listFiles("bob");
    alice.searchFiles("x");
    alice.download("bob", "a/b.txt", dir);

    String files = ": finding shared files needs a registry, and this node has none";
    List<NodeEvent> expected =
        List.of(
            failed("cannot refresh the online list: this node runs without a registry"),
            failed("cannot change visibility: this node runs without a registry"),
            failed("cannot log out: this node runs without a registry"),
            failed("cannot log in: this node runs without a registry"),
            failed("cannot list files" + files),
            failed("cannot search files" + files),
            failed("cannot download" + files));
    await().atMost(Duration.ofSeconds(10)).until(() -> failures(heard).size() == expected.size());
    assertThat(failures(heard)).containsExactlyElementsOf(expected);
    assertThat(alice.serverless()).isTrue();
    assertThat(alice.users()).isEmpty();
    assertThat(alice.friendNames()).containsExactly("bob", "carol");
    assertThat(alice.whoami().observed()).isEqualTo("-");
    assertThat(alice.whoami().visible()).isTrue();
  }

  private static NodeEvent failed(String text) {
    return new NodeEvent.Failed(Code.NO_REGISTRY, text);
  }

  private static List<NodeEvent> failures(HeardEvents heard) {
    return heard.all().stream()
        .map(HeardEvents.Heard::event)
        .filter(NodeEvent.Failed.class::isInstance)
        .toList();
  }
}
