package p2pchat.registry.service;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import p2pchat.protocol.Limits;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.registry.RequestFailedException;
import p2pchat.registry.limits.LoginThrottle;
import p2pchat.registry.limits.RateLimits;
import p2pchat.registry.store.Account;
import p2pchat.registry.store.AccountStore;
import p2pchat.registry.store.Admin;
import p2pchat.registry.store.AdminStore;
import p2pchat.registry.store.NameTakenException;
import p2pchat.registry.store.PasswordHasher;
import p2pchat.registry.store.StoreException;

/**
 * Registration, logins (of users and of operators) and the questions about accounts that need the
 * store. Blocking (hashing and the store): called off the network threads. A refusal is a {@link
 * RequestFailedException} with the code and sentence the client is sent.
 */
public final class AccountService {
  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9_.\\-]{1," + Limits.MAX_NAME_LENGTH + "}");

  private final AccountStore store;
  private final AdminStore admins;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;

  /** Accounts in {@code store}, operators in {@code admins}. */
  public AccountService(
      AccountStore store, AdminStore admins, PasswordHasher hasher, LoginThrottle throttle) {
    this.store = store;
    this.admins = admins;
    this.hasher = hasher;
    this.throttle = throttle;
  }

  /** Creates an account bound to {@code peerId}. */
  public Account register(String name, String password, PeerId peerId)
      throws RequestFailedException, StoreException {
    checkName(name);
    checkPassword(password);
    try {
      return store.create(name, hasher.hash(password), peerId);
    } catch (NameTakenException e) {
      throw new RequestFailedException(
          ErrorCode.NAME_TAKEN, "the name " + name + " is taken; choose another one");
    }
  }

  /**
   * The account if {@code password} is right and it is not banned, binding {@code peerId} to it if
   * it is a new device. A device already bound to the account is held back only by the failures
   * made from its own address; any other device also by the account's failures from anywhere and by
   * its per-account bucket of {@code limits} (the address's bucket is taken before this is called).
   */
  public Account login(
      String name, String password, PeerId peerId, String address, RateLimits limits)
      throws RequestFailedException, StoreException {
    checkName(name);
    String key = name.toLowerCase(Locale.ROOT);
    checkLockout(throttle.lockout(key, address), name, address);
    Optional<Account> found = store.find(name);
    boolean bound = found.isPresent() && found.get().peerIds().contains(peerId);
    if (!bound) {
      Optional<String> overRate = limits.loginFor(name);
      if (overRate.isPresent()) {
        throw new RequestFailedException(ErrorCode.SLOW_DOWN, overRate.get());
      }
      checkLockout(throttle.accountLockout(key), name, address);
    }
    if (found.isEmpty()) {
      throttle.failed(key, address, false);
      throw new RequestFailedException(
          ErrorCode.UNKNOWN_USER, "there is no account named " + name + "; register it first");
    }
    Account account = found.get();
    if (!hasher.verify(password, account.passwordHash())) {
      throttle.failed(key, address, bound);
      throw new RequestFailedException(ErrorCode.WRONG_PASSWORD, "wrong password for " + name);
    }
    throttle.succeeded(key, address, bound);
    // Checked after the password, so that only the account's owner learns of the ban.
    if (account.ban().isPresent()) {
      String reason = account.ban().get().reason();
      throw new RequestFailedException(
          ErrorCode.BANNED,
          account.name() + " is banned" + (reason.isBlank() ? "" : ": " + reason));
    }
    if (!bound) {
      store.addPeerId(account.id(), peerId);
    }
    return account;
  }

  /** The operator {@code name} if {@code password} is right; slowed down as chat logins are. */
  public Admin adminLogin(String name, String password, String address)
      throws RequestFailedException, StoreException {
    checkName(name);
    String key = "admin:" + name.toLowerCase(Locale.ROOT);
    // Operators have no bound devices: every login of theirs counts as from a new one.
    checkLockout(throttle.lockout(key, address), "admin " + name, address);
    checkLockout(throttle.accountLockout(key), "admin " + name, address);
    Optional<Admin> found = admins.find(name);
    if (found.isEmpty()) {
      throttle.failed(key, address, false);
      throw new RequestFailedException(ErrorCode.UNKNOWN_USER, "no admin named " + name);
    }
    if (!hasher.verify(password, found.get().passwordHash())) {
      throttle.failed(key, address, false);
      throw new RequestFailedException(
          ErrorCode.WRONG_PASSWORD, "wrong password for admin " + name);
    }
    throttle.succeeded(key, address, false);
    return found.get();
  }

  private static void checkLockout(Optional<Duration> lockout, String shown, String address)
      throws RequestFailedException {
    if (lockout.isPresent()) {
      long seconds = Math.max(1, (lockout.get().toMillis() + 999) / 1000);
      throw new RequestFailedException(
          ErrorCode.SLOW_DOWN,
          "too many failed logins for "
              + shown
              + " or from "
              + address
              + "; try again in "
              + seconds
              + " s");
    }
  }

  /** Refuses a password outside the rules. */
  public static void checkPassword(String password) throws RequestFailedException {
    if (password.length() < Limits.MIN_PASSWORD_LENGTH) {
      throw new RequestFailedException(
          ErrorCode.INVALID_PASSWORD,
          "passwords must have at least " + Limits.MIN_PASSWORD_LENGTH + " characters");
    }
  }

  /**
   * The refusal of a lookup of {@code name} that found no visible session: {@code UNKNOWN_USER} if
   * there is no such account, else {@code USER_OFFLINE}.
   */
  public RequestFailedException lookupRefusal(String name) throws StoreException {
    if (store.find(name).isEmpty()) {
      return new RequestFailedException(ErrorCode.UNKNOWN_USER, "there is no user named " + name);
    }
    return new RequestFailedException(ErrorCode.USER_OFFLINE, name + " is not online");
  }

  /** Returns if {@code peerId} is bound to account {@code name}; otherwise refuses. */
  public void checkPeer(String name, PeerId peerId) throws RequestFailedException, StoreException {
    Account account =
        store
            .find(name)
            .orElseThrow(
                () ->
                    new RequestFailedException(
                        ErrorCode.UNKNOWN_USER, "there is no user named " + name));
    if (!account.peerIds().contains(peerId)) {
      throw new RequestFailedException(
          ErrorCode.IDENTITY_MISMATCH,
          "PeerId " + peerId + " does not belong to " + account.name());
    }
  }

  /** Forgets the failed logins too old to matter. */
  public void expireThrottle() {
    throttle.expire();
  }

  /** Refuses a name outside the rules of user (and admin) names. */
  public static void checkName(String name) throws RequestFailedException {
    if (!NAME.matcher(name).matches()) {
      throw new RequestFailedException(
          ErrorCode.INVALID_NAME,
          "user names are 1-"
              + Limits.MAX_NAME_LENGTH
              + " characters of letters, digits, '_', '-' and '.'");
    }
  }
}
