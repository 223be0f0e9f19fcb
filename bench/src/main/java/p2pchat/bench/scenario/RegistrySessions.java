package p2pchat.bench.scenario;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import p2pchat.bench.load.Fleet;
import p2pchat.bench.load.Ramp;
import p2pchat.bench.registry.RegistryStats;
import p2pchat.bench.registry.RemoteRegistry;
import p2pchat.bench.report.Machine;
import p2pchat.bench.report.Result;
import p2pchat.bench.report.Table;
import p2pchat.protocol.identity.Identity;

/**
 * {@code registry-sessions}: ramps N authenticated TLS sessions with heartbeats onto one registry
 * (in a JVM of its own), measures its heap and RSS per session, then holds them for a while and
 * checks that every one is still live.
 */
public final class RegistrySessions {
  /**
   * @param sessions sessions to ramp up to
   * @param hold how long to hold them once logged in
   * @param heartbeatTimeout the registry's heartbeat timeout (clients ping every third of it)
   * @param threads load-client event-loop threads
   * @param concurrency connections or logins in flight at once
   * @param registryHeap the registry JVM's -Xmx
   * @param jfr where to record the registry with JFR, or null
   */
  public record Params(
      int sessions,
      Duration hold,
      Duration heartbeatTimeout,
      int threads,
      int concurrency,
      String registryHeap,
      Path jfr) {}

  /** Files this process and the registry each keep open besides sessions (jars, epoll, logs). */
  private static final int SPARE_FILES = 300;

  private RegistrySessions() {}

  public static Result run(Params p, PrintWriter log) throws IOException, InterruptedException {
    Result r = new Result("registry-sessions");
    r.parameter("sessions", p.sessions())
        .parameter("hold", p.hold().toString())
        .parameter("heartbeatTimeout", p.heartbeatTimeout().toString())
        .parameter("threads", p.threads())
        .parameter("concurrency", p.concurrency())
        .parameter("registryHeap", p.registryHeap());
    int n = p.sessions();
    long fileLimit = Machine.openFilesLimit();
    if (fileLimit > 0 && n > fileLimit - SPARE_FILES) {
      n = (int) (fileLimit - SPARE_FILES);
      r.note(
          "asked for "
              + p.sessions()
              + " sessions, but a process here may open only "
              + fileLimit
              + " files (ulimit -n; raising it needs CAP_SYS_RESOURCE), and every session is a"
              + " socket in both the registry and the load client: ramped to "
              + n
              + " instead");
    }
    Identity identity = Identity.generate("p2pchat-bench");
    log.printf("registry-sessions: creating %,d accounts and starting the registry...%n", n);
    log.flush();
    try (RemoteRegistry registry =
        RemoteRegistry.start(
            new RemoteRegistry.Options(
                n,
                identity.peerId(),
                p.registryHeap(),
                p.heartbeatTimeout(),
                Duration.ofHours(1),
                p.jfr()))) {
      RegistryStats before = registry.stats();
      try (Fleet fleet =
          new Fleet(
              p.threads(),
              p.concurrency(),
              identity,
              registry.address(),
              registry.peerId(),
              (s, c, t) -> {})) {
        r.parameter("sourceAddresses", fleet.addressesFor(n));
        log.printf("registry-sessions: %,d TLS handshakes...%n", n);
        log.flush();
        long cpu0 = registry.cpuNanos();
        long client0 = Machine.processCpuNanos();
        Ramp.Outcome connect = fleet.connectUpTo(n);
        long cpu1 = registry.cpuNanos();
        long client1 = Machine.processCpuNanos();
        log.printf(
            "registry-sessions: %,d connected (%s); %,d logins...%n",
            connect.succeeded(), rate(connect), connect.succeeded());
        log.flush();
        Ramp.Outcome login = fleet.login(0, fleet.sessions().size(), false);
        long cpu2 = registry.cpuNanos();
        long client2 = Machine.processCpuNanos();
        RegistryStats ramped = registry.stats();
        int held = ramped.sessions();
        log.printf(
            "registry-sessions: %,d logged in (%s); holding for %s...%n",
            held, rate(login), p.hold());
        log.flush();

        r.metric("ramp", "sessions asked for", p.sessions(), "sessions");
        r.metric("ramp", "TLS connections made", connect.succeeded(), "connections");
        r.atLeast("ramp", "sessions held (logged in)", held, "sessions", 100_000);
        r.metric("ramp", "TLS handshake rate", connect.perSecond(), "handshakes/s");
        r.metric("ramp", "handshake p50", Table.millis(connect.latencies().percentile(50)), "ms");
        r.metric("ramp", "handshake p99", Table.millis(connect.latencies().percentile(99)), "ms");
        r.metric("ramp", "registry CPU while connecting", (cpu1 - cpu0) / 1e9, "s");
        r.metric("ramp", "load client CPU while connecting", (client1 - client0) / 1e9, "s");
        r.metric("ramp", "login rate", login.perSecond(), "logins/s");
        r.metric("ramp", "login p50", Table.millis(login.latencies().percentile(50)), "ms");
        r.metric("ramp", "login p99", Table.millis(login.latencies().percentile(99)), "ms");
        r.metric("ramp", "registry CPU while logging in", (cpu2 - cpu1) / 1e9, "s");
        r.metric("ramp", "load client CPU while logging in", (client2 - client1) / 1e9, "s");
        if (connect.failed() + login.failed() > 0) {
          r.metric("ramp", "failed connections", connect.failed(), "connections");
          r.metric("ramp", "failed logins", login.failed(), "logins");
          r.note("first failure: " + connect.firstError() + " " + login.firstError());
        }

        double perSession = Math.max(1, held);
        r.metric("memory", "registry heap before sessions", before.heapUsed() / 1048576.0, "MiB");
        r.metric("memory", "registry heap with sessions", ramped.heapUsed() / 1048576.0, "MiB");
        r.atMost(
            "memory",
            "registry heap per session",
            (ramped.heapUsed() - before.heapUsed()) / perSession,
            "bytes",
            16 * 1024);
        r.metric(
            "memory",
            "registry RSS per session",
            (ramped.rss() - before.rss()) / perSession,
            "bytes");
        r.metric(
            "memory",
            "registry direct buffers per session",
            (ramped.direct() - before.direct()) / perSession,
            "bytes");
        r.metric("memory", "registry RSS with sessions", ramped.rss() / 1048576.0, "MiB");

        long cpuHold0 = registry.cpuNanos();
        long pings0 = fleet.stats().pings.sum();
        long holdStart = System.nanoTime();
        Thread.sleep(p.hold().toMillis());
        double holdSeconds = (System.nanoTime() - holdStart) / 1e9;
        long cpuHold1 = registry.cpuNanos();
        long pings = fleet.stats().pings.sum() - pings0;
        int liveAtEnd = registry.sessions();
        int answered = fleet.pingAll(60);
        r.metric("hold", "held for", holdSeconds, "s");
        r.metric("hold", "heartbeat pings sent", pings, "pings");
        r.metric("hold", "heartbeats per second", pings / holdSeconds, "pings/s");
        r.metric(
            "hold",
            "registry CPU while holding",
            100 * (cpuHold1 - cpuHold0) / 1e9 / holdSeconds,
            "% of a core");
        r.metric("hold", "sessions on the registry at the end", liveAtEnd, "sessions");
        r.metric("hold", "connections dropped", fleet.stats().drops.sum(), "connections");
        r.metric(
            "hold",
            "sessions ended by the registry",
            fleet.stats().sessionsEnded.sum(),
            "sessions");
        r.target(
            "hold",
            "sessions answering a ping at the end",
            answered,
            "sessions",
            "= sessions held",
            answered == held && liveAtEnd == held);
        if (!fleet.stats().lastProblem.isEmpty()) {
          r.note("last problem seen: " + fleet.stats().lastProblem);
        }
      }
      r.note(
          "sessions log in invisible, so that the ramp measures holding sessions and not the"
              + " presence fan-out (presence-fanout measures that); accounts store an Argon2id hash"
              + " at the cheapest cost (8 KiB, t=1) so logins measure the registry, not hashing");
      r.note(
          "memory per session = (after ramp - before ramp) / sessions held, each measured in the"
              + " registry's own JVM after System.gc(); RSS includes BoringSSL's native state per"
              + " connection, which the heap figure does not");
      r.parameter("accountsCreatedSeconds", registry.accountSeconds());
    }
    return r.finish();
  }

  private static String rate(Ramp.Outcome o) {
    return String.format(java.util.Locale.ROOT, "%.0f/s", o.perSecond());
  }
}
