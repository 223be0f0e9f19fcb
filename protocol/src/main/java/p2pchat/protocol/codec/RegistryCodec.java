package p2pchat.protocol.codec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import p2pchat.protocol.Limits;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.message.PeerInfo;
import p2pchat.protocol.message.RegistryMessage;
import p2pchat.protocol.message.RegistryMessage.CheckPeer;
import p2pchat.protocol.message.RegistryMessage.Done;
import p2pchat.protocol.message.RegistryMessage.ListOnline;
import p2pchat.protocol.message.RegistryMessage.Login;
import p2pchat.protocol.message.RegistryMessage.LoginOk;
import p2pchat.protocol.message.RegistryMessage.Logout;
import p2pchat.protocol.message.RegistryMessage.Lookup;
import p2pchat.protocol.message.RegistryMessage.LookupResult;
import p2pchat.protocol.message.RegistryMessage.OnlinePage;
import p2pchat.protocol.message.RegistryMessage.PresenceChange;
import p2pchat.protocol.message.RegistryMessage.Register;
import p2pchat.protocol.message.RegistryMessage.SessionEnded;
import p2pchat.protocol.message.RegistryMessage.SetVisibility;

/** Wire form of {@link RegistryMessage}s: types 10-16 (requests) and 20-25 (answers, events). */
final class RegistryCodec {
  private RegistryCodec() {}

  static void encode(RegistryMessage message, WireWriter w) {
    switch (message) {
      case Register m -> w.u16(10).i32(m.requestId()).string(m.name()).string(m.password());
      case Login m ->
          w.u16(11)
              .i32(m.requestId())
              .string(m.name())
              .string(m.password())
              .u16(m.listenPort())
              .bool(m.visible());
      case Logout m -> w.u16(12).i32(m.requestId());
      case ListOnline m -> w.u16(13).i32(m.requestId());
      case Lookup m -> w.u16(14).i32(m.requestId()).string(m.name());
      case SetVisibility m -> w.u16(15).i32(m.requestId()).bool(m.visible());
      case Done m -> w.u16(20).i32(m.requestId());
      case LoginOk m ->
          w.u16(21)
              .i32(m.requestId())
              .i64(m.sessionId())
              .string(m.observedHost())
              .u16(m.observedPort())
              .u16(m.udpPort())
              .bytes(m.helloKey())
              .i32(m.timeoutMillis());
      case OnlinePage m -> {
        w.u16(22).i32(m.requestId()).bool(m.last()).i32(m.peers().size());
        m.peers().forEach(peer -> peerInfo(peer, w));
      }
      case LookupResult m -> peerInfo(m.peer(), w.u16(23).i32(m.requestId()));
      case PresenceChange m ->
          peerInfo(m.peer(), w.u16(24).enumByte(m.change()).enumByte(m.reason())).string(m.note());
      case CheckPeer m -> w.u16(16).i32(m.requestId()).string(m.name()).peerId(m.peerId());
      case SessionEnded m -> w.u16(25).enumByte(m.why()).string(m.text());
    }
  }

  static RegistryMessage decode(int type, WireReader r) throws ProtocolException {
    return switch (type) {
      case 10 -> new Register(r.i32("requestId"), name(r), password(r));
      case 11 ->
          new Login(
              r.i32("requestId"), name(r), password(r), r.port("listenPort"), r.bool("visible"));
      case 12 -> new Logout(r.i32("requestId"));
      case 13 -> new ListOnline(r.i32("requestId"));
      case 14 -> new Lookup(r.i32("requestId"), name(r));
      case 15 -> new SetVisibility(r.i32("requestId"), r.bool("visible"));
      case 20 -> new Done(r.i32("requestId"));
      case 21 ->
          new LoginOk(
              r.i32("requestId"),
              r.i64("sessionId"),
              r.string("observedHost", Limits.MAX_HOST_BYTES),
              r.port("observedPort"),
              r.port("udpPort"),
              r.bytes("helloKey", Limits.HELLO_KEY_BYTES),
              r.i32("timeoutMillis"));
      case 22 -> {
        int requestId = r.i32("requestId");
        boolean last = r.bool("last");
        int count = r.count("peers", Limits.MAX_PEERS_PER_PAGE);
        List<PeerInfo> peers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          peers.add(peerInfo(r));
        }
        yield new OnlinePage(requestId, peers, last);
      }
      case 23 -> new LookupResult(r.i32("requestId"), peerInfo(r));
      case 24 ->
          new PresenceChange(
              r.enumByte("change", PresenceChange.Change.values()),
              r.enumByte("reason", PresenceChange.Reason.values()),
              peerInfo(r),
              r.string("note", Limits.MAX_TEXT_BYTES));
      case 16 -> new CheckPeer(r.i32("requestId"), name(r), r.peerId("peerId"));
      case 25 ->
          new SessionEnded(
              r.enumByte("why", SessionEnded.Why.values()),
              r.string("text", Limits.MAX_TEXT_BYTES));
      default -> null; // a type of this range that this build does not know: skipped
    };
  }

  private static String name(WireReader r) throws ProtocolException {
    return r.string("name", Limits.MAX_HOST_BYTES);
  }

  private static String password(WireReader r) throws ProtocolException {
    return r.string("password", Limits.MAX_PASSWORD_BYTES);
  }

  static WireWriter peerInfo(PeerInfo peer, WireWriter w) {
    return w.string(peer.name())
        .string(peer.host())
        .u16(peer.port())
        .peerId(peer.peerId())
        .i64(peer.since().toEpochMilli());
  }

  static PeerInfo peerInfo(WireReader r) throws ProtocolException {
    return new PeerInfo(
        r.string("peer name", Limits.MAX_HOST_BYTES),
        r.string("peer host", Limits.MAX_HOST_BYTES),
        r.port("peer port"),
        r.peerId("peer id"),
        Instant.ofEpochMilli(r.i64("peer since")));
  }
}
