package p2pchat.peer.transfer.serve;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bytes a file server holds of chunks read from disk and not yet written to a socket, counted
 * per connection, per requesting user (all their connections together) and in all, each under a
 * cap: a sender that would go over one waits until bytes are written out. Also counts the file
 * connections of each user, refusing one beyond its cap. A chunk larger than a cap still goes when
 * nothing else is counted against that cap, so that every chunk size can be served; and a user with
 * nothing in flight always gets one chunk, whatever the others hold.
 */
final class ServeBudget {
  private final long perConnection;
  private final long perUser;
  private final long total;
  private final int connectionsPerUser;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition released = lock.newCondition();
  private final Map<String, User> users = new HashMap<>(); // under lock
  private long used; // under lock

  private static final class User {
    int connections;
    long used;
  }

  ServeBudget(long perConnection, long perUser, long total, int connectionsPerUser) {
    this.perConnection = perConnection;
    this.perUser = perUser;
    this.total = total;
    this.connectionsPerUser = connectionsPerUser;
  }

  /** A new connection's account, or empty when {@code user} has all the connections allowed. */
  Optional<Account> connect(String user) {
    String key = user.toLowerCase(Locale.ROOT);
    lock.lock();
    try {
      User u = users.computeIfAbsent(key, k -> new User());
      if (u.connections >= connectionsPerUser) {
        return Optional.empty();
      }
      u.connections++;
      return Optional.of(new Account(key, u));
    } finally {
      lock.unlock();
    }
  }

  /** File connections a user may have open at once. */
  int connectionsPerUser() {
    return connectionsPerUser;
  }

  /** Bytes counted now in all. */
  long used() {
    lock.lock();
    try {
      return used;
    } finally {
      lock.unlock();
    }
  }

  /** One connection's part of the budget. */
  final class Account {
    private final String key;
    private final User user;
    private long held; // under lock
    private boolean closed; // under lock

    private Account(String key, User user) {
      this.key = key;
      this.user = user;
    }

    /**
     * Waits until {@code bytes} fit under every cap (or the account closed, then returns false),
     * and counts them. {@code waiting} runs once, before the first wait, if there is one.
     */
    boolean acquire(int bytes, Runnable waiting) throws InterruptedException {
      lock.lock();
      try {
        boolean told = false;
        while (!closed && !fits(bytes)) {
          if (!told) {
            told = true;
            waiting.run();
          }
          released.await();
        }
        if (closed) {
          return false;
        }
        held += bytes;
        user.used += bytes;
        used += bytes;
        return true;
      } finally {
        lock.unlock();
      }
    }

    // A user with nothing in flight may always have one chunk, beyond the cap in all: so that a
    // few requesters who do not read slow the others down but cannot stop them.
    private boolean fits(long bytes) {
      return (held == 0 || held + bytes <= perConnection)
          && (user.used == 0 || (user.used + bytes <= perUser && used + bytes <= total));
    }

    /** {@code bytes} acquired before went out (or were dropped). */
    void release(int bytes) {
      lock.lock();
      try {
        long n = Math.min(bytes, held);
        held -= n;
        user.used -= n;
        used -= n;
        released.signalAll();
      } finally {
        lock.unlock();
      }
    }

    /** The connection closed: whatever it still holds is counted no more, its slot frees. */
    void close() {
      lock.lock();
      try {
        if (closed) {
          return;
        }
        closed = true;
        user.used -= held;
        used -= held;
        held = 0;
        if (--user.connections == 0 && user.used == 0) {
          users.remove(key);
        }
        released.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Why {@code user} may open no more file connections here, for the refusal. */
  String busy(String user) {
    return user
        + " has "
        + connectionsPerUser()
        + " file connections open here already: try again once one closes";
  }
}
