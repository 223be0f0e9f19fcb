package p2pchat.peer.transfer;

import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import p2pchat.peer.net.Connector;
import p2pchat.peer.net.Route;
import p2pchat.peer.transfer.serve.FileServer;
import p2pchat.protocol.identity.Identity;

/**
 * The network of file transfers: a {@link Connector} with its own event loops (so that file data
 * never delays chat links on the asking side), dialing sources with their PeerId pinned, and (for a
 * node without a chat listener, and for tests) a listener of its own. Behind the connector's stack
 * each connection has an idle timer and a transfer handler.
 */
public final class TransferNetwork implements AutoCloseable {
  private final String myName;
  private final TransferSettings settings;
  private final Connector connector;

  private TransferNetwork(String myName, TransferSettings settings, Connector connector) {
    this.myName = myName;
    this.settings = settings;
    this.connector = connector;
  }

  /** A network for the user {@code myName} presenting {@code identity}. */
  public static TransferNetwork start(Identity identity, String myName, TransferSettings settings) {
    return new TransferNetwork(myName, settings, Connector.start(identity, 2, "transfer"));
  }

  /** The settings transfers run with. */
  public TransferSettings settings() {
    return settings;
  }

  /** Listens on {@code address} for file-transfer connections, answered by {@code server}. */
  public InetSocketAddress listen(InetSocketAddress address, FileServer server)
      throws SSLException {
    return (InetSocketAddress)
        connector
            .listen(
                address,
                () ->
                    new Connector.Ends(
                        new IdleStateHandler(0, 0, 5, TimeUnit.MINUTES),
                        "files",
                        server.handoffHandler()))
            .localAddress();
  }

  /**
   * Dials {@code source} (requiring its PeerId) and opens a file-transfer connection; completes
   * once the source accepted, or exceptionally with a {@link TransferException} saying why not.
   */
  public CompletableFuture<SourceConnection> dial(
      Source source, SourceConnection.Receiver receiver) {
    SourceHandler handler = new SourceHandler(myName, source, receiver);
    Duration stall = settings.stallTimeout();
    connector
        .dial(
            new Route.Direct(source.address()),
            Optional.of(source.peerId()),
            new Connector.Ends(
                new IdleStateHandler(stall.toMillis(), 0, 0, TimeUnit.MILLISECONDS),
                "files",
                handler))
        .whenComplete(
            (channel, error) -> {
              if (error != null) {
                handler.opened.completeExceptionally(
                    new TransferException("cannot reach " + source + ": " + error.getMessage()));
              }
            });
    return handler.opened.handle(
        (connection, error) -> {
          if (error == null) {
            return connection;
          }
          throw new CompletionException(explain(source, error));
        });
  }

  private static TransferException explain(Source source, Throwable error) {
    var mismatch = Connector.mismatch(error);
    if (mismatch.isPresent()) {
      return new TransferException(
          "the peer at "
              + source.address().getHostString()
              + ":"
              + source.address().getPort()
              + " is not "
              + source.name()
              + ": it presented PeerId "
              + mismatch.get().presented()
              + "; refused");
    }
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof TransferException e) {
        return e;
      }
    }
    return new TransferException(
        "cannot reach " + source + ": " + Connector.rootCause(error).getMessage());
  }

  /** Closes every connection and listener, and stops. */
  @Override
  public void close() {
    connector.close();
  }
}
