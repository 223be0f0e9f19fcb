package p2pchat.peer.remote;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.NodeEvent.Code;
import p2pchat.peer.net.LinkPool;
import p2pchat.peer.net.PeerLink;
import p2pchat.peer.remote.CommandRunner.Outcome;
import p2pchat.peer.remote.CommandsConfig.AllowedCommand;
import p2pchat.peer.remote.CommandsConfig.Part;
import p2pchat.protocol.message.PeerMessage.RunMessage;
import p2pchat.protocol.message.PeerMessage.RunRefused;
import p2pchat.protocol.message.PeerMessage.RunRefused.Reason;
import p2pchat.protocol.message.PeerMessage.RunRequest;
import p2pchat.protocol.message.PeerMessage.RunResult;

/**
 * The receiving side of remote commands: decides each request against the {@link CommandsConfig}
 * (off unless switched on), runs what is allowed without a shell and with its time and output
 * limits, answers the requester, and writes every request, allowed or refused, to the local log.
 */
public final class RemoteCommands {
  /**
   * Characters a shell would treat specially. No shell ever runs, so they could do no harm; but a
   * request holding one is someone trying, and is refused outright whatever the patterns say.
   */
  private static final Pattern SHELL_METACHARACTERS =
      Pattern.compile("[;&|<>$`\\\\\"'*?(){}\\[\\]!~#\\p{Cntrl}]");

  /** What to do with a request: refuse it, or run {@code argv}. */
  sealed interface Decision {
    /** Refused for {@code reason}, said in {@code text}. */
    record Refuse(Reason reason, String text) implements Decision {}

    /** Allowed: run this. */
    record Run(List<String> argv) implements Decision {}
  }

  private final CommandsConfig config;
  private final CommandLog log;
  private final Semaphore running;
  private final LinkPool links;
  private final Executor actor;

  /**
   * Remote commands as {@code config} allows, logging to {@code profileDir}/commands.log, answering
   * over {@code links} (a long run may outlast the link its request came on).
   */
  public RemoteCommands(CommandsConfig config, Path profileDir, LinkPool links, Executor actor) {
    this.config = config;
    this.log = new CommandLog(profileDir);
    this.running = new Semaphore(config.maxRunning());
    this.links = links;
    this.actor = actor;
  }

  /**
   * Remote commands as the profile's {@code commands.conf} allows (none without it); a config that
   * cannot be read leaves them off, with a warning to {@code events}, and when they are on the user
   * is told for whom and which.
   */
  public static RemoteCommands load(
      Path profileDir, LinkPool links, Executor actor, Consumer<NodeEvent> events) {
    CommandsConfig config;
    try {
      config = CommandsConfig.load(profileDir);
    } catch (IOException e) {
      config = CommandsConfig.OFF;
      events.accept(
          new NodeEvent.Warning(Code.REMOTE_CONFIG, e.getMessage() + "; remote commands stay off"));
    }
    if (config.enabled()) {
      events.accept(
          new NodeEvent.Notice(
              Code.REMOTE_ON,
              "remote commands are on for "
                  + (config.users().isEmpty()
                      ? "nobody"
                      : String.join(", ", new TreeSet<>(config.users())))
                  + ": "
                  + String.join(", ", new TreeSet<>(config.commands().keySet()))));
    }
    return new RemoteCommands(config, profileDir, links, actor);
  }

  /** How long this user waits for the answer to a command asked of someone else. */
  public java.time.Duration answerTimeout() {
    return config.answerTimeout();
  }

  /** Whether any command may run here. */
  public boolean enabled() {
    return config.enabled();
  }

  /** A request arrived over {@code link}: decided, logged, run if allowed, answered. */
  public void received(PeerLink link, RunRequest request) {
    String asked = describe(request);
    Decision decision = decide(config, link.peerName(), request);
    if (decision instanceof Decision.Refuse refuse) {
      log.write(
          link.peerName(),
          link.peerId(),
          asked,
          "outcome=refused reason=" + refuse.reason() + " why=" + CommandLog.quote(refuse.text()));
      link.send(new RunRefused(request.requestId(), refuse.reason(), refuse.text()));
      return;
    }
    if (!running.tryAcquire()) {
      String text = config.maxRunning() + " commands are running already; try again later";
      log.write(link.peerName(), link.peerId(), asked, "outcome=refused reason=BUSY");
      link.send(new RunRefused(request.requestId(), Reason.BUSY, text));
      return;
    }
    List<String> argv = ((Decision.Run) decision).argv();
    log.write(link.peerName(), link.peerId(), asked, "outcome=allowed argv=" + argv(argv));
    Thread.ofVirtual()
        .name("remote-command")
        .start(
            () -> {
              try {
                RunMessage answer = run(request.requestId(), argv);
                log.write(link.peerName(), link.peerId(), asked, ended(answer));
                actor.execute(() -> answer(link, asked, answer));
              } finally {
                running.release();
              }
            });
  }

  /** Sends {@code answer} on {@code link}, or on a new link to its user if that one closed. */
  private void answer(PeerLink link, String asked, RunMessage answer) {
    if (link.isOpen()) {
      link.send(answer);
      return;
    }
    links.withLink(
        link.peerName(),
        again -> again.send(answer),
        why ->
            log.write(
                link.peerName(),
                link.peerId(),
                asked,
                "outcome=answer-lost why=" + CommandLog.quote(why)));
  }

  private RunMessage run(int requestId, List<String> argv) {
    return switch (CommandRunner.run(argv, config.timeLimit(), config.outputLimit())) {
      case Outcome.Exited e -> new RunResult(requestId, e.exitCode(), e.bytes(), e.output());
      case Outcome.TimedOut t ->
          new RunRefused(
              requestId,
              Reason.TIMED_OUT,
              "still running after " + seconds(t.limit()) + "; killed");
      case Outcome.CannotStart c ->
          new RunRefused(requestId, Reason.CANNOT_RUN, "cannot start it: " + c.why());
    };
  }

  private static String ended(RunMessage answer) {
    return switch (answer) {
      case RunResult r -> "outcome=ran exit=" + r.exitCode() + " output=" + r.outputBytes() + "B";
      case RunRefused r -> "outcome=stopped reason=" + r.reason();
      case RunRequest r -> throw new IllegalStateException("not an answer");
    };
  }

  /** What {@code config} says to {@code user}'s {@code request}. */
  static Decision decide(CommandsConfig config, String user, RunRequest request) {
    if (!config.enabled()) {
      return new Decision.Refuse(Reason.NOT_ENABLED, "remote commands are switched off here");
    }
    if (!config.allows(user)) {
      return new Decision.Refuse(
          Reason.USER_NOT_ALLOWED, user + " is not allowed to run commands here");
    }
    List<String> words = new ArrayList<>();
    words.add(request.command());
    words.addAll(request.arguments());
    for (String word : words) {
      if (SHELL_METACHARACTERS.matcher(word).find()) {
        return new Decision.Refuse(
            Reason.ARGUMENTS_NOT_ALLOWED,
            "\"" + word + "\" holds shell metacharacters, which are never allowed");
      }
    }
    AllowedCommand command = config.command(request.command()).orElse(null);
    if (command == null) {
      return new Decision.Refuse(
          Reason.COMMAND_NOT_ALLOWED,
          request.command() + " is not on the list of allowed commands");
    }
    if (request.arguments().size() != command.arguments()) {
      return new Decision.Refuse(
          Reason.ARGUMENTS_NOT_ALLOWED,
          command.name()
              + " takes "
              + command.arguments()
              + " argument(s), not "
              + request.arguments().size());
    }
    List<String> argv = new ArrayList<>();
    int next = 0;
    for (Part part : command.argv()) {
      switch (part) {
        case Part.Literal l -> argv.add(l.text());
        case Part.Argument a -> {
          String given = request.arguments().get(next++);
          if (!a.pattern().matcher(given).matches()) {
            return new Decision.Refuse(
                Reason.ARGUMENTS_NOT_ALLOWED,
                "argument " + next + " \"" + given + "\" does not match " + a.pattern().pattern());
          }
          argv.add(given);
        }
      }
    }
    return new Decision.Run(List.copyOf(argv));
  }

  private static String describe(RunRequest request) {
    List<String> words = new ArrayList<>();
    words.add(request.command());
    words.addAll(request.arguments());
    return String.join(" ", words);
  }

  private static String argv(List<String> argv) {
    return CommandLog.quote(String.join(" ", argv));
  }

  /** {@code d} as a person reads it: {@code 3 s}, {@code 500 ms}. */
  static String seconds(java.time.Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
