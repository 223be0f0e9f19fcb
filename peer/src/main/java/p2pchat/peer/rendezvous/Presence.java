package p2pchat.peer.rendezvous;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.NodeEvent.Code;
import p2pchat.protocol.message.PeerInfo;
import p2pchat.protocol.message.RegistryMessage.PresenceChange;
import p2pchat.registry.client.LoginResult;
import p2pchat.registry.client.RegistryException;

/**
 * Who is online, as last heard from the registry: the list a login brings, kept up to date by
 * presence changes, and asked for again on refresh.
 */
final class Presence {
  private final Map<String, PeerInfo> online = new ConcurrentHashMap<>();
  private final Consumer<NodeEvent> events;
  private final Consumer<String> cameOnline;
  private volatile String observed = "-";

  /** Reports to {@code events}; {@code cameOnline} hears each user who comes online. */
  Presence(Consumer<NodeEvent> events, Consumer<String> cameOnline) {
    this.events = events;
    this.cameOnline = cameOnline;
  }

  /** Logged in: {@code result} holds everyone else online. */
  void loggedIn(LoginResult result) {
    online.clear();
    result.online().forEach(p -> online.put(key(p.name()), p));
    observed = result.observedHost() + ":" + result.observedPort();
  }

  /** The address the registry sees this node at ("-" before a login). */
  String observed() {
    return observed;
  }

  void changed(PresenceChange change) {
    PeerInfo peer = change.peer();
    if (change.change() == PresenceChange.Change.JOINED) {
      online.put(key(peer.name()), peer);
      events.accept(new NodeEvent.UserJoined(peer));
      cameOnline.accept(peer.name());
    } else {
      online.remove(key(peer.name()));
      events.accept(new NodeEvent.UserLeft(peer, change.reason(), change.note()));
    }
  }

  /** Asks {@code registry} for the list again and tells it as a {@link NodeEvent.Users}. */
  void refresh(RegistrySession registry) {
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                List<PeerInfo> list = registry.client().online();
                online.clear();
                list.forEach(p -> online.put(key(p.name()), p));
                events.accept(new NodeEvent.Users(sorted()));
              } catch (RegistryException e) {
                events.accept(
                    new NodeEvent.Failed(
                        Code.REGISTRY_ERROR, "cannot refresh the online list: " + e.getMessage()));
              }
            });
  }

  /** Everyone else online, sorted by name. */
  List<PeerInfo> sorted() {
    List<PeerInfo> list = new ArrayList<>(online.values());
    list.sort(Comparator.comparing(p -> key(p.name())));
    return list;
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
