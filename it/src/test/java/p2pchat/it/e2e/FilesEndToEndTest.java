package p2pchat.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File sharing through the launcher, as two people do it: alice starts with a shared folder, bob
 * lists and searches the files, downloads one, watches it in /transfers, and gets the same bytes.
 */
class FilesEndToEndTest {
  private static final Pattern SAVED =
      Pattern.compile("saved as (.+) \\(SHA-256 ([0-9a-f]{64}), checked\\)");

  @TempDir Path home;

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (var in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  @Test
  void aliceSharesAFolderAndBobDownloadsAFileWithTheSameSha256() throws Exception {
    Path shared = Files.createDirectories(home.resolve("alice-share"));
    Path original = shared.resolve("holiday video.mp4");
    SplittableRandom random = new SplittableRandom(42);
    byte[] buffer = new byte[1 << 16];
    try (OutputStream out = Files.newOutputStream(original)) {
      for (int i = 0; i < 160; i++) { // 10 MiB: ten chunks
        random.nextBytes(buffer);
        out.write(buffer);
      }
    }
    Files.writeString(shared.resolve("readme.txt"), "hello from alice\n");
    Path downloads = home.resolve("bob-downloads");
    RunningRegistry registry = RunningRegistry.start(home, home.resolve("registry-data"), 0);
    try (LaunchedProcess registryProcess = registry.process();
        LaunchedProcess alice = registry.chat(home, "alice", "--share", shared.toString());
        LaunchedProcess bob = registry.chat(home, "bob")) {
      alice.awaitLine("* sharing " + shared.toRealPath() + " as alice-share: 2 files");

      // The list reaches the registry a moment after the folder is indexed: ask until it shows.
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                bob.type("/files");
                return bob.saw("alice-share/holiday video.mp4");
              });
      String row = bob.awaitLine("alice-share/holiday video.mp4");
      assertThat(row)
          .contains("alice")
          .contains("10.5 MB")
          .contains(sha256(original).substring(0, 12));
      assertThat(bob.lines()).noneMatch(l -> l.contains(shared.toString()));
      bob.type("/search HOLIDAY mp4");
      bob.awaitLine("files matching \"HOLIDAY mp4\" (1):");

      bob.type("/get alice alice-share/holiday video.mp4 --to " + downloads);
      bob.awaitLine("* transfer #1: getting alice-share/holiday video.mp4 (10.5 MB) from alice");
      String done = bob.awaitLine("* transfer #1 done: holiday video.mp4 from alice");
      Matcher m = SAVED.matcher(done);
      assertThat(m.find()).as(done).isTrue();
      Path received = Path.of(m.group(1));
      assertThat(received).isEqualTo(downloads.resolve("holiday video.mp4"));
      assertThat(sha256(received)).isEqualTo(sha256(original)).isEqualTo(m.group(2));
      bob.type("/transfers");
      bob.awaitLine("#1 holiday video.mp4 from alice  done: " + received);

      bob.type("/quit");
      assertThat(bob.awaitExit(Duration.ofSeconds(20))).isZero();
      alice.type("/quit");
      assertThat(alice.awaitExit(Duration.ofSeconds(20))).isZero();
      assertThat(registryProcess.lines()).noneMatch(l -> l.contains(shared.toString()));
    }
  }
}
