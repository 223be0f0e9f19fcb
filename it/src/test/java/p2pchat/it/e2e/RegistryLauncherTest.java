package p2pchat.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.tls.PeerIdPolicy;
import p2pchat.registry.client.RegistryClient;
import p2pchat.registry.client.RegistryListener;

/**
 * `./p2pchat registry` as the README runs it: prints port and fingerprint, serves, stops on Ctrl-C.
 */
class RegistryLauncherTest {
  private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
  private static final Duration START = Duration.ofSeconds(60);

  @TempDir Path home;

  @Test
  void startsPrintsPortAndFingerprintServesAndStopsOnCtrlC() throws Exception {
    Path data = home.resolve("registry-data");
    try (LaunchedProcess registry =
        LaunchedProcess.start(
            home,
            Map.of(),
            "registry",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--data",
            data.toString())) {
      String listening = registry.awaitLine(l -> LISTENING.matcher(l).find(), START);
      String fingerprintLine =
          registry.awaitLine(l -> l.startsWith("fingerprint (PeerId): "), START);
      Matcher m = LISTENING.matcher(listening);
      assertThat(m.find()).isTrue();
      int port = Integer.parseInt(m.group(1));
      PeerId fingerprint =
          PeerId.parse(fingerprintLine.substring("fingerprint (PeerId): ".length()));

      RegistryClient client =
          RegistryClient.connect(
              new InetSocketAddress("127.0.0.1", port),
              Identity.generate("it"),
              PeerIdPolicy.pinned(fingerprint),
              RegistryListener.NONE,
              RegistryClient.Options.DEFAULTS);
      try {
        client.register("alice", "launcher secret");
        assertThat(client.login("alice", "launcher secret", 40000, true).observedHost())
            .isEqualTo("127.0.0.1");
      } finally {
        client.close();
      }
      registry.awaitLine(
          l -> l.contains("user=alice request=Login[") && l.contains("outcome=ok"), START);

      registry.interrupt();
      int status = registry.awaitExit(Duration.ofSeconds(20));
      assertThat(status).isIn(0, 130);
      assertThat(registry.lines()).contains("registry stopped");
      assertThat(registry.lines()).noneMatch(l -> l.contains("launcher secret"));
      assertThat(registry.lines()).noneMatch(l -> l.contains("Exception"));
      assertThat(Files.exists(data.resolve("registry.db"))).isTrue();
      assertThat(Files.exists(data.resolve("identity.crt"))).isTrue();
    }
  }
}
