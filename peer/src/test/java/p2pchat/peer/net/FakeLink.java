package p2pchat.peer.net;

import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.PeerMessage;

/**
 * A link without a socket: it records what is sent on it, in order, and completes writes at once
 * (or fails them once it is closed, as a closed connection does).
 */
public final class FakeLink implements PeerLink {
  private final String peerName;
  private final PeerId peerId;
  private final boolean inbound;
  private final List<PeerMessage> sent = new CopyOnWriteArrayList<>();
  private volatile boolean open = true;

  /** A link to {@code peerName}, who presented {@code peerId}; dialed by us unless inbound. */
  public FakeLink(String peerName, PeerId peerId, boolean inbound) {
    this.peerName = peerName;
    this.peerId = peerId;
    this.inbound = inbound;
  }

  /** What was sent or written on this link while it was open, oldest first. */
  public List<PeerMessage> sent() {
    return List.copyOf(sent);
  }

  /** What was sent, of type {@code type}. */
  public <T extends PeerMessage> List<T> sent(Class<T> type) {
    return sent.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Forgets what was sent so far, so a test checks only what comes next. */
  public void clear() {
    sent.clear();
  }

  /** The connection breaks: nothing more is sent, writes fail. */
  public void drop() {
    open = false;
  }

  @Override
  public String peerName() {
    return peerName;
  }

  @Override
  public PeerId peerId() {
    return peerId;
  }

  @Override
  public boolean inbound() {
    return inbound;
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return new InetSocketAddress("127.0.0.1", 40000);
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void send(PeerMessage message) {
    if (open) {
      sent.add(message);
    }
  }

  @Override
  public CompletableFuture<Void> write(PeerMessage message) {
    if (!open) {
      return CompletableFuture.failedFuture(new ClosedChannelException());
    }
    sent.add(message);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void close() {
    open = false;
  }

  @Override
  public String toString() {
    return "fake link to " + peerName;
  }
}
