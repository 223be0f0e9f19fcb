package p2pchat.bench.scenario.chat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The voluntary context switches of every thread of this JVM so far, from Linux's {@code
 * /proc/self/task/}: each one is a thread that blocked (parked, or waited in epoll or a read) and
 * had to be woken again, so their count per round trip counts the thread hand-offs on the path far
 * less noisily than its latency does. -1 where {@code /proc} is not there.
 */
final class ContextSwitches {
  private static final Path TASKS = Path.of("/proc/self/task");
  private static final String FIELD = "voluntary_ctxt_switches:";

  private ContextSwitches() {}

  /** The sum over the live threads now, or -1 if this system does not say. */
  static long now() {
    if (!Files.isDirectory(TASKS)) {
      return -1;
    }
    long sum = 0;
    try (Stream<Path> tasks = Files.list(TASKS)) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        sum += voluntary(task.resolve("status"));
      }
    } catch (IOException e) {
      return -1;
    }
    return sum;
  }

  /** Switches per operation between {@code before} and now, or -1 if unknown. */
  static double per(long before, long operations) {
    long after = now();
    return before < 0 || after < 0 ? -1 : (double) (after - before) / operations;
  }

  private static long voluntary(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith(FIELD)) {
          return Long.parseLong(line.substring(FIELD.length()).trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      // The thread ended while we read: its switches are gone from the sum either way.
    }
    return 0;
  }
}
