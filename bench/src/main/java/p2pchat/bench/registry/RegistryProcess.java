package p2pchat.bench.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.util.internal.PlatformDependent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import p2pchat.bench.report.Machine;
import p2pchat.protocol.identity.PeerId;
import p2pchat.registry.RegistryServer;
import p2pchat.registry.store.sqlite.SqliteStore;

/**
 * The registry under test, in a JVM of its own so that its heap and RSS are its alone. Creates the
 * bench accounts (bound to the load client's PeerId, with the cheap hash), starts a registry,
 * prints {@code READY port peerIdHex accountsSeconds}, then answers lines on stdin: {@code STATS}
 * with {@code STATS {json}} after a full GC, {@code CPU} with {@code CPU cpuNanos sessions} (no
 * GC), {@code EXIT} by stopping.
 *
 * <p>Arguments: dataDir accounts clientPeerIdHex heartbeatMillis loginTimeoutMillis
 */
public final class RegistryProcess {
  private RegistryProcess() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path dataDir = Path.of(args[0]);
    int accounts = Integer.parseInt(args[1]);
    PeerId client = PeerId.ofDigest(HexFormat.of().parseHex(args[2]));
    Duration heartbeat = Duration.ofMillis(Long.parseLong(args[3]));
    Duration loginTimeout = Duration.ofMillis(Long.parseLong(args[4]));

    long t0 = System.nanoTime();
    createAccounts(dataDir, accounts, client);
    double accountSeconds = (System.nanoTime() - t0) / 1e9;
    RegistryServer server =
        RegistryServer.start(BenchRegistries.config(dataDir, heartbeat, loginTimeout));
    out.println(
        "READY " + server.address().getPort() + " " + server.peerId().hex() + " " + accountSeconds);
    ObjectMapper json = new ObjectMapper();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      switch (line.trim()) {
        case "STATS" -> out.println("STATS " + json.writeValueAsString(stats(server)));
        case "CPU" -> out.println("CPU " + Machine.processCpuNanos() + " " + server.sessionCount());
        case "EXIT" -> {
          server.close();
          out.println("BYE");
          System.exit(0);
        }
        default -> out.println("ERROR unknown command " + line);
      }
    }
    server.close();
  }

  /** Creates accounts 0..count-1, all bound to {@code peerId} with the cheap hash. */
  static void createAccounts(Path dataDir, int count, PeerId peerId) throws Exception {
    String hash = BenchRegistries.CHEAP_HASHER.hash(BenchRegistries.PASSWORD);
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      for (int i = 0; i < count; i++) {
        store.accounts().create(BenchRegistries.accountName(i), hash, peerId);
      }
    }
  }

  /** Measures this process after a full GC. */
  static RegistryStats stats(RegistryServer server) throws InterruptedException {
    for (int i = 0; i < 2; i++) {
      System.gc();
      Thread.sleep(100);
    }
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long direct = Math.max(0, PlatformDependent.usedDirectMemory());
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        direct += pool.getMemoryUsed();
      }
    }
    return new RegistryStats(
        server.sessionCount(),
        heap.getUsed(),
        heap.getCommitted(),
        Machine.rssBytes(),
        Math.max(0, direct),
        Machine.openFiles(),
        Machine.processCpuNanos(),
        Thread.activeCount());
  }
}
