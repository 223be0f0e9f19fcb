package p2pchat.peer.group;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.NodeEvent.Code;
import p2pchat.protocol.message.PeerMessage.GroupMembers;

/**
 * The groups this member knows (those it is in, and those it left, kept so that a rejoin goes on
 * counting), saved to the profile on every change, and how their member lists go out. Shared by the
 * commands, the invitations and the inbox; touched only on the node's actor thread.
 */
final class GroupBook {
  private static final Logger LOG = LoggerFactory.getLogger(GroupBook.class);

  final String me;
  final Delivery delivery;
  private final GroupStore store;
  private final Consumer<NodeEvent> events;
  private final Map<UUID, Group> byId = new HashMap<>();

  /** The groups of {@code me} in {@code profileDir}, loaded now; unreadable files are warned of. */
  GroupBook(String me, Path profileDir, Delivery delivery, Consumer<NodeEvent> events) {
    this.me = me;
    this.delivery = delivery;
    this.store = new GroupStore(profileDir);
    this.events = events;
    List<String> problems = new ArrayList<>();
    for (Group g : store.loadAll(problems)) {
      byId.put(g.id, g);
    }
    problems.forEach(p -> events.accept(new NodeEvent.Warning(Code.GROUP_STORE, p)));
  }

  /** The group with {@code id}, left or not. */
  Group get(UUID id) {
    return byId.get(id);
  }

  /** The group with {@code id} if this member is in it. */
  Optional<Group> in(UUID id) {
    Group g = byId.get(id);
    return g == null || g.left ? Optional.empty() : Optional.of(g);
  }

  void put(Group g) {
    byId.put(g.id, g);
    save(g);
  }

  /** Every group, left or not. */
  Collection<Group> all() {
    return byId.values();
  }

  /** The group named {@code name} (any case) that this member is in. */
  Optional<Group> find(String name) {
    return byId.values().stream()
        .filter(g -> !g.left && Group.key(g.name).equals(Group.key(name)))
        .findFirst();
  }

  /** As {@link #find}, telling the user when there is no such group. */
  Optional<Group> named(String name) {
    Optional<Group> g = find(name);
    if (g.isEmpty()) {
      failed(Code.NO_SUCH_GROUP, "you are in no group named " + name + "; /groups lists yours");
    }
    return g;
  }

  void save(Group g) {
    try {
      store.save(g);
    } catch (IOException e) {
      LOG.warn("cannot save group {}", g.id, e);
      events.accept(
          new NodeEvent.Warning(
              Code.GROUP_STORE,
              "cannot save group #" + g.name + " in the profile: " + e.getMessage()));
    }
  }

  /** The members of {@code g} but this one. */
  List<String> others(Group g) {
    return g.joined().stream().filter(m -> !Group.key(m).equals(Group.key(me))).toList();
  }

  /** Sends {@code g}'s member list to every other member. */
  void sendMembers(Group g) {
    GroupMembers list = new GroupMembers(g.id, g.name, g.snapshot());
    others(g).forEach(member -> delivery.send(member, list));
  }

  /** Sends {@code g}'s member list to {@code member} alone. */
  void sendMembers(Group g, String member) {
    delivery.send(member, new GroupMembers(g.id, g.name, g.snapshot()));
  }

  void tell(NodeEvent event) {
    events.accept(event);
  }

  void failed(Code code, String text) {
    events.accept(new NodeEvent.Failed(code, text));
  }
}
