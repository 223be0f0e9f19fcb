package p2pchat.protocol.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import p2pchat.protocol.Limits;
import p2pchat.protocol.identity.PeerId;

/**
 * Registry administration, over the same TLS port as peers. A connection becomes an admin session
 * with {@link AdminLogin} (an admin identity, not a chat account); every other admin request on a
 * connection without one is refused with {@code FORBIDDEN}. Requests carry a {@code requestId}
 * answered as for registry requests.
 */
public sealed interface AdminMessage extends Message {
  /** Logs in as an operator; answered by {@code Done} or a failure. */
  record AdminLogin(int requestId, String name, String password) implements AdminMessage {
    public AdminLogin {
      Checks.text(name, "name", Limits.MAX_HOST_BYTES);
      Checks.text(password, "password", Limits.MAX_PASSWORD_BYTES);
    }

    @Override
    public String toString() {
      return "AdminLogin[requestId=" + requestId + ", name=" + name + ", password=***]";
    }
  }

  /** Asks for every live session; answered by {@link SessionsPage}s. */
  record ListSessions(int requestId) implements AdminMessage {}

  /** Ends {@code name}'s session; everyone else is told who and why. */
  record Kick(int requestId, String name, String reason) implements AdminMessage {
    public Kick {
      Checks.text(name, "name", Limits.MAX_HOST_BYTES);
      Checks.text(reason, "reason", Limits.MAX_TEXT_BYTES);
    }
  }

  /** Bans account {@code name} (and kicks it if online): it cannot log in until unbanned. */
  record Ban(int requestId, String name, String reason) implements AdminMessage {
    public Ban {
      Checks.text(name, "name", Limits.MAX_HOST_BYTES);
      Checks.text(reason, "reason", Limits.MAX_TEXT_BYTES);
    }
  }

  /** Lifts a ban. */
  record Unban(int requestId, String name) implements AdminMessage {
    public Unban {
      Checks.text(name, "name", Limits.MAX_HOST_BYTES);
    }
  }

  /** Asks for the last {@code limit} requests of {@code name}'s clients, newest first. */
  record History(int requestId, String name, int limit) implements AdminMessage {
    public History {
      Checks.text(name, "name", Limits.MAX_HOST_BYTES);
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be at least 1, got " + limit);
      }
    }
  }

  /** Asks for every request line as it happens, as {@link LogLine}s, until the connection ends. */
  record FollowLog(int requestId) implements AdminMessage {}

  /** One page of the session list; {@code last} marks the final page. */
  record SessionsPage(int requestId, List<SessionInfo> sessions, boolean last)
      implements AdminMessage {
    public SessionsPage {
      sessions = List.copyOf(sessions);
      if (sessions.size() > Limits.MAX_PEERS_PER_PAGE) {
        throw new IllegalArgumentException(
            "a page holds at most " + Limits.MAX_PEERS_PER_PAGE + " sessions");
      }
    }
  }

  /** One page of a user's history, newest first; {@code last} marks the final page. */
  record HistoryPage(int requestId, List<HistoryEntry> entries, boolean last)
      implements AdminMessage {
    public HistoryPage {
      entries = List.copyOf(entries);
      if (entries.size() > Limits.MAX_PEERS_PER_PAGE) {
        throw new IllegalArgumentException(
            "a page holds at most " + Limits.MAX_PEERS_PER_PAGE + " entries");
      }
    }
  }

  /** One line of the live request log, for a {@link FollowLog} request. */
  record LogLine(int requestId, String line) implements AdminMessage {
    public LogLine {
      Checks.text(line, "line", Limits.MAX_TEXT_BYTES);
    }
  }

  /**
   * A live session as the registry sees it: its id, user, the address and port it connects from,
   * the port it listens on, its PeerId, whether it shows, since when, and when it was last heard.
   */
  record SessionInfo(
      long sessionId,
      String name,
      String host,
      int port,
      int listenPort,
      PeerId peerId,
      boolean visible,
      Instant since,
      Instant lastHeard) {
    public SessionInfo {
      Checks.text(name, "name", Limits.MAX_HOST_BYTES);
      Checks.text(host, "host", Limits.MAX_HOST_BYTES);
      Checks.port(port, "port");
      Checks.port(listenPort, "listenPort");
      Objects.requireNonNull(peerId, "peerId");
      since = since.truncatedTo(ChronoUnit.MILLIS);
      lastHeard = lastHeard.truncatedTo(ChronoUnit.MILLIS);
    }
  }

  /**
   * One request a user's client made: when, on which session, the request type, its arguments
   * (passwords never included), and the outcome ("ok" or an error code and sentence).
   */
  record HistoryEntry(
      Instant at, long sessionId, String request, String arguments, String outcome) {
    public HistoryEntry {
      at = at.truncatedTo(ChronoUnit.MILLIS);
      Checks.text(request, "request", Limits.MAX_HOST_BYTES);
      Checks.text(arguments, "arguments", Limits.MAX_TEXT_BYTES);
      Checks.text(outcome, "outcome", Limits.MAX_TEXT_BYTES);
    }
  }
}
