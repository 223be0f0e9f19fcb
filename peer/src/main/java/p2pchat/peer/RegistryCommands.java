package p2pchat.peer;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.registry.client.RegistryException;

/**
 * The user's commands about the registry session (refresh the online list, visibility, logging out
 * and in again): each runs on a virtual thread of its own, since the registry may be slow or gone,
 * and tells its outcome as an event. A serverless node answers each with a failure event.
 */
final class RegistryCommands {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryCommands.class);

  private final RegistrySession registry; // null when serverless
  private final Presence presence;
  private final Consumer<NodeEvent> events;

  /** Commands on {@code registry} (null: serverless), reporting to {@code events}. */
  RegistryCommands(RegistrySession registry, Presence presence, Consumer<NodeEvent> events) {
    this.registry = registry;
    this.presence = presence;
    this.events = events;
  }

  /** Asks for the online list again; answered by a {@link NodeEvent.Users}. */
  void refresh() {
    if (!noRegistry("refresh the online list")) {
      presence.refresh(registry);
    }
  }

  /** Shows or hides this user from the online list, announcements and lookups. */
  void setVisible(boolean visible) {
    if (noRegistry("change visibility")) {
      return;
    }
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                registry.visible(visible);
                events.accept(
                    new NodeEvent.Notice(
                        visible
                            ? "you are visible"
                            : "you are invisible: others see you as offline"));
              } catch (RegistryException e) {
                events.accept(new NodeEvent.Failed("cannot change visibility: " + e.getMessage()));
              }
            });
  }

  /** Logs out; nothing logs in again until {@link #login}. */
  void logout() {
    if (noRegistry("log out")) {
      return;
    }
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                registry.logout();
              } catch (RegistryException e) {
                events.accept(new NodeEvent.Failed("logout: " + e.getMessage()));
              }
            });
  }

  /** Logs in again after a logout (or a kick). */
  void login() {
    if (noRegistry("log in")) {
      return;
    }
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                registry.login(false);
              } catch (NodeException e) {
                events.accept(new NodeEvent.Failed("cannot log in: " + e.getMessage()));
              }
            });
  }

  /** Logs out now, on this thread, if there is a registry (the node is quitting). */
  void logoutBeforeQuitting() {
    if (registry == null) {
      return;
    }
    try {
      registry.logout();
    } catch (RegistryException e) {
      LOG.debug("logout on quit: {}", e.getMessage());
    }
  }

  /** Whether this user is visible to others (always, serverless). */
  boolean visible() {
    return registry == null || registry.visible();
  }

  private boolean noRegistry(String what) {
    if (registry == null) {
      events.accept(new NodeEvent.Failed("cannot " + what + ": this node runs without a registry"));
    }
    return registry == null;
  }
}
