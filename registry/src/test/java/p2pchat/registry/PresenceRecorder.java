package p2pchat.registry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import p2pchat.protocol.message.RegistryMessage.PresenceChange;
import p2pchat.registry.client.RegistryListener;

/** A listener that keeps what it heard, for tests to await and inspect. */
final class PresenceRecorder implements RegistryListener {
  final List<PresenceChange> changes = new CopyOnWriteArrayList<>();
  final List<String> ended = new CopyOnWriteArrayList<>();
  volatile boolean disconnected;

  @Override
  public void presenceChanged(PresenceChange change) {
    changes.add(change);
  }

  @Override
  public void sessionEnded(
      p2pchat.protocol.message.RegistryMessage.SessionEnded.Why why, String reason) {
    ended.add(reason);
  }

  @Override
  public void disconnected() {
    disconnected = true;
  }

  /** "JOINED alice LOGIN" lines, in the order heard. */
  List<String> lines() {
    return changes.stream()
        .map(c -> c.change() + " " + c.peer().name() + " " + c.reason())
        .toList();
  }
}
