package p2pchat.peer.group;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.NodeEvent.Code;
import p2pchat.peer.net.LinkPool;
import p2pchat.peer.net.PeerLink;
import p2pchat.protocol.Limits;
import p2pchat.protocol.message.GroupMember;
import p2pchat.protocol.message.PeerMessage.GroupAnswer;
import p2pchat.protocol.message.PeerMessage.GroupInvite;
import p2pchat.protocol.message.PeerMessage.GroupMembers;
import p2pchat.protocol.message.PeerMessage.GroupMessage;
import p2pchat.protocol.message.PeerMessage.GroupRefused;
import p2pchat.protocol.message.PeerMessage.GroupText;

/**
 * The group chats of a node. Messages travel directly from their sender to each member. Member
 * lists are kept by every member and exchanged whole ({@link GroupMembers}) when they change: each
 * entry carries a version, the higher one wins a merge, so that all members end up with the same
 * list. A member that learns something its sender did not know passes the merged list on. Group
 * state lives in the profile, so a restarted member is still a member. Runs on the actor thread.
 */
public final class Groups {
  private static final Logger LOG = LoggerFactory.getLogger(Groups.class);

  /** Most texts held per group from senders not yet known to be members. */
  private static final int MAX_HELD = 100;

  private final GroupBook book;
  private final Invitations invitations;
  private final SecureRandom random = new SecureRandom();

  /**
   * The groups of {@code myName}, kept in {@code profileDir} and loaded from there now (before any
   * message can arrive); a file that cannot be read is reported as a warning.
   */
  public Groups(
      String myName, Path profileDir, LinkPool links, Executor actor, Consumer<NodeEvent> events) {
    this.book = new GroupBook(myName, profileDir, new Delivery(links, actor), events);
    this.invitations = new Invitations(book, links, InvitationLimits.DEFAULTS, this::releaseHeld);
  }

  /**
   * Sends each member list to the other members, so that they catch up with this member or it with
   * them (after a restart, say).
   */
  public void start() {
    for (Group g : book.all()) {
      if (!g.left) {
        book.sendMembers(g);
      }
    }
  }

  // ---- commands ----

  /** Creates group {@code name} with this user as its only member. */
  public void create(String name) {
    if (!Group.NAME.matcher(name).matches()) {
      book.failed(
          Code.BAD_GROUP_NAME,
          "a group name has 1-32 letters, digits, _, - and ., not \"" + name + "\"");
      return;
    }
    if (book.find(name).isPresent()) {
      book.failed(Code.GROUP_EXISTS, "you are already in a group named " + name);
      return;
    }
    Group g = new Group(UUID.randomUUID(), name);
    g.set(new GroupMember(book.me, 1, true));
    book.put(g);
    book.tell(new NodeEvent.GroupEntered(g.name, g.joined()));
  }

  /** Invites {@code user} into group {@code name}. */
  public void invite(String name, String user) {
    invitations.invite(name, user);
  }

  /** Accepts the invitation into group {@code name}. */
  public void accept(String name) {
    invitations.accept(name);
  }

  /** Declines the invitation into group {@code name}; the inviter is told if reachable. */
  public void decline(String name) {
    invitations.decline(name);
  }

  /** Leaves group {@code name}; the other members are told. */
  public void leave(String name) {
    Optional<Group> found = book.named(name);
    if (found.isEmpty()) {
      return;
    }
    Group g = found.get();
    g.set(new GroupMember(book.me, g.version(book.me) + 1, false));
    book.sendMembers(g);
    g.left = true;
    g.held.clear();
    book.save(g);
    book.tell(new NodeEvent.Notice(Code.GROUP_LEFT, "you left #" + g.name));
  }

  /** Sends {@code text} to every other member of group {@code name}. */
  public void say(String name, String text) {
    Optional<Group> found = book.named(name);
    if (found.isEmpty()) {
      return;
    }
    Group g = found.get();
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > Limits.MAX_CHAT_TEXT_BYTES) {
      book.failed(
          Code.TOO_LONG,
          "message not sent: it is "
              + bytes
              + " bytes, the limit is "
              + Limits.MAX_CHAT_TEXT_BYTES);
      return;
    }
    List<String> others = book.others(g);
    if (others.isEmpty()) {
      book.failed(
          Code.GROUP_EMPTY,
          "nobody else is in #" + g.name + " yet: /group invite " + g.name + " NAME");
      return;
    }
    GroupText message =
        new GroupText(
            g.id, book.me, g.nextSeq++, random.nextLong(), System.currentTimeMillis(), text);
    book.save(g);
    others.forEach(member -> book.delivery.send(member, message));
  }

  /** The members of group {@code name}; empty (and a failure) if there is none. */
  public List<MemberInfo> members(String name) {
    Optional<Group> found = book.named(name);
    if (found.isEmpty()) {
      return List.of();
    }
    List<MemberInfo> members = new ArrayList<>();
    for (String member : found.get().joined()) {
      members.add(
          new MemberInfo(
              member, Group.key(member).equals(Group.key(book.me)), book.delivery.waiting(member)));
    }
    return members;
  }

  /** The groups this user is in, by name, then the invitations waiting for an answer. */
  public List<GroupListing> list() {
    List<GroupListing> list = new ArrayList<>();
    book.all().stream()
        .filter(g -> !g.left)
        .sorted((a, b) -> Group.key(a.name).compareTo(Group.key(b.name)))
        .forEach(g -> list.add(new GroupListing.Joined(g.name, g.joined())));
    list.addAll(invitations.list());
    return list;
  }

  /** The names of the groups this user is in. */
  public List<String> names() {
    return book.all().stream().filter(g -> !g.left).map(g -> g.name).sorted().toList();
  }

  // ---- the network ----

  /** A link to {@code link}'s user is up: what waits for it goes now. */
  public void linkUp(PeerLink link) {
    book.delivery.retry(link.peerName());
  }

  /** The registry says {@code name} came online: what waits for it goes now. */
  public void online(String name) {
    book.delivery.retry(name);
  }

  /** A group message arrived over {@code link}. */
  public void received(PeerLink link, GroupMessage message) {
    if (!wellNamed(message, link)) {
      return;
    }
    switch (message) {
      case GroupInvite m -> invitations.invited(link, m);
      case GroupAnswer m -> invitations.answered(link, m);
      case GroupRefused m -> invitations.refused(link, m);
      case GroupMembers m -> membersReceived(link, m);
      case GroupText m -> text(link, m);
    }
  }

  private void membersReceived(PeerLink link, GroupMembers list) {
    Optional<Group> in = book.in(list.groupId());
    if (in.isEmpty() || !in.get().isJoined(link.peerName())) {
      LOG.debug("ignored a member list of {} from {}", list.groupId(), link);
      return;
    }
    Group g = in.get();
    Group.Changes changes = g.merge(list.members());
    boolean theyLack = !g.coveredBy(list.members());
    if (changes.any()) {
      g.syncRequested = false;
      if (!g.isJoined(book.me)) {
        g.left = true;
        book.save(g);
        book.tell(new NodeEvent.Notice(Code.GROUP_LEFT, "you are no longer in #" + g.name));
        return;
      }
      book.save(g);
      changes.joined().forEach(m -> book.tell(new NodeEvent.GroupJoined(g.name, m)));
      changes.left().forEach(m -> book.tell(new NodeEvent.GroupLeft(g.name, m)));
      releaseHeld(g);
    }
    if (theyLack && changes.any()) {
      book.sendMembers(g); // both learned something: the others may lack either part
    } else if (theyLack) {
      book.sendMembers(g, link.peerName());
    }
  }

  private void text(PeerLink link, GroupText text) {
    Optional<Group> in = book.in(text.groupId());
    if (in.isEmpty()) {
      return;
    }
    Group g = in.get();
    if (!Group.key(text.sender()).equals(Group.key(link.peerName()))) {
      book.tell(
          new NodeEvent.Warning(
              Code.FORGED_GROUP_MESSAGE,
              "a message to #"
                  + g.name
                  + " claiming to be from "
                  + text.sender()
                  + " came from "
                  + link.peerName()
                  + "; not shown"));
      return;
    }
    if (!g.isJoined(text.sender())) {
      // Perhaps a member we have not heard of yet: hold it, and ask the others for their lists.
      g.held.add(new Group.Held(text));
      if (g.held.size() > MAX_HELD) {
        g.held.remove(0);
      }
      if (!g.syncRequested) {
        g.syncRequested = true;
        book.sendMembers(g);
      }
      return;
    }
    show(g, text);
  }

  private void show(Group g, GroupText text) {
    long gap = g.sender(text.sender()).accept(text.seq(), text.messageId());
    if (gap == SenderState.DUPLICATE) {
      return;
    }
    book.save(g);
    if (gap > 0) {
      book.tell(new NodeEvent.GroupGap(g.name, text.sender(), gap));
    }
    book.tell(
        new NodeEvent.GroupMessage(
            g.name, text.sender(), text.text(), Instant.ofEpochMilli(text.sentAtMillis())));
  }

  /** Shows the held texts of senders now known to be members. */
  private void releaseHeld(Group g) {
    for (Iterator<Group.Held> it = g.held.iterator(); it.hasNext(); ) {
      GroupText text = it.next().text();
      if (g.isJoined(text.sender())) {
        it.remove();
        show(g, text);
      }
    }
  }

  /**
   * Whether the group and member names in {@code message} are user names (they go into files and
   * onto screens); logs and drops the message if not.
   */
  private static boolean wellNamed(GroupMessage message, PeerLink from) {
    List<String> names =
        switch (message) {
          case GroupInvite m -> withMembers(m.groupName(), m.members());
          case GroupMembers m -> withMembers(m.groupName(), m.members());
          case GroupText m -> List.of(m.sender());
          case GroupAnswer m -> List.of();
          case GroupRefused m -> List.of();
        };
    boolean ok = names.stream().allMatch(n -> Group.NAME.matcher(n).matches());
    if (!ok) {
      LOG.info("ignored a group message with a malformed name from {}", from);
    }
    return ok;
  }

  private static List<String> withMembers(String group, List<GroupMember> members) {
    List<String> names = new ArrayList<>();
    names.add(group);
    members.forEach(m -> names.add(m.name()));
    return names;
  }
}
