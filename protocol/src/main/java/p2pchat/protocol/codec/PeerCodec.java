package p2pchat.protocol.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import p2pchat.protocol.Limits;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.message.GroupMember;
import p2pchat.protocol.message.PeerMessage;
import p2pchat.protocol.message.PeerMessage.Broadcast;
import p2pchat.protocol.message.PeerMessage.ChatAccept;
import p2pchat.protocol.message.PeerMessage.ChatClose;
import p2pchat.protocol.message.PeerMessage.ChatDecline;
import p2pchat.protocol.message.PeerMessage.ChatRequest;
import p2pchat.protocol.message.PeerMessage.ChatText;
import p2pchat.protocol.message.PeerMessage.GroupAnswer;
import p2pchat.protocol.message.PeerMessage.GroupInvite;
import p2pchat.protocol.message.PeerMessage.GroupMembers;
import p2pchat.protocol.message.PeerMessage.GroupRefused;
import p2pchat.protocol.message.PeerMessage.GroupText;
import p2pchat.protocol.message.PeerMessage.Introduce;
import p2pchat.protocol.message.PeerMessage.Introduced;
import p2pchat.protocol.message.PeerMessage.RunRefused;
import p2pchat.protocol.message.PeerMessage.RunRequest;
import p2pchat.protocol.message.PeerMessage.RunResult;

/**
 * Wire form of {@link PeerMessage}s: types 100-106 (introduction, 1:1 chat), 107 (broadcast),
 * 110-114 (groups) and 120-122 (remote commands). A group id is a UUID as two i64 (most significant
 * first); a member list is an i32 count and per member a string name, an i64 version and a bool.
 */
final class PeerCodec {
  private PeerCodec() {}

  static void encode(PeerMessage message, WireWriter w) {
    switch (message) {
      case Introduce m -> w.u16(100).string(m.name());
      case Introduced m -> w.u16(101).string(m.name());
      case ChatRequest m -> w.u16(102);
      case ChatAccept m -> w.u16(103);
      case ChatDecline m -> w.u16(104).string(m.reason());
      case ChatText m -> w.u16(105).i64(m.seq()).i64(m.sentAtMillis()).string(m.text());
      case ChatClose m -> w.u16(106);
      case Broadcast m ->
          w.u16(107)
              .string(m.sender())
              .i64(m.broadcastId())
              .i64(m.sentAtMillis())
              .string(m.text())
              .bytes(m.certificate())
              .bytes(m.signature());
      case GroupInvite m ->
          members(uuid(w.u16(110), m.groupId()).string(m.groupName()), m.members());
      case GroupAnswer m -> uuid(w.u16(111), m.groupId()).bool(m.accepted());
      case GroupMembers m ->
          members(uuid(w.u16(112), m.groupId()).string(m.groupName()), m.members());
      case GroupText m ->
          uuid(w.u16(113), m.groupId())
              .string(m.sender())
              .i64(m.seq())
              .i64(m.messageId())
              .i64(m.sentAtMillis())
              .string(m.text());
      case GroupRefused m -> uuid(w.u16(114), m.groupId()).string(m.reason());
      case RunRequest m -> {
        w.u16(120).i32(m.requestId()).string(m.command()).i32(m.arguments().size());
        m.arguments().forEach(w::string);
      }
      case RunResult m ->
          w.u16(121).i32(m.requestId()).i32(m.exitCode()).i64(m.outputBytes()).string(m.output());
      case RunRefused m -> w.u16(122).i32(m.requestId()).enumByte(m.reason()).string(m.text());
    }
  }

  static PeerMessage decode(int type, WireReader r) throws ProtocolException {
    return switch (type) {
      case 100 -> new Introduce(r.string("name", Limits.MAX_HOST_BYTES));
      case 101 -> new Introduced(r.string("name", Limits.MAX_HOST_BYTES));
      case 102 -> new ChatRequest();
      case 103 -> new ChatAccept();
      case 104 -> new ChatDecline(r.string("reason", Limits.MAX_TEXT_BYTES));
      case 105 ->
          new ChatText(
              r.i64("seq"), r.i64("sentAtMillis"), r.string("text", Limits.MAX_CHAT_TEXT_BYTES));
      case 106 -> new ChatClose();
      case 107 ->
          new Broadcast(
              r.string("sender", Limits.MAX_HOST_BYTES),
              r.i64("broadcastId"),
              r.i64("sentAtMillis"),
              r.string("text", Limits.MAX_CHAT_TEXT_BYTES),
              r.bytes("certificate", Limits.MAX_CERTIFICATE_BYTES),
              r.bytes("signature", Limits.MAX_SIGNATURE_BYTES));
      case 110 -> new GroupInvite(uuid(r), groupName(r), members(r));
      case 111 -> new GroupAnswer(uuid(r), r.bool("accepted"));
      case 112 -> new GroupMembers(uuid(r), groupName(r), members(r));
      case 113 ->
          new GroupText(
              uuid(r),
              r.string("sender", Limits.MAX_HOST_BYTES),
              r.i64("seq"),
              r.i64("messageId"),
              r.i64("sentAtMillis"),
              r.string("text", Limits.MAX_CHAT_TEXT_BYTES));
      case 114 -> new GroupRefused(uuid(r), r.string("reason", Limits.MAX_TEXT_BYTES));
      case 120 -> {
        int requestId = r.i32("requestId");
        String command = r.string("command", Limits.MAX_HOST_BYTES);
        int count = r.count("arguments", Limits.MAX_RUN_ARGUMENTS);
        List<String> arguments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          arguments.add(r.string("argument", Limits.MAX_RUN_ARGUMENT_BYTES));
        }
        yield new RunRequest(requestId, command, arguments);
      }
      case 121 ->
          new RunResult(
              r.i32("requestId"),
              r.i32("exitCode"),
              r.i64("outputBytes"),
              r.string("output", Limits.MAX_RUN_OUTPUT_BYTES));
      case 122 ->
          new RunRefused(
              r.i32("requestId"),
              r.enumByte("reason", RunRefused.Reason.values()),
              r.string("text", Limits.MAX_TEXT_BYTES));
      default -> null; // a type of this range that this build does not know: skipped
    };
  }

  private static WireWriter uuid(WireWriter w, UUID id) {
    return w.i64(id.getMostSignificantBits()).i64(id.getLeastSignificantBits());
  }

  private static UUID uuid(WireReader r) throws ProtocolException {
    return new UUID(r.i64("groupId"), r.i64("groupId"));
  }

  private static String groupName(WireReader r) throws ProtocolException {
    return r.string("groupName", Limits.MAX_HOST_BYTES);
  }

  private static WireWriter members(WireWriter w, List<GroupMember> members) {
    w.i32(members.size());
    for (GroupMember member : members) {
      w.string(member.name()).i64(member.version()).bool(member.joined());
    }
    return w;
  }

  private static List<GroupMember> members(WireReader r) throws ProtocolException {
    int count = r.count("members", Limits.MAX_GROUP_MEMBERS);
    List<GroupMember> members = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      members.add(
          new GroupMember(
              r.string("member name", Limits.MAX_HOST_BYTES),
              r.i64("member version"),
              r.bool("member joined")));
    }
    return members;
  }
}
