package p2pchat.registry;

import io.netty.channel.ChannelFutureListener;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.protocol.message.AdminMessage.Ban;
import p2pchat.protocol.message.AdminMessage.History;
import p2pchat.protocol.message.AdminMessage.HistoryEntry;
import p2pchat.protocol.message.AdminMessage.Kick;
import p2pchat.protocol.message.AdminMessage.ListSessions;
import p2pchat.protocol.message.AdminMessage.SessionInfo;
import p2pchat.protocol.message.AdminMessage.Unban;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.RegistryMessage.PresenceChange;
import p2pchat.protocol.message.RegistryMessage.SessionEnded;
import p2pchat.registry.session.Directory;
import p2pchat.registry.session.Session;
import p2pchat.registry.store.HistoryRecord;
import p2pchat.registry.store.HistoryWriter;
import p2pchat.registry.store.NameTakenException;
import p2pchat.registry.store.PasswordHasher;
import p2pchat.registry.store.RegistryStore;
import p2pchat.registry.store.StoreException;

/**
 * What an operator can do to a running registry: list sessions, kick, ban and unban, read a user's
 * history. Admin connections call the package-private operations (their requests are logged as
 * every request is); the registry's console calls the public methods, which log and record
 * themselves as user {@value #CONSOLE}. Methods that touch the database block.
 */
public final class RegistryAdmin {
  /** Most history entries one request returns. */
  public static final int MAX_HISTORY = 10_000;

  /** The user (and history key) of requests typed at the registry's console. */
  public static final String CONSOLE = "@console";

  private static final Logger LOG = LoggerFactory.getLogger(RegistryAdmin.class);

  /** Longest wait for queued history records to reach the database before reading it. */
  private static final Duration FLUSH_WAIT = Duration.ofSeconds(5);

  private static final RequestLog.Requester CONSOLE_REQUESTER =
      new RequestLog.Requester(0, "console", CONSOLE, CONSOLE);

  private final Directory directory;
  private final RegistryStore store;
  private final HistoryWriter history;
  private final RequestLog log;

  RegistryAdmin(Directory directory, RegistryStore store, HistoryWriter history, RequestLog log) {
    this.directory = directory;
    this.store = store;
    this.history = history;
    this.log = log;
  }

  // ---- the console: each call logged and recorded as @console ----

  /** Every live session, sorted by user name. */
  public List<SessionInfo> sessions() {
    List<SessionInfo> sessions = listSessions();
    log.ok(CONSOLE_REQUESTER, new ListSessions(0));
    return sessions;
  }

  /** Ends {@code name}'s session; the others are told why. Fails if {@code name} is offline. */
  public void kick(String name, String reason) throws RequestFailedException {
    audited(new Kick(0, name, reason), () -> kickSession(name, reason));
  }

  /** Bans account {@code name} and ends its session if it is online. */
  public void ban(String name, String reason) throws RequestFailedException {
    audited(new Ban(0, name, reason), () -> banAccount(name, reason));
  }

  /** Lifts the ban on account {@code name}. */
  public void unban(String name) throws RequestFailedException {
    audited(new Unban(0, name), () -> unbanAccount(name));
  }

  /** The last {@code limit} requests of {@code name}'s clients, newest first. */
  public List<HistoryEntry> history(String name, int limit) throws RequestFailedException {
    return audited(new History(0, name, Math.max(1, limit)), () -> historyOf(name, limit));
  }

  private void audited(Message request, ThrowingRunnable operation) throws RequestFailedException {
    audited(
        request,
        () -> {
          operation.run();
          return null;
        });
  }

  private <T> T audited(Message request, Callable<T> operation) throws RequestFailedException {
    try {
      T result = operation.call();
      log.ok(CONSOLE_REQUESTER, request);
      return result;
    } catch (RequestFailedException e) {
      log.failed(CONSOLE_REQUESTER, request, e);
      throw e;
    } catch (Exception e) {
      LOG.error("console: {} failed", request, e);
      RequestFailedException failure =
          new RequestFailedException(ErrorCode.INTERNAL_ERROR, "failed: " + e.getMessage());
      log.failed(CONSOLE_REQUESTER, request, failure);
      throw failure;
    }
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  // ---- the operations ----

  List<SessionInfo> listSessions() {
    return directory.all().stream()
        .sorted(Comparator.comparing((Session s) -> s.name().toLowerCase(Locale.ROOT)))
        .map(
            s ->
                new SessionInfo(
                    s.id(),
                    s.name(),
                    s.info().host(),
                    s.remotePort(),
                    s.info().port(),
                    s.peerId(),
                    s.visible(),
                    s.info().since(),
                    s.lastSeen()))
        .toList();
  }

  void kickSession(String name, String reason) throws RequestFailedException {
    Session session =
        directory
            .find(name)
            .orElseThrow(
                () -> new RequestFailedException(ErrorCode.USER_OFFLINE, name + " is not online"));
    end(session, "kicked by an operator" + because(reason), reason);
  }

  void banAccount(String name, String reason) throws RequestFailedException, StoreException {
    if (!store.ban(name, reason, Instant.now())) {
      throw unknown(name);
    }
    directory
        .find(name)
        .ifPresent(
            s -> end(s, "banned by an operator" + because(reason), "banned" + because(reason)));
  }

  void unbanAccount(String name) throws RequestFailedException, StoreException {
    if (!store.unban(name)) {
      throw unknown(name);
    }
  }

  List<HistoryEntry> historyOf(String name, int limit) throws StoreException, InterruptedException {
    history.flush(FLUSH_WAIT);
    List<HistoryRecord> records =
        store
            .history()
            .recent(name.toLowerCase(Locale.ROOT), Math.max(1, Math.min(limit, MAX_HISTORY)));
    return records.stream()
        .map(r -> new HistoryEntry(r.at(), r.sessionId(), r.request(), r.arguments(), r.outcome()))
        .toList();
  }

  /** Sends {@code session} away for good and has its end announced with {@code note}. */
  private static void end(Session session, String text, String note) {
    session.endReason(PresenceChange.Reason.KICKED, note);
    session
        .channel()
        .writeAndFlush(new SessionEnded(SessionEnded.Why.KICKED, text))
        .addListener(ChannelFutureListener.CLOSE);
  }

  private static String because(String reason) {
    return reason.isBlank() ? "" : ": " + reason.strip();
  }

  private static RequestFailedException unknown(String name) {
    return new RequestFailedException(ErrorCode.UNKNOWN_USER, "there is no account named " + name);
  }

  /**
   * Creates operator {@code name} in the registry database in {@code dataDir} (creating the
   * database if needed); works while the registry runs. Refuses a name or password outside the
   * rules of accounts, and a name an operator has already.
   */
  public static void createAdmin(Path dataDir, String name, String password, PasswordHasher hasher)
      throws RequestFailedException, StoreException {
    Accounts.checkName(name);
    Accounts.checkPassword(password);
    try (RegistryStore store = RegistryStore.open(dataDir)) {
      try {
        store.admins().create(name, hasher.hash(password));
      } catch (NameTakenException e) {
        throw new RequestFailedException(
            ErrorCode.NAME_TAKEN, "there is an admin named " + name + " already");
      }
      store
          .history()
          .append(
              List.of(
                  new HistoryRecord(
                      Instant.now(),
                      "admin:" + name.toLowerCase(Locale.ROOT),
                      0,
                      "AdminCreate",
                      "name=" + name,
                      "ok")));
    }
  }
}
