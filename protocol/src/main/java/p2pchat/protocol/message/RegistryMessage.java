package p2pchat.protocol.message;

import java.util.List;
import java.util.Objects;
import p2pchat.protocol.Limits;
import p2pchat.protocol.identity.PeerId;

/**
 * Messages between a peer and the registry. Requests carry a {@code requestId} chosen by the peer;
 * the answer ({@link Done}, a specific result, or a {@link ConnectionMessage.Failure}) carries the
 * same one. {@link PresenceChange} and {@link SessionEnded} come unasked.
 */
public sealed interface RegistryMessage extends Message {
  /** Creates an account bound to the PeerId of the connection's certificate. */
  record Register(int requestId, String name, String password) implements RegistryMessage {
    public Register {
      Checks.text(name, "name", Limits.MAX_HOST_BYTES);
      Checks.text(password, "password", Limits.MAX_PASSWORD_BYTES);
    }

    @Override
    public String toString() {
      return "Register[requestId=" + requestId + ", name=" + name + ", password=***]";
    }
  }

  /** Logs in; answered by {@link LoginOk} and then the online list as {@link OnlinePage}s. */
  record Login(int requestId, String name, String password, int listenPort, boolean visible)
      implements RegistryMessage {
    public Login {
      Checks.text(name, "name", Limits.MAX_HOST_BYTES);
      Checks.text(password, "password", Limits.MAX_PASSWORD_BYTES);
      Checks.port(listenPort, "listenPort");
    }

    @Override
    public String toString() {
      return "Login[requestId="
          + requestId
          + ", name="
          + name
          + ", password=***, listenPort="
          + listenPort
          + ", visible="
          + visible
          + "]";
    }
  }

  /** Ends the session; answered by {@link Done}, then the registry closes the connection. */
  record Logout(int requestId) implements RegistryMessage {}

  /** Asks for the online list again; answered by {@link OnlinePage}s. */
  record ListOnline(int requestId) implements RegistryMessage {}

  /** Asks where one user is; answered by {@link LookupResult} or a failure. */
  record Lookup(int requestId, String name) implements RegistryMessage {
    public Lookup {
      Checks.text(name, "name", Limits.MAX_HOST_BYTES);
    }
  }

  /** Shows or hides this session from the online list, announcements and lookups. */
  record SetVisibility(int requestId, boolean visible) implements RegistryMessage {}

  /** The request succeeded and has nothing more to say. */
  record Done(int requestId) implements RegistryMessage {}

  /**
   * The login succeeded. {@code observedHost}/{@code observedPort} are the address the registry
   * sees; {@code helloKey} authenticates UDP hellos to {@code udpPort} for this session; the peer
   * must be heard from (a frame or a hello) at least every {@code timeoutMillis}.
   */
  record LoginOk(
      int requestId,
      long sessionId,
      String observedHost,
      int observedPort,
      int udpPort,
      byte[] helloKey,
      int timeoutMillis)
      implements RegistryMessage {
    public LoginOk {
      Checks.text(observedHost, "observedHost", Limits.MAX_HOST_BYTES);
      Checks.port(observedPort, "observedPort");
      Checks.port(udpPort, "udpPort");
      if (helloKey.length != Limits.HELLO_KEY_BYTES) {
        throw new IllegalArgumentException("helloKey must be " + Limits.HELLO_KEY_BYTES + " bytes");
      }
      helloKey = helloKey.clone();
    }

    @Override
    public byte[] helloKey() {
      return helloKey.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof LoginOk other
          && requestId == other.requestId
          && sessionId == other.sessionId
          && observedHost.equals(other.observedHost)
          && observedPort == other.observedPort
          && udpPort == other.udpPort
          && java.util.Arrays.equals(helloKey, other.helloKey)
          && timeoutMillis == other.timeoutMillis;
    }

    @Override
    public int hashCode() {
      return Objects.hash(requestId, sessionId, observedHost, observedPort, udpPort, timeoutMillis);
    }

    @Override
    public String toString() {
      return "LoginOk[requestId="
          + requestId
          + ", sessionId="
          + sessionId
          + ", observed="
          + observedHost
          + ":"
          + observedPort
          + ", udpPort="
          + udpPort
          + ", timeoutMillis="
          + timeoutMillis
          + ", helloKey=***]";
    }
  }

  /**
   * One page of the online list; {@code last} marks the final page. A list is never cut: it is sent
   * in as many pages as it takes.
   */
  record OnlinePage(int requestId, List<PeerInfo> peers, boolean last) implements RegistryMessage {
    public OnlinePage {
      peers = List.copyOf(peers);
      if (peers.size() > Limits.MAX_PEERS_PER_PAGE) {
        throw new IllegalArgumentException(
            "a page holds at most " + Limits.MAX_PEERS_PER_PAGE + " peers");
      }
    }
  }

  /** Where the looked-up user can be dialed. */
  record LookupResult(int requestId, PeerInfo peer) implements RegistryMessage {
    public LookupResult {
      Objects.requireNonNull(peer, "peer");
    }
  }

  /**
   * Someone came online or went away, told to every other online peer; {@code note} says more where
   * there is more to say (why an operator kicked them), and is empty otherwise.
   */
  record PresenceChange(Change change, Reason reason, PeerInfo peer, String note)
      implements RegistryMessage {
    public PresenceChange {
      Objects.requireNonNull(change, "change");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(peer, "peer");
      Checks.text(note, "note", Limits.MAX_TEXT_BYTES);
    }

    /** A change with no note. */
    public PresenceChange(Change change, Reason reason, PeerInfo peer) {
      this(change, reason, peer, "");
    }

    /** Whether the peer joined or left the online list. */
    public enum Change {
      JOINED,
      LEFT
    }

    /**
     * Why. Becoming visible is announced as LOGIN and becoming invisible as LOGOUT, so that others
     * cannot tell an invisible peer from an absent one.
     */
    public enum Reason {
      LOGIN,
      LOGOUT,
      DISCONNECTED,
      TIMED_OUT,
      KICKED
    }
  }

  /**
   * Asks whether {@code peerId} is one of the PeerIds bound to account {@code name}, whether or not
   * that user is online: how a peer checks who is dialing it. Answered by {@link Done} or a failure
   * ({@code UNKNOWN_USER}, {@code IDENTITY_MISMATCH}).
   */
  record CheckPeer(int requestId, String name, PeerId peerId) implements RegistryMessage {
    public CheckPeer {
      Checks.text(name, "name", Limits.MAX_HOST_BYTES);
      Objects.requireNonNull(peerId, "peerId");
    }
  }

  /** The registry ended this session, saying why; the connection closes next. */
  record SessionEnded(Why why, String text) implements RegistryMessage {
    public SessionEnded {
      Objects.requireNonNull(why, "why");
      Checks.text(text, "text", Limits.MAX_TEXT_BYTES);
    }

    /** Why a session ended; a client logs in again by itself only after TIMED_OUT or SHUTDOWN. */
    public enum Why {
      /** Nothing was heard from the peer within the heartbeat timeout. */
      TIMED_OUT,
      /** The same account logged in again elsewhere. */
      REPLACED,
      /** An operator removed the session. */
      KICKED,
      /** The registry is stopping. */
      SHUTDOWN
    }
  }
}
