package p2pchat.peer.transfer.serve;

import io.netty.channel.ChannelHandler;
import p2pchat.peer.share.ShareGuard;
import p2pchat.peer.transfer.TransferSettings;

/**
 * The serving side of file transfers: answers manifest and chunk requests from other users, for
 * files of the shared folders only ({@link ShareGuard} decides), after checking who asks ({@link
 * TransferAuthorizer}). Every refusal is logged with who asked, from where, and why.
 */
public final class FileServer {
  /** What the serving side reports, for a user interface or a test. Called on network threads. */
  public interface Listener {
    /** Chunk {@code chunk} of {@code path} went out to {@code requester}. */
    default void served(String requester, String path, int chunk) {}

    /** A request was refused: {@code requester} (or the address when unknown) and why. */
    default void refused(String requester, String why) {}
  }

  private final String myName;
  private final ShareGuard guard;
  private final TransferAuthorizer authorizer;
  private final TransferSettings settings;
  private final Listener listener;
  private final ServeBudget budget;
  private final ServeBuffers buffers = new ServeBuffers();

  /** A server known to its peers as {@code myName}. */
  public FileServer(
      String myName,
      ShareGuard guard,
      TransferAuthorizer authorizer,
      TransferSettings settings,
      Listener listener) {
    this.myName = myName;
    this.guard = guard;
    this.authorizer = authorizer;
    this.settings = settings;
    this.listener = listener;
    this.budget =
        new ServeBudget(
            settings.writeHighWater(),
            settings.serveUserBytes(),
            settings.serveTotalBytes(),
            settings.serveUserConnections());
  }

  /**
   * A handler for a connection whose version exchange is done and whose next message is {@code
   * OpenTransfer}: what a chat listener hands a connection over to when it turns out to be a file
   * transfer, and what a listener of transfers alone puts behind the version exchange.
   */
  public ChannelHandler handoffHandler() {
    return new ServeHandler(this);
  }

  String myName() {
    return myName;
  }

  ShareGuard guard() {
    return guard;
  }

  TransferAuthorizer authorizer() {
    return authorizer;
  }

  TransferSettings settings() {
    return settings;
  }

  Listener listener() {
    return listener;
  }

  ServeBudget budget() {
    return budget;
  }

  ServeBuffers buffers() {
    return buffers;
  }
}
