package p2pchat.protocol.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import p2pchat.protocol.Limits;
import p2pchat.protocol.ProtocolVersion;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ConnectionMessage.Hello;
import p2pchat.protocol.message.ConnectionMessage.Ping;
import p2pchat.protocol.message.ConnectionMessage.Pong;
import p2pchat.protocol.message.ConnectionMessage.Welcome;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.PeerInfo;
import p2pchat.protocol.message.PeerMessage.ChatAccept;
import p2pchat.protocol.message.PeerMessage.ChatClose;
import p2pchat.protocol.message.PeerMessage.ChatDecline;
import p2pchat.protocol.message.PeerMessage.ChatRequest;
import p2pchat.protocol.message.PeerMessage.ChatText;
import p2pchat.protocol.message.PeerMessage.Introduce;
import p2pchat.protocol.message.PeerMessage.Introduced;
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

/** Messages of every type, with fields at their limits, for round trips and seed corpora. */
public final class SampleMessages {
  /** A text of exactly {@link Limits#MAX_TEXT_BYTES} UTF-8 bytes, mostly 3-byte characters. */
  public static final String LONGEST_TEXT = "€".repeat(Limits.MAX_TEXT_BYTES / 3) + "x";

  /** A name or host of exactly {@link Limits#MAX_HOST_BYTES} UTF-8 bytes, mostly 4-byte ones. */
  public static final String LONGEST_HOST = "🙂".repeat(Limits.MAX_HOST_BYTES / 4) + "abc";

  /** A password of exactly {@link Limits#MAX_PASSWORD_BYTES} UTF-8 bytes of 2-byte characters. */
  public static final String LONGEST_PASSWORD = "é".repeat(Limits.MAX_PASSWORD_BYTES / 2);

  /** A chat text of exactly {@link Limits#MAX_CHAT_TEXT_BYTES} UTF-8 bytes. */
  public static final String LONGEST_CHAT_TEXT = "ж".repeat(Limits.MAX_CHAT_TEXT_BYTES / 2);

  private SampleMessages() {}

  /** A PeerId made of {@code seed} repeated, so that samples are reproducible. */
  public static PeerId peerId(int seed) {
    byte[] digest = new byte[PeerId.BYTES];
    Arrays.fill(digest, (byte) seed);
    return PeerId.ofDigest(digest);
  }

  /** An online peer; {@code since} has millisecond precision, as the wire carries it. */
  public static PeerInfo peer(String name) {
    return new PeerInfo(
        name, "192.0.2.7", 40123, peerId(name.length()), Instant.ofEpochMilli(1_700_000_000_123L));
  }

  /** At least one message of every type, several where a field has interesting values. */
  public static List<Message> all() {
    List<Message> all = new ArrayList<>();
    all.add(new Hello(ProtocolVersion.CURRENT, ProtocolVersion.SOFTWARE));
    all.add(new Hello(Integer.MIN_VALUE, ""));
    all.add(new Welcome(ProtocolVersion.CURRENT, "p2pchat/0.1 ✓ 🙂"));
    all.add(new Welcome(Integer.MAX_VALUE, LONGEST_TEXT));
    for (ErrorCode code : ErrorCode.values()) {
      all.add(new Failure(code.ordinal(), code, "failed: " + code));
    }
    all.add(new Failure(-1, ErrorCode.PROTOCOL_ERROR, LONGEST_TEXT));
    all.add(new Ping(Long.MIN_VALUE));
    all.add(new Ping(0));
    all.add(new Pong(Long.MAX_VALUE));
    all.add(new Register(1, "alice", "correct horse battery staple"));
    all.add(new Register(Integer.MAX_VALUE, LONGEST_HOST, LONGEST_PASSWORD));
    all.add(new Login(2, "bob", "pässwörd-🔑", 0xffff, true));
    all.add(new Login(3, LONGEST_HOST, LONGEST_PASSWORD, 0, false));
    all.add(new Logout(Integer.MIN_VALUE));
    all.add(new ListOnline(4));
    all.add(new Lookup(5, "carol"));
    all.add(new Lookup(6, LONGEST_HOST));
    all.add(new SetVisibility(7, false));
    all.add(new SetVisibility(8, true));
    all.add(new Done(-9));
    byte[] helloKey = new byte[Limits.HELLO_KEY_BYTES];
    for (int i = 0; i < helloKey.length; i++) {
      helloKey[i] = (byte) (i * 7 + 1);
    }
    all.add(new LoginOk(10, Long.MIN_VALUE, "2001:db8::1", 40000, 0xffff, helloKey, 60));
    all.add(new LoginOk(11, Long.MAX_VALUE, LONGEST_HOST, 0, 0, helloKey, Integer.MAX_VALUE));
    all.add(new OnlinePage(12, List.of(), true));
    all.add(new OnlinePage(13, List.of(peer("alice"), peer("bob")), false));
    all.add(new OnlinePage(14, fullPage(), true));
    all.add(new LookupResult(15, peer("dave")));
    all.add(
        new LookupResult(
            16, new PeerInfo(LONGEST_HOST, LONGEST_HOST, 0, peerId(-1), Instant.EPOCH)));
    for (PresenceChange.Change change : PresenceChange.Change.values()) {
      for (PresenceChange.Reason reason : PresenceChange.Reason.values()) {
        all.add(new PresenceChange(change, reason, peer(change + "-" + reason)));
      }
    }
    for (SessionEnded.Why why : SessionEnded.Why.values()) {
      all.add(new SessionEnded(why, "ended: " + why));
    }
    all.add(new SessionEnded(SessionEnded.Why.KICKED, LONGEST_TEXT));
    all.add(new CheckPeer(7, "alice", peerId(7)));
    all.add(new CheckPeer(-7, LONGEST_HOST, peerId(255)));
    all.add(new Introduce("alice"));
    all.add(new Introduce(LONGEST_HOST));
    all.add(new Introduced("bob"));
    all.add(new ChatRequest());
    all.add(new ChatAccept());
    all.add(new ChatDecline("busy"));
    all.add(new ChatDecline(""));
    all.add(new ChatText(1, 1_700_000_000_123L, "hello 🙂"));
    all.add(new ChatText(Long.MAX_VALUE, Long.MIN_VALUE, LONGEST_CHAT_TEXT));
    all.add(new ChatText(0, 0, ""));
    all.add(new ChatClose());
    all.addAll(AdminSamples.all());
    all.addAll(FileSamples.all());
    all.addAll(PeerSamples.all());
    return Collections.unmodifiableList(all);
  }

  /** The largest online page there can be: the most peers, each with the longest fields. */
  public static List<PeerInfo> fullPage() {
    return IntStream.range(0, Limits.MAX_PEERS_PER_PAGE)
        .mapToObj(
            i ->
                new PeerInfo(
                    LONGEST_HOST,
                    LONGEST_HOST,
                    i,
                    peerId(i),
                    Instant.ofEpochMilli(Long.MAX_VALUE - i)))
        .toList();
  }
}
