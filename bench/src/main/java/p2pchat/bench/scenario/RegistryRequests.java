package p2pchat.bench.scenario;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import p2pchat.bench.load.Fleet;
import p2pchat.bench.load.LoadSession;
import p2pchat.bench.load.Ramp;
import p2pchat.bench.registry.BenchRegistries;
import p2pchat.bench.registry.RemoteRegistry;
import p2pchat.bench.report.Histogram;
import p2pchat.bench.report.Machine;
import p2pchat.bench.report.Result;
import p2pchat.protocol.identity.Identity;

/**
 * {@code registry-requests}: many logged-in sessions each keep a few requests in flight; first
 * lookups of online users, then online-list refreshes. Reports requests per second and the round
 * trip of each.
 */
public final class RegistryRequests {
  /**
   * @param sessions sessions sending requests
   * @param visible how many of them are visible (the online list's length, the names looked up)
   * @param duration how long the lookup phase runs
   * @param listDuration how long the online-list phase runs (zero: skipped)
   * @param depth lookups each session keeps in flight
   * @param listDepth online-list refreshes each session keeps in flight
   * @param threads load-client event-loop threads
   * @param registryHeap the registry JVM's -Xmx
   * @param jfr where to record the registry with JFR, or null
   */
  public record Params(
      int sessions,
      int visible,
      Duration duration,
      Duration listDuration,
      int depth,
      int listDepth,
      int threads,
      String registryHeap,
      Path jfr) {
    public Params {
      if (visible < 1 || visible > sessions) {
        throw new IllegalArgumentException("visible must be 1.." + sessions);
      }
    }
  }

  private RegistryRequests() {}

  public static Result run(Params p, PrintWriter log) throws IOException, InterruptedException {
    Result r = new Result("registry-requests");
    r.parameter("sessions", p.sessions())
        .parameter("visible", p.visible())
        .parameter("duration", p.duration().toString())
        .parameter("listDuration", p.listDuration().toString())
        .parameter("lookupDepth", p.depth())
        .parameter("listDepth", p.listDepth())
        .parameter("threads", p.threads())
        .parameter("registryHeap", p.registryHeap());
    Identity identity = Identity.generate("p2pchat-bench");
    LongAdder announcements = new LongAdder();
    log.printf("registry-requests: starting a registry with %,d accounts...%n", p.sessions());
    log.flush();
    try (RemoteRegistry registry =
            RemoteRegistry.start(
                new RemoteRegistry.Options(
                    p.sessions(),
                    identity.peerId(),
                    p.registryHeap(),
                    Duration.ofSeconds(30),
                    Duration.ofHours(1),
                    p.jfr()));
        Fleet fleet =
            new Fleet(
                p.threads(),
                128,
                identity,
                registry.address(),
                registry.peerId(),
                (s, c, t) -> announcements.increment())) {
      Ramp.Outcome connected = fleet.connectUpTo(p.sessions());
      require(connected, "connect");
      // Visible ones first: each visible login is announced to those logged in before it.
      require(fleet.login(0, p.visible(), true), "log in");
      require(fleet.login(p.visible(), p.sessions(), false), "log in");
      Quiet.await(announcements::sum, 500, 60_000);
      log.printf(
          "registry-requests: %,d sessions logged in (%,d visible); lookups for %s...%n",
          p.sessions(), p.visible(), p.duration());
      log.flush();
      String[] targets = new String[p.visible()];
      for (int i = 0; i < targets.length; i++) {
        targets[i] = BenchRegistries.accountName(i);
      }
      phase(r, "lookups", "lookup", fleet.sessions(), registry, targets, p.depth(), p.duration())
          .ifPresent(
              rate -> r.atLeast("lookups", "lookups per second", rate, "lookups/s", 100_000));
      if (!p.listDuration().isZero()) {
        log.printf("registry-requests: online-list refreshes for %s...%n", p.listDuration());
        log.flush();
        phase(
                r,
                "online list",
                "refresh",
                fleet.sessions(),
                registry,
                null,
                p.listDepth(),
                p.listDuration())
            .ifPresent(
                rate -> {
                  r.metric("online list", "refreshes per second", rate, "refreshes/s");
                  r.metric("online list", "peers per refresh", p.visible(), "peers");
                  r.metric("online list", "peers listed per second", rate * p.visible(), "peers/s");
                });
      }
      r.metric("errors", "failures answered", fleet.stats().failures.sum(), "requests");
      r.metric("errors", "wrong answers", fleet.stats().wrongAnswers.sum(), "answers");
      r.metric("errors", "connections dropped", fleet.stats().drops.sum(), "connections");
      if (!fleet.stats().lastProblem.isEmpty()) {
        r.note("last problem seen: " + fleet.stats().lastProblem);
      }
    }
    r.note(
        "lookups name random visible users, so each is answered from memory on the network"
            + " thread; every session keeps its requests pipelined (answers come in order)");
    return r.finish();
  }

  private static java.util.Optional<Double> phase(
      Result r,
      String section,
      String what,
      List<LoadSession> sessions,
      RemoteRegistry registry,
      String[] targets,
      int depth,
      Duration duration)
      throws IOException, InterruptedException {
    Histogram h = new Histogram();
    var running = new java.util.concurrent.atomic.AtomicBoolean(true);
    long cpu0 = registry.cpuNanos();
    long client0 = Machine.processCpuNanos();
    long start = System.nanoTime();
    List<CompletableFuture<Void>> drained = new ArrayList<>();
    for (LoadSession s : sessions) {
      drained.add(s.pipeline(targets, depth, h, running::get));
    }
    Thread.sleep(duration.toMillis());
    running.set(false);
    long answeredInWindow = h.count();
    double seconds = (System.nanoTime() - start) / 1e9;
    try {
      CompletableFuture.allOf(drained.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      r.note(section + ": not every session drained its requests: " + e);
    }
    long cpu1 = registry.cpuNanos();
    long client1 = Machine.processCpuNanos();
    double rate = answeredInWindow / seconds;
    r.metric(section, "answered", h.count(), "requests");
    r.latencies(section, what + " round trip", h, false);
    r.metric(section, "registry CPU", 100 * (cpu1 - cpu0) / 1e9 / seconds, "% of a core");
    r.metric(section, "load client CPU", 100 * (client1 - client0) / 1e9 / seconds, "% of a core");
    return java.util.Optional.of(rate);
  }

  private static void require(Ramp.Outcome o, String what) {
    if (o.failed() > 0) {
      throw new IllegalStateException(
          "could not "
              + what
              + " every session: "
              + o.failed()
              + " failed, first: "
              + o.firstError());
    }
  }
}
