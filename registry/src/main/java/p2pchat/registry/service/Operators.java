package p2pchat.registry.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import p2pchat.protocol.message.AdminMessage.HistoryEntry;
import p2pchat.protocol.message.AdminMessage.SessionInfo;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.RegistryMessage.PresenceChange;
import p2pchat.protocol.message.RegistryMessage.SessionEnded;
import p2pchat.registry.RequestFailedException;
import p2pchat.registry.cluster.Bus;
import p2pchat.registry.session.Session;
import p2pchat.registry.store.AccountStore;
import p2pchat.registry.store.AdminStore;
import p2pchat.registry.store.HistoryRecord;
import p2pchat.registry.store.HistoryStore;
import p2pchat.registry.store.HistoryWriter;
import p2pchat.registry.store.StoreException;

/**
 * What an operator can do, whoever asks (an admin connection or the registry's console): list the
 * sessions, kick, ban and unban, read a user's history. Sessions are ended through the {@link Bus}.
 * Every method but {@link #sessions} blocks on the store.
 */
public final class Operators {
  /** Most history entries one request returns. */
  public static final int MAX_HISTORY = 10_000;

  /** Whose history holds what the registry's console did (RegistryAdmin.CONSOLE). */
  private static final String CONSOLE = "@console";

  /** What an operator's name starts with in the history. */
  private static final String ADMIN_PREFIX = "admin:";

  /** Longest wait for queued history records to reach the store before reading it. */
  private static final Duration FLUSH_WAIT = Duration.ofSeconds(5);

  private final Presence presence;
  private final Bus bus;
  private final AccountStore accounts;
  private final AdminStore admins;
  private final HistoryStore historyStore;
  private final HistoryWriter historyWriter;

  /**
   * Operations on {@code presence}'s sessions and the accounts, operators and history of the store.
   */
  public Operators(
      Presence presence,
      Bus bus,
      AccountStore accounts,
      AdminStore admins,
      HistoryStore historyStore,
      HistoryWriter historyWriter) {
    this.presence = presence;
    this.bus = bus;
    this.accounts = accounts;
    this.admins = admins;
    this.historyStore = historyStore;
    this.historyWriter = historyWriter;
  }

  /** Every live session, sorted by user name. */
  public List<SessionInfo> sessions() {
    return presence.all().stream()
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

  /** Ends {@code name}'s session; the others are told why. Refused if {@code name} is offline. */
  public void kick(String name, String reason) throws RequestFailedException {
    if (!end(name, "kicked by an operator" + because(reason), reason)) {
      throw new RequestFailedException(ErrorCode.USER_OFFLINE, name + " is not online");
    }
  }

  /** Bans account {@code name} and ends its session if it is online. */
  public void ban(String name, String reason) throws RequestFailedException, StoreException {
    if (!accounts.ban(name, reason, Instant.now())) {
      throw unknown(name);
    }
    end(name, "banned by an operator" + because(reason), "banned" + because(reason));
  }

  /** Lifts the ban on account {@code name}. */
  public void unban(String name) throws RequestFailedException, StoreException {
    if (!accounts.unban(name)) {
      throw unknown(name);
    }
  }

  /**
   * The last {@code limit} (1..{@value #MAX_HISTORY}) requests of {@code name}, newest first:
   * {@code name} is an account, {@code admin:OPERATOR} or {@value #CONSOLE}. Refused with {@code
   * UNKNOWN_USER} when there is no such account or operator and nothing was recorded under the name
   * (failed logins to a name nobody has are recorded, and shown).
   */
  public List<HistoryEntry> history(String name, int limit)
      throws StoreException, InterruptedException, RequestFailedException {
    historyWriter.flush(FLUSH_WAIT);
    List<HistoryRecord> records =
        historyStore.recent(
            name.toLowerCase(Locale.ROOT), Math.max(1, Math.min(limit, MAX_HISTORY)));
    if (records.isEmpty() && !exists(name)) {
      throw name.regionMatches(true, 0, ADMIN_PREFIX, 0, ADMIN_PREFIX.length())
          ? new RequestFailedException(
              ErrorCode.UNKNOWN_USER,
              "there is no operator named " + name.substring(ADMIN_PREFIX.length()))
          : unknown(name);
    }
    return records.stream()
        .map(r -> new HistoryEntry(r.at(), r.sessionId(), r.request(), r.arguments(), r.outcome()))
        .toList();
  }

  /**
   * Whether {@code name} (as {@link #history} takes it) names the console, an operator or an
   * account.
   */
  private boolean exists(String name) throws StoreException {
    if (name.equalsIgnoreCase(CONSOLE)) {
      return true;
    }
    if (name.regionMatches(true, 0, ADMIN_PREFIX, 0, ADMIN_PREFIX.length())) {
      return admins.find(name.substring(ADMIN_PREFIX.length())).isPresent();
    }
    return accounts.find(name).isPresent();
  }

  /** Sends {@code name}'s session away for good and has its end announced with {@code note}. */
  private boolean end(String name, String text, String note) {
    return bus.end(
        name, PresenceChange.Reason.KICKED, note, new SessionEnded(SessionEnded.Why.KICKED, text));
  }

  private static String because(String reason) {
    return reason.isBlank() ? "" : ": " + reason.strip();
  }

  private static RequestFailedException unknown(String name) {
    return new RequestFailedException(ErrorCode.UNKNOWN_USER, "there is no account named " + name);
  }
}
