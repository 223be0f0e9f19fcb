package p2pchat.bench.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import p2pchat.protocol.identity.PeerId;

/**
 * A registry running in a child JVM ({@link RegistryProcess}) started from this JVM's own java and
 * class path, with its data folder on tmpfs where there is one (so that creating accounts measures
 * SQLite, not the disk's fsync).
 */
public final class RemoteRegistry implements AutoCloseable {
  /**
   * How to start it.
   *
   * @param accounts bench accounts to create first
   * @param clientPeerId the PeerId the accounts are bound to (the load client's)
   * @param heap the child's -Xmx, e.g. "4g"
   * @param heartbeatTimeout the registry's heartbeat timeout
   * @param loginTimeout the registry's login timeout
   * @param jfr where to write a JFR recording of the child, or null for none
   */
  public record Options(
      int accounts,
      PeerId clientPeerId,
      String heap,
      Duration heartbeatTimeout,
      Duration loginTimeout,
      Path jfr) {}

  private final Process process;
  private final BufferedReader out;
  private final PrintWriter in;
  private final Path dataDir;
  private final Path log;
  private final InetSocketAddress address;
  private final PeerId peerId;
  private final double accountSeconds;

  private RemoteRegistry(
      Process process,
      BufferedReader out,
      PrintWriter in,
      Path dataDir,
      Path log,
      InetSocketAddress address,
      PeerId peerId,
      double accountSeconds) {
    this.process = process;
    this.out = out;
    this.in = in;
    this.dataDir = dataDir;
    this.log = log;
    this.address = address;
    this.peerId = peerId;
    this.accountSeconds = accountSeconds;
  }

  /** Starts the child and waits (up to 10 minutes) until it listens. */
  public static RemoteRegistry start(Options options) throws IOException {
    Path shm = Path.of("/dev/shm");
    Path dataDir =
        Files.isDirectory(shm) && Files.isWritable(shm)
            ? Files.createTempDirectory(shm, "p2pchat-bench-registry-")
            : Files.createTempDirectory("p2pchat-bench-registry-");
    Path log = Files.createTempFile("p2pchat-bench-registry-", ".log");
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.add("-Xmx" + options.heap());
    command.add("--enable-native-access=ALL-UNNAMED");
    if (Runtime.version().feature() >= 23) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.add("-Dlogback.configurationFile=p2pchat-bench-logback.xml");
    if (options.jfr() != null) {
      command.add(
          "-XX:StartFlightRecording=filename="
              + options.jfr().toAbsolutePath()
              + ",settings=profile,dumponexit=true");
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(RegistryProcess.class.getName());
    command.add(dataDir.toString());
    command.add(String.valueOf(options.accounts()));
    command.add(options.clientPeerId().hex());
    command.add(String.valueOf(options.heartbeatTimeout().toMillis()));
    command.add(String.valueOf(options.loginTimeout().toMillis()));
    Process process =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    PrintWriter in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    String ready = readLine(process, out, "READY", Duration.ofMinutes(10), log);
    String[] f = ready.split(" ");
    return new RemoteRegistry(
        process,
        out,
        in,
        dataDir,
        log,
        new InetSocketAddress("127.0.0.1", Integer.parseInt(f[1])),
        PeerId.ofDigest(HexFormat.of().parseHex(f[2])),
        Double.parseDouble(f[3]));
  }

  private static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private static String readLine(
      Process process, BufferedReader out, String prefix, Duration timeout, Path log)
      throws IOException {
    // The child answers one line per command; a reader thread would only add a hop.
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (out.ready()) {
        String line = out.readLine();
        if (line == null) {
          break;
        }
        if (line.startsWith(prefix + " ") || line.equals(prefix)) {
          return line;
        }
        continue; // anything else a library printed to stdout
      }
      if (!process.isAlive()) {
        break;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted waiting for the registry", e);
      }
    }
    String tail = tail(log);
    process.destroyForcibly();
    throw new IOException(
        "the registry process did not answer "
            + prefix
            + (process.isAlive() ? " in time" : " (it exited)")
            + "; its log ends with:\n"
            + tail);
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  public InetSocketAddress address() {
    return address;
  }

  public PeerId peerId() {
    return peerId;
  }

  /** The child's process id, for profilers. */
  public long pid() {
    return process.pid();
  }

  /** How long creating the bench accounts took, in seconds. */
  public double accountSeconds() {
    return accountSeconds;
  }

  /** Measures the registry process (after a full GC there). */
  public RegistryStats stats() throws IOException {
    in.println("STATS");
    String line = readLine(process, out, "STATS", Duration.ofMinutes(2), log);
    return new ObjectMapper().readValue(line.substring(6), RegistryStats.class);
  }

  /** CPU time the registry process has used so far, in nanoseconds (no GC first). */
  public long cpuNanos() throws IOException {
    in.println("CPU");
    return Long.parseLong(readLine(process, out, "CPU", Duration.ofMinutes(1), log).split(" ")[1]);
  }

  /** Sessions logged in now (no GC first). */
  public int sessions() throws IOException {
    in.println("CPU");
    return Integer.parseInt(
        readLine(process, out, "CPU", Duration.ofMinutes(1), log).split(" ")[2]);
  }

  /** Stops the child and deletes its data folder. */
  @Override
  public void close() {
    try {
      in.println("EXIT");
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    deleteTree(dataDir);
    try {
      Files.deleteIfExists(log);
    } catch (IOException ignored) {
      // A temp file left behind is harmless.
    }
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // Best effort: a temp folder.
    }
  }
}
