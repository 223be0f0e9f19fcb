package p2pchat.peer.transfer.serve;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import p2pchat.protocol.identity.PeerId;

/**
 * Decides whether the dialer of a file-transfer connection may be the user it claims to be, by the
 * same rules as for chat links: a node asks the registry ({@code CheckPeer}), a serverless node
 * looks in its friends list.
 */
@FunctionalInterface
public interface TransferAuthorizer {
  /**
   * Completes normally to accept {@code peerId} as {@code claimedName}, exceptionally (with a
   * sentence that names {@code remote}) to refuse.
   */
  CompletableFuture<Void> authorize(String claimedName, PeerId peerId, String remote);

  /** Accepts exactly the users of {@code friends} (name to PeerId, names in any case). */
  static TransferAuthorizer friends(Map<String, PeerId> friends) {
    Map<String, PeerId> byKey =
        friends.entrySet().stream()
            .collect(
                java.util.stream.Collectors.toUnmodifiableMap(
                    e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
    return (name, peerId, remote) -> {
      PeerId known = byKey.get(name.toLowerCase(Locale.ROOT));
      if (peerId != null && peerId.equals(known)) {
        return CompletableFuture.completedFuture(null);
      }
      return CompletableFuture.failedFuture(
          new IllegalArgumentException(
              "refused a file request from "
                  + remote
                  + " claiming to be "
                  + name
                  + ": "
                  + (known == null
                      ? "no friend has that name"
                      : "it presented PeerId " + peerId + ", not " + name + "'s")));
    };
  }
}
