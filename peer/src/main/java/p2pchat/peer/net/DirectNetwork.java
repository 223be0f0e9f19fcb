package p2pchat.peer.net;

import io.netty.channel.Channel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;

/**
 * The node's chat links: a listener for peers dialing in, and dialing out to a peer by a route with
 * the PeerId its directory gave, on a {@link Connector} of their own. Behind the connector's stack
 * each link has an idle timer and a {@link LinkHandler}.
 */
public final class DirectNetwork implements AutoCloseable {
  private final String myName;
  private final Duration idleTimeout;
  private final LinkListener listener;
  private final Connector connector;
  private final Channel server;

  private DirectNetwork(
      String myName,
      Duration idleTimeout,
      LinkListener listener,
      Connector connector,
      Channel server) {
    this.myName = myName;
    this.idleTimeout = idleTimeout;
    this.listener = listener;
    this.connector = connector;
    this.server = server;
  }

  /** Listens on {@code listen} for peers; inbound dialers are checked by {@code listener}. */
  public static DirectNetwork start(
      Identity identity,
      String myName,
      InetSocketAddress listen,
      Duration idleTimeout,
      LinkListener listener)
      throws SSLException {
    Connector connector = Connector.start(identity, 2, "direct");
    try {
      Channel server =
          connector.listen(
              listen,
              () ->
                  new Connector.Ends(
                      idle(idleTimeout), "link", LinkHandler.inbound(myName, listener)));
      return new DirectNetwork(myName, idleTimeout, listener, connector, server);
    } catch (SSLException | RuntimeException e) {
      connector.close();
      throw e;
    }
  }

  private static IdleStateHandler idle(Duration timeout) {
    return new IdleStateHandler(0, 0, timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Where this node listens. */
  public InetSocketAddress listenAddress() {
    return (InetSocketAddress) server.localAddress();
  }

  /**
   * Dials {@code name} at {@code address}, requiring it to present {@code expected}, the PeerId the
   * registry holds for it; completes with the link once it is up, or exceptionally with a {@link
   * LinkException} saying why not.
   */
  public CompletableFuture<PeerLink> dial(String name, InetSocketAddress address, PeerId expected) {
    return dial(name, new Route.Direct(address), Optional.of(expected), "the registry");
  }

  /**
   * Dials {@code name} by {@code route}, requiring it to present {@code expected} if given (else
   * any certificate, for the caller to pin: trust on first use); {@code authority} names where the
   * expected PeerId comes from ("the registry", "your friends table"), for the sentence when
   * another answers. Fails with a {@link LinkException} whose reason says why.
   */
  public CompletableFuture<PeerLink> dial(
      String name, Route route, Optional<PeerId> expected, String authority) {
    CompletableFuture<PeerLink> dialed = new CompletableFuture<>();
    connector
        .dial(
            route,
            expected,
            new Connector.Ends(
                idle(idleTimeout), "link", LinkHandler.outbound(myName, name, listener, dialed)))
        .whenComplete(
            (channel, error) -> {
              if (error != null) {
                dialed.completeExceptionally(error);
              }
            });
    return dialed.handle(
        (link, error) -> {
          if (error == null) {
            return link;
          }
          throw new CompletionException(explain(name, route.where(), authority, error));
        });
  }

  private static LinkException explain(
      String name, String where, String authority, Throwable error) {
    var mismatch = Connector.mismatch(error);
    if (mismatch.isPresent()) {
      return new LinkException(
          LinkException.Reason.WRONG_PEER_ID,
          "the peer at "
              + where
              + " is not "
              + name
              + ": it presented PeerId "
              + mismatch.get().presented()
              + ", but "
              + authority
              + " holds "
              + mismatch.get().expected()
              + " for "
              + name
              + "; refused");
    }
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof LinkException link) {
        return link;
      }
    }
    return new LinkException(
        LinkException.Reason.UNREACHABLE,
        "could not reach "
            + name
            + " at "
            + where
            + ": "
            + Connector.rootCause(error).getMessage());
  }

  @Override
  public void close() {
    connector.close();
  }
}
