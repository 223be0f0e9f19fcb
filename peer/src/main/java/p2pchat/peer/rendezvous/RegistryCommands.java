package p2pchat.peer.rendezvous;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.NodeEvent.Code;
import p2pchat.peer.NodeException;
import p2pchat.registry.client.RegistryException;

/**
 * The user's commands about the registry session (refresh the online list, visibility, logging out
 * and in again): each runs on a virtual thread of its own, since the registry may be slow or gone,
 * and tells its outcome as an event.
 */
final class RegistryCommands {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryCommands.class);

  private final RegistrySession registry;
  private final Presence presence;
  private final Consumer<NodeEvent> events;

  /** Commands on {@code registry}, reporting to {@code events}. */
  RegistryCommands(RegistrySession registry, Presence presence, Consumer<NodeEvent> events) {
    this.registry = registry;
    this.presence = presence;
    this.events = events;
  }

  /** Asks for the online list again; answered by a {@link NodeEvent.Users}. */
  void refresh() {
    presence.refresh(registry);
  }

  /** Shows or hides this user from the online list, announcements and lookups. */
  void setVisible(boolean visible) {
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                registry.visible(visible);
                events.accept(
                    new NodeEvent.Notice(
                        Code.VISIBILITY,
                        visible
                            ? "you are visible"
                            : "you are invisible: others see you as offline"));
              } catch (RegistryException e) {
                events.accept(
                    new NodeEvent.Failed(
                        Code.REGISTRY_ERROR, "cannot change visibility: " + e.getMessage()));
              }
            });
  }

  /** Logs out; nothing logs in again until {@link #login}. */
  void logout() {
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                registry.logout();
              } catch (RegistryException e) {
                events.accept(
                    new NodeEvent.Failed(Code.REGISTRY_ERROR, "logout: " + e.getMessage()));
              }
            });
  }

  /** Logs in again after a logout (or a kick). */
  void login() {
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                registry.login(false);
              } catch (NodeException e) {
                events.accept(
                    new NodeEvent.Failed(Code.REGISTRY_ERROR, "cannot log in: " + e.getMessage()));
              }
            });
  }

  /** Logs out now, on this thread (the node is quitting). */
  void logoutBeforeQuitting() {
    try {
      registry.logout();
    } catch (RegistryException e) {
      LOG.debug("logout on quit: {}", e.getMessage());
    }
  }

  /** Whether this user is visible to others. */
  boolean visible() {
    return registry.visible();
  }
}
