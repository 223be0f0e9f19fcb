package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.Limits;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.FileHash;
import p2pchat.protocol.message.FileIndexMessage.FileEntry;
import p2pchat.protocol.message.FileIndexMessage.SharedFile;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.RegistryClient;
import p2pchat.registry.client.RegistryException;
import p2pchat.registry.client.RegistryListener;

/**
 * The registry's file index: each online user's published list, listed, searched and located in
 * pages, hidden with its invisible owner and gone when the owner goes.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class FileIndexTest {
  @TempDir Path data;

  private RegistryFixture registry;

  @AfterEach
  void stop() {
    registry.close();
  }

  private static FileHash hash(int n) {
    return FileHash.sha256(new byte[] {(byte) n, (byte) (n >> 8), (byte) (n >> 16)});
  }

  private static SharedFile file(String path, int n) {
    return new SharedFile(path, 1000L + n, hash(n));
  }

  private static List<String> described(List<FileEntry> files) {
    return files.stream().map(e -> e.owner() + ":" + e.file().path()).toList();
  }

  @Test
  void everyoneSeesWhatOthersPublishAndNotTheirOwn() throws Exception {
    registry = new RegistryFixture(data);
    RegistryClient alice = registry.online("alice", RegistryListener.NONE);
    RegistryClient bob = registry.online("bob", RegistryListener.NONE);
    RegistryClient carol = registry.online("carol", RegistryListener.NONE);

    alice.publishFiles(List.of(file("music/b.ogg", 1), file("music/a.ogg", 2)));
    bob.publishFiles(List.of(file("docs/Report Final.pdf", 3), file("docs/music.txt", 2)));

    assertThat(described(carol.listFiles("")))
        .containsExactly(
            "alice:music/a.ogg",
            "alice:music/b.ogg",
            "bob:docs/Report Final.pdf",
            "bob:docs/music.txt");
    assertThat(described(alice.listFiles("")))
        .containsExactly("bob:docs/Report Final.pdf", "bob:docs/music.txt");
    assertThat(described(carol.listFiles("BOB")))
        .containsExactly("bob:docs/Report Final.pdf", "bob:docs/music.txt");
    assertThat(described(alice.listFiles("alice"))).hasSize(2);
    FileEntry a = carol.listFiles("alice").getFirst();
    assertThat(a.file()).isEqualTo(file("music/a.ogg", 2));
    assertThat(described(carol.searchFiles("MUSIC")))
        .containsExactly("alice:music/a.ogg", "alice:music/b.ogg", "bob:docs/music.txt");
    assertThat(described(carol.searchFiles("report pdf")))
        .containsExactly("bob:docs/Report Final.pdf");
    assertThat(carol.searchFiles("nothing like this")).isEmpty();
    assertThat(described(carol.locateFile(hash(2))))
        .containsExactly("alice:music/a.ogg", "bob:docs/music.txt");
    assertThat(described(alice.locateFile(hash(2)))).containsExactly("bob:docs/music.txt");
  }

  @Test
  void aNewPublicationReplacesTheOldOneWhenItsLastPageArrives() throws Exception {
    registry = new RegistryFixture(data);
    RegistryClient alice = registry.online("alice", RegistryListener.NONE);
    RegistryClient bob = registry.online("bob", RegistryListener.NONE);
    alice.publishFiles(List.of(file("old.txt", 1)));
    // 1201 files: three pages of at most 500.
    List<SharedFile> many =
        IntStream.range(0, 1201).mapToObj(i -> file(String.format("new/%04d", i), i)).toList();

    alice.publishFiles(many);

    List<FileEntry> seen = bob.listFiles("alice");
    assertThat(seen).hasSize(1201);
    assertThat(seen.getFirst().file().path()).isEqualTo("new/0000");
    alice.publishFiles(List.of());
    assertThat(bob.listFiles("alice")).isEmpty();
  }

  @Test
  void longListsComeInPagesAndAreNeverCut() throws Exception {
    registry =
        new RegistryFixture(
            RegistryConfig.builder(data).address("127.0.0.1", 0).pageSize(7).build());
    RegistryClient alice = registry.online("alice", RegistryListener.NONE);
    RegistryClient bob = registry.online("bob", RegistryListener.NONE);
    alice.publishFiles(IntStream.range(0, 50).mapToObj(i -> file("f" + i, i)).toList());

    assertThat(bob.listFiles("")).hasSize(50);
    assertThat(bob.searchFiles("f1")).hasSize(11);
  }

  @Test
  void anInvisibleOrGoneUsersFilesAreNotListed() throws Exception {
    registry = new RegistryFixture(data);
    RegistryClient alice = registry.online("alice", RegistryListener.NONE);
    RegistryClient bob = registry.online("bob", RegistryListener.NONE);
    alice.publishFiles(List.of(file("a.txt", 1)));
    assertThat(bob.listFiles("")).hasSize(1);

    alice.setVisible(false);

    assertThat(bob.listFiles("")).isEmpty();
    assertThat(bob.locateFile(hash(1))).isEmpty();
    assertThatThrownBy(() -> bob.listFiles("alice"))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_OFFLINE));
    assertThat(alice.listFiles("alice")).as("alice still sees her own").hasSize(1);
    alice.setVisible(true);
    assertThat(bob.listFiles("")).hasSize(1);

    alice.close();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(bob.listFiles("")).isEmpty());
    // Back online, alice has published nothing yet in this session.
    RegistryClient again = registry.connect(RegistryListener.NONE);
    again.login("alice", RegistryFixture.PASSWORD, 40000, true);
    assertThat(bob.listFiles("alice")).isEmpty();
  }

  @Test
  void fileRequestsNeedALogin() throws Exception {
    registry = new RegistryFixture(data);
    RegistryClient stranger = registry.connect(RegistryListener.NONE);

    assertThatThrownBy(() -> stranger.publishFiles(List.of(file("a", 1))))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_LOGGED_IN));
    assertThatThrownBy(() -> stranger.listFiles(""))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_LOGGED_IN));
    assertThatThrownBy(() -> stranger.searchFiles("a"))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_LOGGED_IN));
  }

  @Test
  void aListLongerThanTheRegistryKeepsIsRefused() throws Exception {
    registry = new RegistryFixture(data);
    RegistryClient alice = registry.online("alice", RegistryListener.NONE);
    RegistryClient bob = registry.online("bob", RegistryListener.NONE);
    alice.publishFiles(List.of(file("kept.txt", 1)));
    List<SharedFile> tooMany =
        IntStream.range(0, Limits.MAX_SHARED_FILES + 1).mapToObj(i -> file("f", i)).toList();

    assertThatThrownBy(() -> alice.publishFiles(tooMany))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_FILES));
    assertThat(described(bob.listFiles(""))).containsExactly("alice:kept.txt");
  }
}
