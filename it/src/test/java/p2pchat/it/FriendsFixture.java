package p2pchat.it;

import java.io.IOException;
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
import p2pchat.it.Cluster.Member;
import p2pchat.peer.Node;
import p2pchat.peer.NodeConfig;
import p2pchat.peer.friends.FriendsTable;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;

/**
 * Serverless nodes on 127.0.0.1 without a registry: each user gets a profile (its identity made up
 * front, so that the table can name its PeerId) and a free port, and a friends table lists them.
 * Closing the fixture closes every node.
 */
final class FriendsFixture implements AutoCloseable {
  private final Path dir;
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final Map<String, PeerId> ids = new LinkedHashMap<>();
  private final List<Member> members = new CopyOnWriteArrayList<>();

  FriendsFixture(Path dir) {
    this.dir = dir;
  }

  /** Makes {@code name}'s profile and picks its port; returns its PeerId. */
  PeerId user(String name) throws IOException {
    PeerId id = Identity.loadOrCreate(profileDir(name)).peerId();
    ids.put(name, id);
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      ports.put(name, s.getLocalPort());
    }
    return id;
  }

  Path profileDir(String name) {
    return dir.resolve("profiles").resolve(name);
  }

  int port(String name) {
    return ports.get(name);
  }

  /**
   * Writes a table file of every user, giving the PeerId of those in {@code withIds} (the given
   * PeerId, which may be wrong on purpose), and returns it.
   */
  Path table(String file, Map<String, PeerId> withIds) throws IOException {
    List<String> lines =
        new ArrayList<>(List.of("# friends, one per line: name host:port [peerid]"));
    for (String name : ports.keySet()) {
      PeerId id = withIds.get(name);
      lines.add(name + " 127.0.0.1:" + ports.get(name) + (id == null ? "" : "  " + id));
    }
    Path path = dir.resolve(file);
    Files.write(path, lines);
    return path;
  }

  /** The PeerId made for {@code name}. */
  PeerId id(String name) {
    return ids.get(name);
  }

  /** Starts {@code name} serverless with {@code table}. */
  Member start(String name, Path table, Duration idleTimeout) throws Exception {
    EventLog events = new EventLog(name);
    NodeConfig config =
        NodeConfig.serverless(profileDir(name), name)
            .listening(new InetSocketAddress("127.0.0.1", 0))
            .withIdleTimeout(idleTimeout);
    Member member = new Member(name, Node.start(config, FriendsTable.load(table), events), events);
    members.add(member);
    return member;
  }

  @Override
  public void close() {
    members.forEach(m -> m.node().close());
  }
}
