package p2pchat.bench.load;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import p2pchat.bench.report.Histogram;
import p2pchat.protocol.frame.DataFrame;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ConnectionMessage.Ping;
import p2pchat.protocol.message.ConnectionMessage.Pong;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.RegistryMessage.Done;
import p2pchat.protocol.message.RegistryMessage.ListOnline;
import p2pchat.protocol.message.RegistryMessage.Login;
import p2pchat.protocol.message.RegistryMessage.LoginOk;
import p2pchat.protocol.message.RegistryMessage.Logout;
import p2pchat.protocol.message.RegistryMessage.Lookup;
import p2pchat.protocol.message.RegistryMessage.LookupResult;
import p2pchat.protocol.message.RegistryMessage.OnlinePage;
import p2pchat.protocol.message.RegistryMessage.PresenceChange;
import p2pchat.protocol.message.RegistryMessage.SessionEnded;
import p2pchat.protocol.net.VersionHandshake;

/**
 * One load-generator connection to the registry: a minimal client of the registry protocol, made to
 * be cheap so that tens of thousands share two event-loop threads. Everything it does runs on its
 * channel's event loop; methods called from elsewhere hop onto it. Answers on one connection come
 * in the order of the requests, so a pipeline of requests needs only a ring of what was sent: the
 * time, the request id and the name looked up. Every answer is checked against the oldest request
 * in flight; one that does not fit counts in {@link LoadStats#wrongAnswers}.
 *
 * <p>Requests sent while reading answers go out in one write when the read is complete, the way the
 * registry batches its answers: the load generator must not spend a write call per request.
 */
public final class LoadSession extends SimpleChannelInboundHandler<Message> {
  /** Where announcements go; called on the event loop with the time they were decoded. */
  public interface PresenceListener {
    void presence(LoadSession session, PresenceChange change, long nanos);

    PresenceListener NONE = (s, c, n) -> {};
  }

  /** Heartbeat pings use negative nonces, liveness checks positive ones. */
  private static final long HEARTBEAT_NONCE = Long.MIN_VALUE;

  private final int index;
  private final LoadStats stats;
  private final PresenceListener presence;
  final CompletableFuture<LoadSession> ready = new CompletableFuture<>();
  private Channel channel;
  private int nextRequestId = 1;
  private boolean closing;

  private CompletableFuture<Integer> login;
  private int loginRequestId;
  private int onlineSeen;
  private CompletableFuture<Void> logout;
  private CompletableFuture<Long> liveness;
  private long livenessNonce;
  private ScheduledFuture<?> heartbeat;

  // A pipeline of requests (lookups or list refreshes): what was sent, in rings, oldest first.
  private long[] sentAt = new long[0];
  private int[] sentIds = new int[0];
  private String[] asked = new String[0];
  private int head;
  private int inFlight;
  private boolean lookups;
  private String[] names;
  private Histogram latencies;
  private BooleanSupplier running;
  private CompletableFuture<Void> drained;

  LoadSession(int index, LoadStats stats, PresenceListener presence) {
    this.index = index;
    this.stats = stats;
    this.presence = presence;
  }

  /** This session's number in its run. */
  public int index() {
    return index;
  }

  /** Whether the connection is open. */
  public boolean isOpen() {
    return channel != null && channel.isActive();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    ctx.fireChannelActive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
      ready.completeExceptionally(done.cause());
      ctx.close();
    } else if (event instanceof VersionHandshake.Agreed) {
      ready.complete(this);
    } else if (event instanceof VersionHandshake.Refused refused) {
      failed(refused.failure());
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof DataFrame data) {
      data.release();
      return;
    }
    super.channelRead(ctx, msg);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Message message) {
    long now = System.nanoTime();
    if (message instanceof PresenceChange change) {
      presence.presence(this, change, now);
    } else if (message instanceof Pong pong) {
      if (liveness != null && pong.nonce() == livenessNonce) {
        CompletableFuture<Long> l = liveness;
        liveness = null;
        l.complete(now);
      }
    } else if (message instanceof LookupResult r) {
      answered(now, r.requestId(), r.peer().name());
    } else if (message instanceof OnlinePage page) {
      if (login != null && page.requestId() == loginRequestId) {
        onlineSeen += page.peers().size();
        if (page.last()) {
          CompletableFuture<Integer> l = login;
          login = null;
          l.complete(onlineSeen);
        }
      } else if (page.last()) {
        answered(now, page.requestId(), null);
      } else {
        check(page.requestId(), null);
      }
    } else if (message instanceof LoginOk ok) {
      startHeartbeats(Math.max(50, ok.timeoutMillis() / 3));
    } else if (message instanceof Done) {
      if (logout != null) {
        closing = true;
        logout.complete(null);
      }
    } else if (message instanceof Failure f) {
      failed(f);
    } else if (message instanceof SessionEnded ended) {
      stats.sessionsEnded.increment();
      stats.lastProblem = "session " + index + " ended: " + ended.why() + " " + ended.text();
    } else if (message instanceof Ping ping) {
      ctx.writeAndFlush(new Pong(ping.nonce()));
    }
  }

  private void failed(Failure f) {
    stats.failures.increment();
    stats.lastProblem = "session " + index + ": " + f.code() + " " + f.text();
    RuntimeException e = new IllegalStateException(f.code() + ": " + f.text());
    if (f.requestId() == 0) {
      ready.completeExceptionally(e);
    } else if (login != null && f.requestId() == loginRequestId) {
      CompletableFuture<Integer> l = login;
      login = null;
      l.completeExceptionally(e);
    } else if (inFlight > 0) {
      answered(System.nanoTime(), f.requestId(), null); // a refusal still took a round trip
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush(); // requests sent while reading go out in one write
    ctx.fireChannelReadComplete();
  }

  /**
   * Logs in as {@code name}; completes with the size of the online list received once its last page
   * arrives. Heartbeats start at a third of the registry's timeout, at a random phase.
   */
  public CompletableFuture<Integer> login(String name, String password, boolean visible) {
    CompletableFuture<Integer> done = new CompletableFuture<>();
    channel
        .eventLoop()
        .execute(
            () -> {
              login = done;
              onlineSeen = 0;
              loginRequestId = nextRequestId++;
              channel.writeAndFlush(new Login(loginRequestId, name, password, 40000, visible));
            });
    return done;
  }

  private void startHeartbeats(long intervalMillis) {
    long phase = ThreadLocalRandom.current().nextLong(intervalMillis);
    heartbeat =
        channel
            .eventLoop()
            .scheduleAtFixedRate(
                () -> {
                  stats.pings.increment();
                  channel.writeAndFlush(new Ping(HEARTBEAT_NONCE));
                },
                phase,
                intervalMillis,
                TimeUnit.MILLISECONDS);
  }

  /** Sends a ping; completes with the time the pong arrived. */
  public CompletableFuture<Long> ping(long nonce) {
    CompletableFuture<Long> done = new CompletableFuture<>();
    channel
        .eventLoop()
        .execute(
            () -> {
              if (!channel.isActive()) {
                done.completeExceptionally(new IllegalStateException("closed"));
                return;
              }
              liveness = done;
              livenessNonce = nonce;
              channel.writeAndFlush(new Ping(nonce));
            });
    return done;
  }

  /** Logs out; completes when the registry has said Done. */
  public CompletableFuture<Void> logout() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    channel
        .eventLoop()
        .execute(
            () -> {
              stopHeartbeats();
              logout = done;
              channel.writeAndFlush(new Logout(nextRequestId++));
            });
    return done;
  }

  /**
   * Keeps {@code depth} requests in flight while {@code running} says so: lookups of random names
   * from {@code targets}, or (targets null) online-list refreshes. Each answer's round trip goes
   * into {@code h}. Completes once the last answer after {@code running} turned false is in.
   */
  public CompletableFuture<Void> pipeline(
      String[] targets, int depth, Histogram h, BooleanSupplier keepGoing) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    channel
        .eventLoop()
        .execute(
            () -> {
              sentAt = new long[depth];
              sentIds = new int[depth];
              asked = new String[depth];
              head = 0;
              inFlight = 0;
              lookups = targets != null;
              names = targets;
              latencies = h;
              running = keepGoing;
              drained = done;
              for (int i = 0; i < depth; i++) {
                sendRequest();
              }
              channel.flush();
            });
    return done;
  }

  private void sendRequest() {
    int id = nextRequestId++;
    int slot = (head + inFlight) % sentAt.length;
    sentAt[slot] = System.nanoTime();
    sentIds[slot] = id;
    inFlight++;
    if (lookups) {
      String target = names[ThreadLocalRandom.current().nextInt(names.length)];
      asked[slot] = target;
      channel.write(new Lookup(id, target), channel.voidPromise());
    } else {
      channel.write(new ListOnline(id), channel.voidPromise());
    }
  }

  /**
   * Checks an answer to request {@code requestId} (naming user {@code found}, if it names one)
   * against the oldest request in flight; false if there is none.
   */
  private boolean check(int requestId, String found) {
    if (inFlight == 0) {
      if (latencies != null) {
        wrong("an answer to request " + requestId + " with no request in flight");
      }
      return false;
    }
    if (requestId != sentIds[head]) {
      wrong("an answer to request " + requestId + " where " + sentIds[head] + " was next");
    } else if (found != null && !found.equalsIgnoreCase(asked[head])) {
      wrong("the lookup of " + asked[head] + " was answered with " + found);
    }
    return true;
  }

  private void wrong(String problem) {
    stats.wrongAnswers.increment();
    stats.lastProblem = "session " + index + ": " + problem;
  }

  /** The answer (or last page of it) to the oldest request in flight: records it, sends another. */
  private void answered(long now, int requestId, String found) {
    if (!check(requestId, found)) {
      return;
    }
    latencies.record(now - sentAt[head]);
    head = (head + 1) % sentAt.length;
    inFlight--;
    if (running.getAsBoolean() && channel.isActive()) {
      sendRequest();
    } else if (inFlight == 0 && drained != null) {
      CompletableFuture<Void> d = drained;
      drained = null;
      d.complete(null);
    }
  }

  private void stopHeartbeats() {
    if (heartbeat != null) {
      heartbeat.cancel(false);
      heartbeat = null;
    }
  }

  /** Closes the connection without logging out; expected, so not counted as a drop. */
  public CompletableFuture<Void> close() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (channel == null) {
      done.complete(null);
      return done;
    }
    channel
        .eventLoop()
        .execute(
            () -> {
              closing = true;
              stopHeartbeats();
              channel.close().addListener(f -> done.complete(null));
            });
    return done;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    stopHeartbeats();
    if (!closing) {
      stats.drops.increment();
      stats.lastProblem = "session " + index + ": the registry closed the connection";
    }
    IllegalStateException closed = new IllegalStateException("connection closed");
    ready.completeExceptionally(closed);
    if (login != null) {
      login.completeExceptionally(closed);
    }
    if (logout != null) {
      logout.complete(null);
    }
    if (liveness != null) {
      liveness.completeExceptionally(closed);
    }
    if (drained != null) {
      drained.complete(null);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    stats.lastProblem = "session " + index + ": " + cause;
    ready.completeExceptionally(cause);
    ctx.close();
  }
}
