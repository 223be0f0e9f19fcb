package p2pchat.registry.service;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.protocol.message.AdminMessage;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.RegistryMessage;
import p2pchat.protocol.text.Untrusted;
import p2pchat.registry.RequestFailedException;
import p2pchat.registry.store.HistoryRecord;
import p2pchat.registry.store.HistoryWriter;

/**
 * One line per request the registry handles: session, user, request and outcome. Each line goes to
 * the log (where the pattern adds the time), to every admin following the log (with the time), and
 * as a record to the history of the user it belongs to. Requests print through their {@code
 * toString}, which masks passwords; the history gets their arguments from {@link Requests}. A line
 * has the control characters of the texts in it made visible ({@link Untrusted}); the history keeps
 * them as they came, for whoever shows it to make visible.
 */
public final class RequestLog {
  private static final Logger LOG = LoggerFactory.getLogger("p2pchat.registry.requests");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

  /**
   * Who made a request.
   *
   * @param sessionId the connection's id (0 for the console)
   * @param session the id as logs show it
   * @param user the user as logs show it: a name, {@code admin:NAME}, or {@code -} before login
   * @param historyKey whose history the request goes to; null for nobody's
   */
  public record Requester(long sessionId, String session, String user, String historyKey) {
    /**
     * The requester on connection {@code sessionId} logged in as user {@code userName} or as
     * operator {@code adminName} (both null before login), making {@code request} (may be null).
     */
    public static Requester of(
        long sessionId, String idText, String userName, String adminName, Message request) {
      String user = userName != null ? userName : adminName != null ? "admin:" + adminName : "-";
      return new Requester(sessionId, idText, user, historyKey(userName, adminName, request));
    }

    private static String historyKey(String userName, String adminName, Message request) {
      if (adminName != null) {
        return "admin:" + lower(adminName);
      }
      if (userName != null) {
        return lower(userName);
      }
      // Before login, a request that names an account belongs to that account's history: an
      // operator sees the failed logins too.
      return switch (request) {
        case RegistryMessage.Register r -> lower(r.name());
        case RegistryMessage.Login l -> lower(l.name());
        case AdminMessage.AdminLogin l -> "admin:" + lower(l.name());
        case null, default -> null;
      };
    }

    private static String lower(String name) {
      return name.toLowerCase(Locale.ROOT);
    }
  }

  private final HistoryWriter history;
  private final List<Consumer<String>> followers = new CopyOnWriteArrayList<>();

  /** A log recording to {@code history}. */
  public RequestLog(HistoryWriter history) {
    this.history = history;
  }

  /** Logs and records {@code request} of {@code who} as done. */
  public void ok(Requester who, Message request) {
    if (linesWanted()) {
      write(who, request.toString(), "outcome=ok");
    }
    record(who, Requests.type(request), Requests.arguments(request), "ok");
  }

  /** Logs and records {@code request} of {@code who} as refused with {@code e}. */
  public void failed(Requester who, Message request, RequestFailedException e) {
    if (linesWanted()) {
      write(who, request.toString(), "outcome=" + e.code() + " (" + e.getMessage() + ")");
    }
    record(
        who,
        Requests.type(request),
        Requests.arguments(request),
        Requests.cut(e.code() + ": " + e.getMessage()));
  }

  /** Logs and records a malformed message from {@code remote}, which closes its connection. */
  public void protocolError(Requester who, String remote, String violation) {
    write(who, "<malformed from " + remote + ">", "outcome=PROTOCOL_ERROR (" + violation + ")");
    record(who, "<malformed>", "", Requests.cut("PROTOCOL_ERROR: " + violation));
  }

  /**
   * True if the history is too far behind to take more requests now: the caller stops reading until
   * {@code resume} runs (on another thread).
   */
  public boolean pauseIfBacklogged(Runnable resume) {
    return history.pauseIfBacklogged(resume);
  }

  /** Sends every line from now on to {@code lines}, until the returned action is run. */
  public Runnable follow(Consumer<String> lines) {
    followers.add(lines);
    return () -> followers.remove(lines);
  }

  /**
   * Whether anyone reads the lines: the log or a follower. When not, they are not even built, since
   * a busy registry handles 100,000 requests a second and the history records them anyway.
   */
  private boolean linesWanted() {
    return LOG.isInfoEnabled() || !followers.isEmpty();
  }

  private void write(Requester who, String request, String outcome) {
    // Names, file names, search terms and reasons come from the network: a control character in
    // one must neither start a forged line nor reach the operator's terminal.
    String line =
        Untrusted.show(
            "session="
                + who.session()
                + " user="
                + who.user()
                + " request="
                + request
                + " "
                + outcome);
    LOG.info(line);
    if (!followers.isEmpty()) {
      String stamped = TIME.format(Instant.now()) + " " + line;
      for (Consumer<String> f : followers) {
        f.accept(stamped);
      }
    }
  }

  private void record(Requester who, String type, String arguments, String outcome) {
    if (who.historyKey() != null) {
      history.add(
          new HistoryRecord(
              Instant.now(), who.historyKey(), who.sessionId(), type, arguments, outcome));
    }
  }
}
