package p2pchat.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Facts about the machine and process a run happened on, for the record. */
public final class Machine {
  private Machine() {}

  /** Cores, memory, JVM, OS, the git commit if run in a checkout, and the load average now. */
  public static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
    m.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put("cpu", cpuModel());
    m.put("openFilesLimit", openFilesLimit());
    commit().ifPresent(c -> m.put("commit", c));
    m.put("loadAverageAtStart", loadAverage());
    return m;
  }

  /** The 1, 5 and 15 minute load averages from /proc/loadavg, or "?" where there is none. */
  public static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      return one < 0 ? "?" : String.valueOf(one);
    }
  }

  /** How many files this process may open (RLIMIT_NOFILE), or -1 if unknown. */
  public static long openFilesLimit() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      return unix.getMaxFileDescriptorCount();
    }
    return -1;
  }

  /** How many files this process has open now, or -1 if unknown. */
  public static long openFiles() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      return unix.getOpenFileDescriptorCount();
    }
    return -1;
  }

  /** CPU time this process has used, in nanoseconds, or -1 if unknown. */
  public static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** This process's resident set size in bytes (VmRSS from /proc/self/status), or -1. */
  public static long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          String[] f = line.substring(6).trim().split("\\s+");
          return Long.parseLong(f[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: no RSS figure.
    }
    return -1;
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux.
    }
    return System.getProperty("os.arch");
  }

  private static Optional<String> commit() {
    try {
      Process p =
          new ProcessBuilder(List.of("git", "rev-parse", "--short", "HEAD"))
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9a-f]{6,}")) {
        Process dirty =
            new ProcessBuilder(List.of("git", "status", "--porcelain", "--untracked-files=no"))
                .redirectErrorStream(true)
                .start();
        String changes = new String(dirty.getInputStream().readAllBytes()).trim();
        dirty.waitFor(5, TimeUnit.SECONDS);
        return Optional.of(changes.isEmpty() ? out : out + " (with uncommitted changes)");
      }
    } catch (IOException e) {
      // No git here: no commit recorded.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.empty();
  }
}
