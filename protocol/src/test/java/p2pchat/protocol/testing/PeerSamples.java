package p2pchat.protocol.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import p2pchat.protocol.Limits;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.message.BroadcastSignature;
import p2pchat.protocol.message.GroupMember;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.PeerMessage.Broadcast;
import p2pchat.protocol.message.PeerMessage.GroupAnswer;
import p2pchat.protocol.message.PeerMessage.GroupInvite;
import p2pchat.protocol.message.PeerMessage.GroupMembers;
import p2pchat.protocol.message.PeerMessage.GroupRefused;
import p2pchat.protocol.message.PeerMessage.GroupText;
import p2pchat.protocol.message.PeerMessage.RunRefused;
import p2pchat.protocol.message.PeerMessage.RunRequest;
import p2pchat.protocol.message.PeerMessage.RunResult;

/** Samples of the broadcast, group and remote command messages, with fields at their limits. */
public final class PeerSamples {
  /** A group id that samples share. */
  public static final UUID GROUP = new UUID(0x0123456789abcdefL, 0xfedcba9876543210L);

  /** A run output of exactly {@link Limits#MAX_RUN_OUTPUT_BYTES} UTF-8 bytes. */
  public static final String LONGEST_OUTPUT = "ж".repeat(Limits.MAX_RUN_OUTPUT_BYTES / 2);

  private PeerSamples() {}

  /** The longest member list: the most entries, each with the longest name. */
  public static List<GroupMember> fullMemberList() {
    return IntStream.range(0, Limits.MAX_GROUP_MEMBERS)
        .mapToObj(
            i ->
                new GroupMember(
                    String.format("%04d", i) + SampleMessages.LONGEST_HOST.substring(4),
                    Long.MAX_VALUE - i,
                    i % 2 == 0))
        .toList();
  }

  /** At least one message of every broadcast, group and remote command type. */
  public static List<Message> all() {
    List<Message> all = new ArrayList<>();
    Identity alice = Identity.generate("alice");
    all.add(BroadcastSignature.sign(alice, "alice", 42, 1_700_000_000_123L, "hello all 🙂"));
    all.add(
        new Broadcast(
            SampleMessages.LONGEST_HOST,
            Long.MIN_VALUE,
            Long.MAX_VALUE,
            SampleMessages.LONGEST_CHAT_TEXT,
            new byte[Limits.MAX_CERTIFICATE_BYTES],
            new byte[Limits.MAX_SIGNATURE_BYTES]));
    all.add(new Broadcast("", 0, 0, "", new byte[0], new byte[0]));
    List<GroupMember> members =
        List.of(new GroupMember("alice", 1, true), new GroupMember("bob", 2, false));
    all.add(new GroupInvite(GROUP, "team", members));
    all.add(new GroupInvite(new UUID(0, 0), SampleMessages.LONGEST_HOST, fullMemberList()));
    all.add(new GroupAnswer(GROUP, true));
    all.add(new GroupAnswer(new UUID(-1, -1), false));
    all.add(new GroupRefused(GROUP, "too many invitations"));
    all.add(new GroupMembers(GROUP, "team", members));
    all.add(new GroupMembers(GROUP, "", List.of()));
    all.add(new GroupMembers(GROUP, "big", fullMemberList()));
    all.add(new GroupText(GROUP, "alice", 1, 0x1122334455667788L, 1_700_000_000_123L, "hi team"));
    all.add(
        new GroupText(
            GROUP,
            SampleMessages.LONGEST_HOST,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            0,
            SampleMessages.LONGEST_CHAT_TEXT));
    all.add(new RunRequest(1, "uptime", List.of()));
    all.add(
        new RunRequest(
            Integer.MIN_VALUE,
            SampleMessages.LONGEST_HOST,
            Collections.nCopies(
                Limits.MAX_RUN_ARGUMENTS, "é".repeat(Limits.MAX_RUN_ARGUMENT_BYTES / 2))));
    all.add(new RunResult(1, 0, 12, " 10:00 up 1 day\n"));
    all.add(new RunResult(2, -1, Long.MAX_VALUE, LONGEST_OUTPUT));
    for (RunRefused.Reason reason : RunRefused.Reason.values()) {
      all.add(new RunRefused(reason.ordinal(), reason, "refused: " + reason));
    }
    all.add(new RunRefused(-1, RunRefused.Reason.TIMED_OUT, SampleMessages.LONGEST_TEXT));
    return all;
  }
}
