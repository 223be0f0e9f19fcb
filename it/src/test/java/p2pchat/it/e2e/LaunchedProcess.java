package p2pchat.it.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A real {@code ./p2pchat} process started through the launcher, with its output lines collected
 * for tests to await. Closing it kills the process (and its children) by PID.
 */
final class LaunchedProcess implements AutoCloseable {
  /** The repository root: the app module's parent. */
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private LaunchedProcess(Process process) {
    this.process = process;
    Thread.ofVirtual().start(() -> collect(process));
  }

  /** Starts {@code ./p2pchat args...} with HOME set to {@code home}. */
  static LaunchedProcess start(Path home, Map<String, String> env, String... args)
      throws IOException {
    List<String> command = new java.util.ArrayList<>();
    command.add(ROOT.resolve("p2pchat").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
    builder.environment().put("HOME", home.toString());
    builder.environment().putAll(env);
    return new LaunchedProcess(builder.start());
  }

  private void collect(Process p) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("<output closed: " + e.getMessage() + ">");
    }
  }

  /** Waits until a line matches, and returns it. */
  String awaitLine(Predicate<String> matches, Duration timeout) {
    return Awaitility.await()
        .atMost(timeout)
        .alias("a line matching the condition; output so far: " + lines)
        .until(() -> lines.stream().filter(matches).findFirst().orElse(null), l -> l != null);
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  OutputStream stdin() {
    return process.getOutputStream();
  }

  /** Types {@code line} and Enter, as a person at the keyboard (or a script) would. */
  void type(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** Waits for a line containing {@code text} and returns it. */
  String awaitLine(String text) {
    return awaitLine(l -> l.contains(text), Duration.ofSeconds(30));
  }

  /** Whether any line so far contains {@code text}. */
  boolean saw(String text) {
    return lines.stream().anyMatch(l -> l.contains(text));
  }

  long pid() {
    return process.pid();
  }

  /** Sends SIGINT, as Ctrl-C does. */
  void interrupt() throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
  }

  /** Waits for the process to exit and returns its status. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("process " + process.pid() + " still running; output: " + lines);
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
