package p2pchat.registry;

import java.nio.file.Path;
import java.time.Instant;
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
import p2pchat.registry.service.AccountService;
import p2pchat.registry.service.Operators;
import p2pchat.registry.service.RequestLog;
import p2pchat.registry.store.HistoryRecord;
import p2pchat.registry.store.NameTakenException;
import p2pchat.registry.store.PasswordHasher;
import p2pchat.registry.store.RegistryStore;
import p2pchat.registry.store.StoreException;
import p2pchat.registry.store.sqlite.SqliteStore;

/**
 * What the registry's console can do to a running registry: list sessions, kick, ban and unban,
 * read a user's history. Each call is the {@link Operators} service's, logged and recorded as user
 * {@value #CONSOLE} (admin connections call the service too, and are logged as every request is).
 * Methods that touch the database block.
 */
public final class RegistryAdmin {
  /** Most history entries one request returns. */
  public static final int MAX_HISTORY = Operators.MAX_HISTORY;

  /** The user (and history key) of requests typed at the registry's console. */
  public static final String CONSOLE = "@console";

  private static final Logger LOG = LoggerFactory.getLogger(RegistryAdmin.class);

  private static final RequestLog.Requester CONSOLE_REQUESTER =
      new RequestLog.Requester(0, "console", CONSOLE, CONSOLE);

  private final Operators operators;
  private final RequestLog log;

  RegistryAdmin(Operators operators, RequestLog log) {
    this.operators = operators;
    this.log = log;
  }

  // ---- the console: each call logged and recorded as @console ----

  /** Every live session, sorted by user name. */
  public List<SessionInfo> sessions() {
    List<SessionInfo> sessions = operators.sessions();
    log.ok(CONSOLE_REQUESTER, new ListSessions(0));
    return sessions;
  }

  /** Ends {@code name}'s session; the others are told why. Fails if {@code name} is offline. */
  public void kick(String name, String reason) throws RequestFailedException {
    audited(new Kick(0, name, reason), () -> operators.kick(name, reason));
  }

  /** Bans account {@code name} and ends its session if it is online. */
  public void ban(String name, String reason) throws RequestFailedException {
    audited(new Ban(0, name, reason), () -> operators.ban(name, reason));
  }

  /** Lifts the ban on account {@code name}. */
  public void unban(String name) throws RequestFailedException {
    audited(new Unban(0, name), () -> operators.unban(name));
  }

  /** The last {@code limit} requests of {@code name}'s clients, newest first. */
  public List<HistoryEntry> history(String name, int limit) throws RequestFailedException {
    return audited(new History(0, name, Math.max(1, limit)), () -> operators.history(name, limit));
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

  /**
   * Creates operator {@code name} in the registry database in {@code dataDir} (creating the
   * database if needed); works while the registry runs. Refuses a name or password outside the
   * rules of accounts, and a name an operator has already.
   */
  public static void createAdmin(Path dataDir, String name, String password, PasswordHasher hasher)
      throws RequestFailedException, StoreException {
    AccountService.checkName(name);
    AccountService.checkPassword(password);
    try (RegistryStore store = SqliteStore.open(dataDir)) {
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
