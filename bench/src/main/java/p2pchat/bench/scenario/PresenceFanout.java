package p2pchat.bench.scenario;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import p2pchat.bench.load.Fleet;
import p2pchat.bench.load.LoadSession;
import p2pchat.bench.load.Ramp;
import p2pchat.bench.registry.BenchRegistries;
import p2pchat.bench.registry.RemoteRegistry;
import p2pchat.bench.report.Histogram;
import p2pchat.bench.report.Result;
import p2pchat.bench.report.Table;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.message.RegistryMessage.PresenceChange;

/**
 * {@code presence-fanout}: with N online, how long after a login every other peer has seen it
 * announced. N-1 watchers log in invisible (so their own logins announce nothing); then, in each
 * trial, a fresh connection logs in visible and every watcher notes when the JOINED announcement
 * reaches it; the subject logs out and the LEFT announcement is timed the same way.
 */
public final class PresenceFanout {
  /**
   * @param online the sizes of the online list to measure at, ascending
   * @param trials logins timed at each size
   * @param threads load-client event-loop threads
   * @param registryHeap the registry JVM's -Xmx
   * @param jfr where to record the registry with JFR, or null
   */
  public record Params(
      List<Integer> online, int trials, int threads, String registryHeap, Path jfr) {}

  /** One announcement being timed: whose, which change, and when each watcher saw it. */
  private static final class Trial {
    final String name;
    final PresenceChange.Change change;
    final long[] arrivals;
    final int expected;
    final AtomicInteger seen = new AtomicInteger();
    final CompletableFuture<Void> all = new CompletableFuture<>();

    Trial(String name, PresenceChange.Change change, int watchers) {
      this.name = name;
      this.change = change;
      this.arrivals = new long[watchers];
      this.expected = watchers;
    }
  }

  private PresenceFanout() {}

  public static Result run(Params p, PrintWriter log) throws Exception {
    Result r = new Result("presence-fanout");
    r.parameter("online", p.online())
        .parameter("trials", p.trials())
        .parameter("threads", p.threads())
        .parameter("registryHeap", p.registryHeap());
    int maxOnline = p.online().stream().mapToInt(Integer::intValue).max().orElseThrow();
    Identity identity = Identity.generate("p2pchat-bench");
    Trial[] current = new Trial[1];
    LoadSession.PresenceListener listener =
        (session, change, nanos) -> {
          Trial t = current[0];
          if (t != null
              && change.change() == t.change
              && change.peer().name().equals(t.name)
              && session.index() < t.expected) {
            t.arrivals[session.index()] = nanos;
            if (t.seen.incrementAndGet() == t.expected) {
              t.all.complete(null);
            }
          }
        };
    log.printf("presence-fanout: starting a registry with %,d accounts...%n", maxOnline);
    log.flush();
    try (RemoteRegistry registry =
            RemoteRegistry.start(
                new RemoteRegistry.Options(
                    maxOnline,
                    identity.peerId(),
                    p.registryHeap(),
                    Duration.ofSeconds(30),
                    Duration.ofHours(1),
                    p.jfr()));
        Fleet fleet =
            new Fleet(
                p.threads(), 128, identity, registry.address(), registry.peerId(), listener)) {
      // The subject is the last account; watchers are 0..N-2.
      String subject = BenchRegistries.accountName(maxOnline - 1);
      for (int online : p.online()) {
        int watchers = online - 1;
        int before = fleet.sessions().size();
        log.printf("presence-fanout: %,d watchers online...%n", watchers);
        log.flush();
        Ramp.Outcome c = fleet.connectUpTo(watchers);
        Ramp.Outcome l = fleet.login(before, fleet.sessions().size(), false);
        if (c.failed() + l.failed() > 0) {
          throw new IllegalStateException(
              "could not bring "
                  + watchers
                  + " watchers online: "
                  + c.firstError()
                  + l.firstError());
        }
        Histogram joined = new Histogram();
        Histogram left = new Histogram();
        Histogram allSeen = new Histogram();
        for (int trial = 0; trial < p.trials(); trial++) {
          LoadSession s = fleet.connectExtra(maxOnline + trial).get(60, TimeUnit.SECONDS);
          Trial join = new Trial(subject, PresenceChange.Change.JOINED, watchers);
          current[0] = join;
          long t0 = System.nanoTime();
          s.login(subject, BenchRegistries.PASSWORD, true);
          await(join, "JOINED");
          long last = 0;
          for (long a : join.arrivals) {
            joined.record(a - t0);
            last = Math.max(last, a - t0);
          }
          allSeen.record(last);
          Trial leave = new Trial(subject, PresenceChange.Change.LEFT, watchers);
          current[0] = leave;
          long t1 = System.nanoTime();
          s.logout();
          await(leave, "LEFT");
          for (long a : leave.arrivals) {
            left.record(a - t1);
          }
          current[0] = null;
          s.close();
        }
        String section = "N=" + String.format(java.util.Locale.ROOT, "%,d", online);
        r.metric(section, "watchers", watchers, "peers");
        r.metric(section, "JOINED seen p50", Table.millis(joined.percentile(50)), "ms");
        if (online >= 10_000) {
          r.atMost(section, "JOINED seen p99", Table.millis(joined.percentile(99)), "ms", 500);
        } else {
          r.metric(section, "JOINED seen p99", Table.millis(joined.percentile(99)), "ms");
        }
        r.metric(section, "JOINED seen max", Table.millis(joined.max()), "ms");
        r.metric(section, "all seen, median trial", Table.millis(allSeen.percentile(50)), "ms");
        r.metric(section, "all seen, worst trial", Table.millis(allSeen.max()), "ms");
        r.metric(
            section,
            "announcements delivered per second",
            watchers / (allSeen.percentile(50) / 1e9),
            "messages/s");
        r.metric(section, "LEFT seen p50", Table.millis(left.percentile(50)), "ms");
        r.metric(section, "LEFT seen p99", Table.millis(left.percentile(99)), "ms");
        log.printf(
            "presence-fanout: N=%,d JOINED p50 %.1f ms p99 %.1f ms max %.1f ms%n",
            online,
            Table.millis(joined.percentile(50)),
            Table.millis(joined.percentile(99)),
            Table.millis(joined.max()));
        log.flush();
      }
      r.metric("errors", "connections dropped", fleet.stats().drops.sum(), "connections");
    }
    r.note(
        "a sample is one watcher's delay from the subject sending Login (resp. Logout) to that"
            + " watcher decoding the announcement; the registry, the watchers and the subject share"
            + " the machine's cores, so the watchers' TLS decryption is part of the time");
    return r.finish();
  }

  private static void await(Trial t, String what) throws InterruptedException {
    try {
      t.all.get(120, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(
          what
              + " reached only "
              + t.seen.get()
              + " of "
              + t.expected
              + " watchers in 120 s; missing e.g. watcher "
              + Arrays.stream(t.arrivals).boxed().toList().indexOf(0L),
          e);
    }
  }
}
