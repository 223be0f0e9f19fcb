package p2pchat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.it.Cluster.Member;
import p2pchat.peer.NodeEvent;
import p2pchat.protocol.Limits;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.message.BroadcastSignature;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.PeerMessage.RunRefused.Reason;
import p2pchat.protocol.message.PeerMessage.RunRequest;
import p2pchat.protocol.message.PeerMessage.RunResult;
import p2pchat.protocol.testing.RawTlsConnection;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * Remote commands: an allowed command runs and its exit code and output come back; anything not
 * allowed (a command or user not on the list, shell metacharacters, an argument outside its
 * pattern) is refused with the reason; a command past its time limit is killed and one with 10 MB
 * of output is cut; nothing runs where the feature is off; every request is logged. The asking side
 * never waits forever: a peer that never answers is given up on once the answer timeout has passed,
 * a connection that closes before the answer is said at once, and an answer that comes after either
 * is ignored.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class RemoteCommandTest {
  /** {@code seq 1 1500000} writes 10,888,896 bytes. */
  private static final long TEN_MB_OF_NUMBERS = 10_888_896;

  @TempDir Path dir;
  private Cluster cluster;
  private Member alice;
  private Member bob;
  private Member carol;
  private final Identity mallorysKey = Identity.generate("mallory");

  @BeforeEach
  void start() throws Exception {
    cluster = new Cluster(dir);
    Path bobs = cluster.profileDir("bob");
    Files.createDirectories(bobs);
    Files.writeString(
        bobs.resolve("commands.conf"),
        String.join(
            "\n",
            "# bob lets alice run a few things",
            "enabled = true",
            "users = alice",
            "time-limit = 3s",
            "command echo = " + program("echo") + " {[a-z]{1,20}}",
            "command list = " + program("ls") + " {/[a-z/]*}",
            "command nap = " + program("sleep") + " {[0-9]+}",
            "command count = " + program("seq") + " 1 {[0-9]+}",
            ""));
    alice = cluster.join("alice");
    bob = cluster.join("bob");
    carol = cluster.join("carol");
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void anAllowedCommandRunsAndReturnsItsOutputAndExitCode() throws Exception {
    alice.node().runRemote("bob", "echo hello");
    assertThat(alice.events().awaitNth(NodeEvent.CommandFinished.class, 1))
        .isEqualTo(new NodeEvent.CommandFinished("bob", "echo hello", 0, 6, "hello\n"));

    alice.node().runRemote("bob", "list /nonexistent");
    NodeEvent.CommandFinished failed = alice.events().awaitNth(NodeEvent.CommandFinished.class, 2);
    assertThat(failed.exitCode()).isEqualTo(2);
    assertThat(failed.output()).contains("/nonexistent", "No such file or directory");

    assertThat(log(bob))
        .anyMatch(
            l ->
                l.contains("user=alice")
                    && l.contains("request=\"echo hello\"")
                    && l.contains("outcome=ran exit=0"));
  }

  @Test
  void whatIsNotAllowedIsRefusedWithTheReason() throws Exception {
    alice.node().runRemote("bob", "rm -rf /");
    assertRefused(
        alice, 1, Reason.COMMAND_NOT_ALLOWED, "rm is not on the list of allowed commands");

    carol.node().runRemote("bob", "echo hello");
    assertRefused(carol, 1, Reason.USER_NOT_ALLOWED, "carol is not allowed to run commands here");

    alice.node().runRemote("bob", "echo hi;touch " + dir.resolve("pwned"));
    assertRefused(
        alice,
        2,
        Reason.ARGUMENTS_NOT_ALLOWED,
        "\"hi;touch\" holds shell metacharacters, which are never allowed");
    alice.node().runRemote("bob", "echo $(id)");
    assertRefused(
        alice,
        3,
        Reason.ARGUMENTS_NOT_ALLOWED,
        "\"$(id)\" holds shell metacharacters, which are never allowed");
    alice.node().runRemote("bob", "echo HELLO");
    assertRefused(
        alice, 4, Reason.ARGUMENTS_NOT_ALLOWED, "argument 1 \"HELLO\" does not match [a-z]{1,20}");
    alice.node().runRemote("bob", "echo two words");
    assertRefused(alice, 5, Reason.ARGUMENTS_NOT_ALLOWED, "echo takes 1 argument(s), not 2");

    assertThat(alice.events().all(NodeEvent.CommandFinished.class)).isEmpty();
    assertThat(dir.resolve("pwned")).doesNotExist();
    List<String> log = log(bob);
    assertThat(log).hasSize(6).allMatch(l -> l.contains("outcome=refused"));
    assertThat(log.get(0))
        .contains("user=alice", "request=\"rm -rf /\"", "reason=COMMAND_NOT_ALLOWED");
    assertThat(log.get(1)).contains("user=carol", "reason=USER_NOT_ALLOWED");
    assertThat(log.get(2)).contains("reason=ARGUMENTS_NOT_ALLOWED", "shell metacharacters");
  }

  @Test
  void aCommandPastItsTimeLimitIsKilled() {
    alice.node().runRemote("bob", "nap 60");

    NodeEvent.CommandRefused refused =
        alice.events().awaitEvent(NodeEvent.CommandRefused.class, r -> true);
    assertThat(refused.reason()).isEqualTo(Reason.TIMED_OUT);
    assertThat(refused.text()).isEqualTo("still running after 3 s; killed");
    await()
        .atMost(EventLog.WAIT)
        .untilAsserted(
            () ->
                assertThat(ProcessHandle.current().descendants())
                    .noneMatch(
                        p ->
                            p.info().commandLine().orElse("").contains("sleep 60") && p.isAlive()));
    await()
        .atMost(EventLog.WAIT)
        .untilAsserted(
            () ->
                assertThat(log(bob)).anyMatch(l -> l.contains("outcome=stopped reason=TIMED_OUT")));
  }

  @Test
  void tenMegabytesOfOutputAreCutAndSaidSo() {
    alice.node().runRemote("bob", "count 1500000");

    NodeEvent.CommandFinished result =
        alice.events().awaitEvent(NodeEvent.CommandFinished.class, r -> true);
    assertThat(result.exitCode()).isZero();
    assertThat(result.outputBytes()).isEqualTo(TEN_MB_OF_NUMBERS);
    assertThat(result.output().getBytes(StandardCharsets.UTF_8))
        .hasSize(Limits.MAX_RUN_OUTPUT_BYTES);
    assertThat(result.output()).startsWith("1\n2\n3\n");
  }

  @Test
  void nothingRunsWhereTheFeatureIsOff() throws Exception {
    Path daves = cluster.profileDir("dave");
    Files.createDirectories(daves);
    Files.writeString(
        daves.resolve("commands.conf"),
        "enabled = false\nusers = alice\ncommand echo = " + program("echo") + " {[a-z]+}\n");
    Member dave = cluster.join("dave");

    alice.node().runRemote("dave", "echo hello");
    assertRefused(alice, 1, Reason.NOT_ENABLED, "remote commands are switched off here");
    bob.node().runRemote("alice", "echo hello");
    assertRefused(bob, 1, Reason.NOT_ENABLED, "remote commands are switched off here");

    assertThat(alice.events().all(NodeEvent.CommandFinished.class)).isEmpty();
    assertThat(log(dave)).singleElement().asString().contains("user=alice", "reason=NOT_ENABLED");
    assertThat(log(alice)).singleElement().asString().contains("user=bob", "reason=NOT_ENABLED");
  }

  @Test
  void aPeerThatNeverAnswersIsGivenUpOnAndItsLateAnswerIgnored() throws Exception {
    Path erins = cluster.profileDir("erin");
    Files.createDirectories(erins);
    Files.writeString(erins.resolve("commands.conf"), "answer-timeout = 1s\n");
    Member erin = cluster.join("erin");

    try (RawTlsConnection mallory = cluster.joinByHand("mallory", mallorysKey, erin)) {
      RunRequest request = ask(erin, mallory);
      assertThat(erin.events().awaitNth(NodeEvent.CommandUnanswered.class, 1))
          .isEqualTo(
              new NodeEvent.CommandUnanswered(
                  "mallory", "uptime", "no answer from mallory within 1 s"));

      mallory.send(new RunResult(request.requestId(), 0, 3, "up\n"));
      say(mallory, "after the late answer");
      erin.events().awaitNth(NodeEvent.BroadcastReceived.class, 2);
    }
    assertThat(erin.events().all(NodeEvent.CommandFinished.class)).isEmpty();
    assertThat(erin.events().all(NodeEvent.CommandUnanswered.class)).hasSize(1);
  }

  @Test
  void aConnectionThatClosesBeforeTheAnswerIsSaidAtOnce() throws Exception {
    // alice has the default answer timeout (30 s): longer than a test waits for an event (15 s).
    try (RawTlsConnection mallory = cluster.joinByHand("mallory", mallorysKey, alice)) {
      ask(alice, mallory);
    }

    assertThat(alice.events().awaitNth(NodeEvent.CommandUnanswered.class, 1))
        .isEqualTo(
            new NodeEvent.CommandUnanswered(
                "mallory", "uptime", "the connection to mallory closed before it answered"));
  }

  /** {@code asker} asks mallory to run uptime over the link mallory opened; returns the request. */
  private RunRequest ask(Member asker, RawTlsConnection mallory) throws Exception {
    // Once a broadcast over it has arrived, the link is surely the one the asker uses.
    say(mallory, "hello");
    asker.events().awaitNth(NodeEvent.BroadcastReceived.class, 1);
    asker.node().runRemote("mallory", "uptime");
    while (true) {
      Message m = mallory.receive();
      if (m instanceof RunRequest request) {
        assertThat(request.command()).isEqualTo("uptime");
        return request;
      }
    }
  }

  private void say(RawTlsConnection mallory, String text) throws Exception {
    mallory.send(
        BroadcastSignature.sign(
            mallorysKey, "mallory", text.hashCode(), System.currentTimeMillis(), text));
  }

  private static void assertRefused(Member asker, int nth, Reason reason, String text) {
    NodeEvent.CommandRefused refused = asker.events().awaitNth(NodeEvent.CommandRefused.class, nth);
    assertThat(refused.reason()).isEqualTo(reason);
    assertThat(refused.text()).isEqualTo(text);
  }

  private List<String> log(Member member) throws java.io.IOException {
    Path log = cluster.profileDir(member.name()).resolve("commands.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  /** The absolute path of {@code name} on this machine's search path. */
  private static String program(String name) {
    return Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
        .map(d -> Path.of(d, name))
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(name + " is not on the PATH"))
        .toAbsolutePath()
        .toString();
  }
}
