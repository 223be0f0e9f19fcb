package p2pchat.peer.remote;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one program without a shell: the argv as given, stdin empty, stdout and stderr together, a
 * small fixed environment. Output is kept up to a limit while it is read (the rest is counted and
 * dropped, never buffered), and a program still running at the time limit is killed with everything
 * it started.
 */
final class CommandRunner {
  private CommandRunner() {}

  /** How a run ended. */
  sealed interface Outcome {
    /** It exited with {@code exitCode}; {@code output} is the start of its {@code bytes} bytes. */
    record Exited(int exitCode, long bytes, String output) implements Outcome {}

    /** It was still running at the time limit and was killed. */
    record TimedOut(Duration limit, long bytes) implements Outcome {}

    /** It could not be started. */
    record CannotStart(String why) implements Outcome {}
  }

  static Outcome run(List<String> argv, Duration timeLimit, int outputLimit) {
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    String home = System.getProperty("user.home");
    env.clear();
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("HOME", home);
    env.put("LANG", "C.UTF-8");
    builder.directory(new File(home));
    builder.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    Process process;
    try {
      process = builder.start();
    } catch (IOException | RuntimeException e) {
      return new Outcome.CannotStart(e.getMessage());
    }
    Capture capture = new Capture(process.getInputStream(), outputLimit);
    Thread reader = Thread.ofVirtual().name("command-output").start(capture);
    try {
      boolean exited = process.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        killTree(process);
        reader.join(Duration.ofSeconds(2));
        return new Outcome.TimedOut(timeLimit, capture.total());
      }
      // Children it left behind may hold the output open; they go with it.
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      reader.join(Duration.ofSeconds(2));
      return new Outcome.Exited(process.exitValue(), capture.total(), capture.text(outputLimit));
    } catch (InterruptedException e) {
      killTree(process);
      Thread.currentThread().interrupt();
      return new Outcome.CannotStart("interrupted");
    }
  }

  private static File nullDevice() {
    return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static void killTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** Reads a stream to its end, keeping at most {@code limit} bytes. */
  private static final class Capture implements Runnable {
    private final InputStream in;
    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long total;

    Capture(InputStream in, int limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public void run() {
      byte[] buf = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          synchronized (this) {
            int keep = Math.max(0, Math.min(n, limit - kept.size()));
            kept.write(buf, 0, keep);
            total += n;
          }
        }
      } catch (IOException e) {
        // The process was killed or closed its output: what was read is what there is.
      }
    }

    synchronized long total() {
      return total;
    }

    /** The kept bytes as text, at most {@code maxBytes} UTF-8 bytes (bad bytes become U+FFFD). */
    synchronized String text(int maxBytes) {
      CharsetDecoder decoder =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE);
      String text;
      try {
        CharBuffer chars = decoder.decode(ByteBuffer.wrap(kept.toByteArray()));
        text = chars.toString();
      } catch (java.nio.charset.CharacterCodingException e) {
        text = "";
      }
      return Utf8.cut(text, maxBytes);
    }
  }
}
