package p2pchat.peer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import p2pchat.peer.friends.FriendsTable;
import p2pchat.protocol.identity.Identity;

/**
 * Real serverless nodes on 127.0.0.1 for tests of the node without a registry: each user gets a
 * profile with its identity made up front, a free port, and a line in one friends table (so that
 * every two are friends and chat without asking). Closing closes every node started.
 */
final class FriendNodes implements AutoCloseable {
  private final Path dir;
  private final Path table;
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final List<Node> started = new CopyOnWriteArrayList<>();

  /** Profiles and a table for {@code names}, under {@code dir}. */
  FriendNodes(Path dir, String... names) throws IOException {
    this.dir = dir;
    List<String> lines = new ArrayList<>();
    for (String name : names) {
      var id = Identity.loadOrCreate(dir.resolve(name)).peerId();
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        ports.put(name, s.getLocalPort());
      }
      lines.add(name + " 127.0.0.1:" + ports.get(name) + " " + id);
    }
    this.table = dir.resolve("friends.txt");
    Files.write(table, lines);
  }

  /** Starts {@code name}, telling {@code events}; links idle for {@code idle} are closed. */
  Node start(String name, Duration idle, java.util.function.Consumer<NodeEvent> events)
      throws Exception {
    NodeConfig config =
        NodeConfig.serverless(dir.resolve(name), name)
            .listening(new InetSocketAddress("127.0.0.1", 0))
            .withIdleTimeout(idle);
    Node node = Node.start(config, FriendsTable.load(table), events);
    started.add(node);
    return node;
  }

  @Override
  public void close() {
    started.forEach(Node::close);
  }
}
