package p2pchat.peer.remote;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.NodeEvent.Code;
import p2pchat.peer.net.LinkPool;
import p2pchat.peer.net.PeerLink;
import p2pchat.protocol.Limits;
import p2pchat.protocol.message.PeerMessage.RunRefused;
import p2pchat.protocol.message.PeerMessage.RunRequest;
import p2pchat.protocol.message.PeerMessage.RunResult;

/**
 * The asking side of remote commands: sends a request and shows the answer (output and exit code,
 * or why it did not run); or, when no answer comes within the answer timeout or the link the
 * request went on closes first, says so, and ignores an answer that comes later. Runs on the node's
 * actor thread.
 */
public final class RemoteRequests {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteRequests.class);

  /** A request waiting for its answer; {@code link} is the one it went on, null while dialing. */
  private record Pending(String to, String command, PeerLink link) {}

  private final String myName;
  private final LinkPool links;
  private final Duration answerTimeout;
  private final Executor timeouts;
  private final Consumer<NodeEvent> events;
  private final Map<Integer, Pending> pending = new HashMap<>();
  private int nextId = 1;

  /**
   * Requests of {@code myName} over {@code links}, answers told to {@code events}; each waits
   * {@code answerTimeout} for its answer, then is given up on {@code actor}.
   */
  public RemoteRequests(
      String myName,
      LinkPool links,
      Duration answerTimeout,
      Executor actor,
      Consumer<NodeEvent> events) {
    this.myName = myName;
    this.links = links;
    this.answerTimeout = answerTimeout;
    this.timeouts =
        CompletableFuture.delayedExecutor(answerTimeout.toMillis(), TimeUnit.MILLISECONDS, actor);
    this.events = events;
  }

  /**
   * Asks {@code name} to run {@code commandLine}: a command name and arguments separated by spaces
   * (no quoting: an argument cannot hold a space).
   */
  public void run(String name, String commandLine) {
    List<String> words =
        Arrays.stream(commandLine.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    if (words.isEmpty()) {
      fail(Code.BAD_COMMAND, "/run needs a user and a command, e.g. /run bob uptime");
      return;
    }
    List<String> arguments = words.subList(1, words.size());
    if (arguments.size() > Limits.MAX_RUN_ARGUMENTS) {
      fail(Code.BAD_COMMAND, "a command takes at most " + Limits.MAX_RUN_ARGUMENTS + " arguments");
      return;
    }
    for (String word : words) {
      if (word.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_RUN_ARGUMENT_BYTES) {
        fail(
            Code.BAD_COMMAND,
            "an argument has at most " + Limits.MAX_RUN_ARGUMENT_BYTES + " bytes");
        return;
      }
    }
    if (words.get(0).getBytes(StandardCharsets.UTF_8).length > Limits.MAX_HOST_BYTES) {
      fail(Code.BAD_COMMAND, "a command name has at most " + Limits.MAX_HOST_BYTES + " bytes");
      return;
    }
    if (key(name).equals(key(myName))) {
      fail(
          Code.BAD_COMMAND,
          "/run asks another user; to run a command yourself, use your own shell");
      return;
    }
    int id = nextId++;
    String command = String.join(" ", words);
    RunRequest request = new RunRequest(id, words.get(0), List.copyOf(arguments));
    pending.put(id, new Pending(name, command, null));
    timeouts.execute(() -> timedOut(id));
    links.withLink(
        name,
        link -> {
          if (pending.replace(id, new Pending(link.peerName(), command, link)) == null) {
            return; // given up on while dialing
          }
          link.send(request);
          events.accept(
              new NodeEvent.Notice(
                  Code.REMOTE_ASKED, "asked " + link.peerName() + " to run \"" + command + "\""));
        },
        why -> {
          if (pending.remove(id) != null) {
            fail(Code.UNREACHABLE, "cannot ask " + name + " to run \"" + command + "\": " + why);
          }
        });
  }

  /** A link closed: what was asked over it and not answered yet never will be, on it. */
  public void linkDown(PeerLink link) {
    var waiting = pending.entrySet().iterator();
    while (waiting.hasNext()) {
      Pending p = waiting.next().getValue();
      if (p.link() == link) {
        waiting.remove();
        events.accept(
            new NodeEvent.CommandUnanswered(
                p.to(), p.command(), "the connection to " + p.to() + " closed before it answered"));
      }
    }
  }

  private void timedOut(int requestId) {
    Pending p = pending.remove(requestId);
    if (p != null) {
      events.accept(
          new NodeEvent.CommandUnanswered(
              p.to(),
              p.command(),
              "no answer from " + p.to() + " within " + RemoteCommands.seconds(answerTimeout)));
    }
  }

  /** The command ran: the answer arrived over {@code link}. */
  public void result(PeerLink link, RunResult result) {
    Pending p = answered(link, result.requestId());
    if (p != null) {
      events.accept(
          new NodeEvent.CommandFinished(
              link.peerName(),
              p.command(),
              result.exitCode(),
              result.outputBytes(),
              result.output()));
    }
  }

  /** The command was refused or stopped: the answer arrived over {@code link}. */
  public void refused(PeerLink link, RunRefused refused) {
    Pending p = answered(link, refused.requestId());
    if (p != null) {
      events.accept(
          new NodeEvent.CommandRefused(
              link.peerName(), p.command(), refused.reason(), refused.text()));
    }
  }

  private Pending answered(PeerLink link, int requestId) {
    Pending p = pending.get(requestId);
    if (p == null || !key(p.to()).equals(key(link.peerName()))) {
      // Given up on already (timed out, or its link closed), or not from whom we asked.
      LOG.debug("ignored an answer to request {} from {}: not waiting for it", requestId, link);
      return null;
    }
    pending.remove(requestId);
    return p;
  }

  private void fail(Code code, String text) {
    events.accept(new NodeEvent.Failed(code, text));
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
