package p2pchat.it.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A registry process started through the launcher, with the port and fingerprint it printed. */
record RunningRegistry(LaunchedProcess process, int port, String fingerprint) {
  private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
  private static final String FINGERPRINT = "fingerprint (PeerId): ";

  /** Starts {@code ./p2pchat registry} on 127.0.0.1 at {@code port} (0: a free one). */
  static RunningRegistry start(Path home, Path data, int port) throws IOException {
    LaunchedProcess p =
        LaunchedProcess.start(
            home,
            Map.of(),
            "registry",
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--data",
            data.toString());
    String listening = p.awaitLine(l -> LISTENING.matcher(l).find(), Duration.ofSeconds(90));
    String fingerprint = p.awaitLine(l -> l.startsWith(FINGERPRINT), Duration.ofSeconds(10));
    Matcher m = LISTENING.matcher(listening);
    if (!m.find()) {
      throw new IllegalStateException(listening);
    }
    return new RunningRegistry(
        p, Integer.parseInt(m.group(1)), fingerprint.substring(FINGERPRINT.length()));
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  /**
   * Starts {@code ./p2pchat chat} for {@code user} against this registry (registering the account
   * on first use, password {@code USER-password}, listening on a free port of 127.0.0.1, with
   * {@code more} arguments) and waits until it has logged in.
   */
  LaunchedProcess chat(Path home, String user, String... more) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "chat",
                "--registry",
                address(),
                "--registry-id",
                fingerprint,
                "--user",
                user,
                "--register",
                "--listen",
                "127.0.0.1:0"));
    args.addAll(List.of(more));
    LaunchedProcess p =
        LaunchedProcess.start(
            home, Map.of("P2PCHAT_PASSWORD", user + "-password"), args.toArray(String[]::new));
    p.awaitLine(l -> l.startsWith("* logged in as " + user), Duration.ofSeconds(90));
    return p;
  }
}
