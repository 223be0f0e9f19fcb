package p2pchat.peer.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.NodeEvent.Code;
import p2pchat.peer.net.LinkPool;
import p2pchat.peer.net.PeerLink;
import p2pchat.protocol.message.GroupMember;
import p2pchat.protocol.message.PeerMessage.GroupAnswer;
import p2pchat.protocol.message.PeerMessage.GroupInvite;
import p2pchat.protocol.message.PeerMessage.GroupRefused;

/**
 * Invitations into groups, both ways: a member invites a user (remembered in the group, so that
 * only an invited user's answer counts, even after a restart); the invited user accepts (joining
 * with the inviter's member list) or declines; on an acceptance the inviter adds the newcomer and
 * sends the new list to every member. Runs on the node's actor thread.
 */
final class Invitations {
  private static final Logger LOG = LoggerFactory.getLogger(Invitations.class);

  /**
   * An invitation received and not yet answered, with the part of its member list that is kept (the
   * whole list comes from the inviter on joining).
   */
  private record Invite(String from, UUID groupId, String groupName, List<GroupMember> members) {}

  private final GroupBook book;
  private final LinkPool links;
  private final Consumer<Group> joined;
  private final Map<String, Invite> received = new TreeMap<>();
  private final InvitationLimits limits;
  private boolean refusing;

  /**
   * Invitations of {@code book}'s member, received within {@code limits}; {@code joined} hears of
   * each group someone joined.
   */
  Invitations(GroupBook book, LinkPool links, InvitationLimits limits, Consumer<Group> joined) {
    this.book = book;
    this.limits = limits;
    this.links = links;
    this.joined = joined;
  }

  /** Invites {@code user} into group {@code name}. */
  void invite(String name, String user) {
    Optional<Group> found = book.named(name);
    if (found.isEmpty()) {
      return;
    }
    Group g = found.get();
    if (Group.key(user).equals(Group.key(book.me))) {
      book.failed(Code.ALREADY_MEMBER, "you are in #" + g.name + " already");
      return;
    }
    if (g.isJoined(user)) {
      book.failed(Code.ALREADY_MEMBER, user + " is in #" + g.name + " already");
      return;
    }
    g.invited.add(Group.key(user));
    book.save(g);
    GroupInvite invite = new GroupInvite(g.id, g.name, g.snapshot());
    links.withLink(
        user,
        link -> {
          link.send(invite);
          book.tell(
              new NodeEvent.Notice(
                  Code.INVITATION_SENT, "invited " + link.peerName() + " into #" + g.name));
        },
        why -> {
          g.invited.remove(Group.key(user));
          book.save(g);
          book.failed(Code.UNREACHABLE, "cannot invite " + user + " into #" + g.name + ": " + why);
        });
  }

  /** Accepts the invitation into group {@code name}. */
  void accept(String name) {
    Invite invite = received.get(Group.key(name));
    if (invite == null) {
      book.failed(Code.NO_SUCH_GROUP, "nobody has invited you into a group named " + name);
      return;
    }
    if (book.find(name).isPresent()) {
      book.failed(
          Code.GROUP_EXISTS,
          "you are already in a group named " + name + "; /group leave " + name + " first");
      return;
    }
    links.withLink(
        invite.from(),
        link -> {
          if (!received.remove(Group.key(name), invite) || book.find(name).isPresent()) {
            return; // answered meanwhile
          }
          link.send(new GroupAnswer(invite.groupId(), true));
          Group g = book.get(invite.groupId());
          if (g == null) {
            g = new Group(invite.groupId(), invite.groupName());
          } else {
            g.left = false; // a rejoin: its own numbers go on, what it saw before is stale
            g.senders.clear();
          }
          g.merge(invite.members());
          g.set(new GroupMember(book.me, g.version(book.me) + 1, true));
          book.put(g);
          book.tell(new NodeEvent.GroupEntered(g.name, g.joined()));
        },
        why ->
            book.failed(
                Code.UNREACHABLE,
                "cannot reach "
                    + invite.from()
                    + " to join #"
                    + invite.groupName()
                    + ": "
                    + why
                    + "; try again when "
                    + invite.from()
                    + " is online"));
  }

  /** Declines the invitation into group {@code name}; the inviter is told if reachable. */
  void decline(String name) {
    Invite invite = received.remove(Group.key(name));
    if (invite == null) {
      book.failed(Code.NO_SUCH_GROUP, "nobody has invited you into a group named " + name);
      return;
    }
    links.withLink(
        invite.from(),
        link -> link.send(new GroupAnswer(invite.groupId(), false)),
        why -> LOG.debug("could not tell {} of the decline: {}", invite.from(), why));
    book.tell(
        new NodeEvent.Notice(
            Code.INVITATION_DECLINED, "declined the invitation into #" + invite.groupName()));
  }

  /** The invitations waiting for an answer. */
  List<GroupListing> list() {
    List<GroupListing> list = new ArrayList<>();
    for (Invite i : received.values()) {
      list.add(new GroupListing.Invited(i.groupName(), i.from()));
    }
    return list;
  }

  /**
   * {@code link}'s user invites this one. Kept and shown within the limits of {@link
   * InvitationLimits}; one beyond them is refused back to the inviter with the reason, and logged.
   */
  void invited(PeerLink link, GroupInvite invite) {
    Optional<Group> in = book.in(invite.groupId());
    if (in.isPresent()) {
      book.sendMembers(in.get(), link.peerName());
      return; // a member already: the inviter just had an old list
    }
    String from = link.peerName();
    String key = Group.key(invite.groupName());
    Invite before = received.get(key);
    // An invitation replacing one of the same name keeps the count in all; from the same inviter,
    // its count too.
    boolean sameInviter = before != null && Group.key(before.from()).equals(Group.key(from));
    long fromInviter =
        received.values().stream().filter(i -> Group.key(i.from()).equals(Group.key(from))).count();
    Optional<String> refusal =
        sameInviter
            ? Optional.empty()
            : limits.refusal(book.me, fromInviter, before != null ? 0 : received.size());
    if (refusal.isPresent()) {
      refuse(link, invite, refusal.get());
      return;
    }
    refusing = false;
    InvitationLimits.Kept kept = limits.keep(invite.members(), from, book.me);
    Invite now = new Invite(from, invite.groupId(), invite.groupName(), kept.members());
    received.put(key, now);
    if (now.equals(before)) {
      return; // the same invitation again: shown already
    }
    book.tell(new NodeEvent.GroupInvited(invite.groupName(), from, kept.shown()));
  }

  private void refuse(PeerLink link, GroupInvite invite, String why) {
    // A flood refused is logged once, not once per invitation, nor shown.
    if (!refusing) {
      LOG.info(
          "refused an invitation into #{} from {}: {} (more refusals are logged at debug level"
              + " until an invitation is kept)",
          invite.groupName(),
          link.peerName(),
          why);
    } else {
      LOG.debug("refused an invitation into #{} from {}", invite.groupName(), link.peerName());
    }
    refusing = true;
    link.send(new GroupRefused(invite.groupId(), why));
  }

  /** {@code link}'s user answers an invitation. */
  void answered(PeerLink link, GroupAnswer answer) {
    Optional<Group> in = book.in(answer.groupId());
    if (in.isEmpty() || !in.get().invited.remove(Group.key(link.peerName()))) {
      return; // not an invitation of ours
    }
    Group g = in.get();
    book.save(g);
    if (!answer.accepted()) {
      book.tell(new NodeEvent.GroupDeclined(g.name, link.peerName()));
      return;
    }
    if (g.isJoined(link.peerName())) {
      return;
    }
    g.set(new GroupMember(link.peerName(), g.version(link.peerName()) + 1, true));
    book.save(g);
    book.tell(new NodeEvent.GroupJoined(g.name, link.peerName()));
    book.sendMembers(g);
    joined.accept(g);
  }

  /** {@code link}'s user's node refused an invitation of this one without showing it. */
  void refused(PeerLink link, GroupRefused refusal) {
    Optional<Group> in = book.in(refusal.groupId());
    if (in.isEmpty() || !in.get().invited.remove(Group.key(link.peerName()))) {
      return; // not an invitation of ours
    }
    Group g = in.get();
    book.save(g);
    book.tell(
        new NodeEvent.Warning(
            Code.INVITATION_REFUSED,
            link.peerName()
                + " did not get the invitation into #"
                + g.name
                + ": "
                + refusal.reason()));
  }
}
