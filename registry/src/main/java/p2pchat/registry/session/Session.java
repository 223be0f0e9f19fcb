package p2pchat.registry.session;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.PeerInfo;
import p2pchat.protocol.message.RegistryMessage.PresenceChange;
import p2pchat.protocol.message.RegistryMessage.SessionEnded;

/**
 * One logged-in connection: who it is, where it can be dialed, whether it shows, when it was last
 * heard from, and the {@link SessionHandle} that reaches it.
 */
public final class Session {
  private final long id;
  private final SessionHandle handle;
  private final int remotePort;
  private final String name;
  private final PeerInfo info;
  private final byte[] helloKey;
  private final AtomicLong helloCounter = new AtomicLong(Long.MIN_VALUE);
  private volatile boolean visible;
  private volatile long lastSeenNanos;
  private volatile PresenceChange.Reason endReason = PresenceChange.Reason.DISCONNECTED;
  private volatile String endNote = "";

  /**
   * A session {@code id} of user {@code name}, reachable at {@code info}, connected from port
   * {@code remotePort} of {@code info.host()}.
   */
  public Session(
      long id,
      SessionHandle handle,
      int remotePort,
      String name,
      PeerInfo info,
      byte[] helloKey,
      boolean visible) {
    this.id = id;
    this.handle = handle;
    this.remotePort = remotePort;
    this.name = name;
    this.info = info;
    this.helloKey = helloKey.clone();
    this.visible = visible;
    this.lastSeenNanos = System.nanoTime();
  }

  public long id() {
    return id;
  }

  /** The session id as 16 hex digits, as logs and admin tools show it. */
  public String idText() {
    return HexFormat.of().toHexDigits(id);
  }

  /** The way to the client. */
  public SessionHandle handle() {
    return handle;
  }

  /** The port the registry sees this session connect from. */
  public int remotePort() {
    return remotePort;
  }

  /** The account name as registered (its case preserved). */
  public String name() {
    return name;
  }

  public PeerId peerId() {
    return info.peerId();
  }

  public PeerInfo info() {
    return info;
  }

  public boolean visible() {
    return visible;
  }

  public void visible(boolean visible) {
    this.visible = visible;
  }

  /** A copy of the key that authenticates this session's UDP hellos. */
  public byte[] helloKey() {
    return helloKey.clone();
  }

  byte[] helloKeyShared() {
    return helloKey;
  }

  /** Accepts a hello counter only if it is above every one accepted before (no replays). */
  boolean advanceHelloCounter(long counter) {
    long last;
    do {
      last = helloCounter.get();
      if (counter <= last) {
        return false;
      }
    } while (!helloCounter.compareAndSet(last, counter));
    return true;
  }

  /** Notes that the peer was heard from now. */
  public void touch() {
    lastSeenNanos = System.nanoTime();
  }

  public long lastSeenNanos() {
    return lastSeenNanos;
  }

  /** When the peer was last heard from, on the wall clock. */
  public Instant lastSeen() {
    return Instant.now().minus(Duration.ofNanos(System.nanoTime() - lastSeenNanos));
  }

  /** Why the session ends, for the announcement made when its connection closes. */
  public PresenceChange.Reason endReason() {
    return endReason;
  }

  public void endReason(PresenceChange.Reason reason) {
    this.endReason = reason;
  }

  /** What the announcement of the end says besides the reason (why an operator kicked it). */
  public String endNote() {
    return endNote;
  }

  /** Ends the session for {@code reason}, saying {@code note} in the announcement. */
  public void endReason(PresenceChange.Reason reason, String note) {
    this.endNote = note;
    this.endReason = reason;
  }

  /**
   * Ends the session for {@code reason}: sends {@code ended} and closes; {@code note} is announced.
   */
  public void end(PresenceChange.Reason reason, String note, SessionEnded ended) {
    endReason(reason, note);
    handle.end(ended);
  }
}
