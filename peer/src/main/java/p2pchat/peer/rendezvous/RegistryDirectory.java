package p2pchat.peer.rendezvous;

import java.net.InetSocketAddress;
import java.util.Optional;
import p2pchat.peer.net.LinkException;
import p2pchat.peer.profile.Contacts;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.PeerInfo;
import p2pchat.registry.client.RegistryException;

/**
 * The registry as the directory: lookups give the address and PeerId of an online user; a PeerId
 * pinned for a contact is accepted without asking, any other is checked with the registry.
 */
final class RegistryDirectory implements PeerDirectory {
  private final RegistrySession registry;
  private final Contacts contacts;

  RegistryDirectory(RegistrySession registry, Contacts contacts) {
    this.registry = registry;
    this.contacts = contacts;
  }

  @Override
  public Target locate(String name) throws LinkException {
    PeerInfo peer;
    try {
      peer = registry.client().lookup(name);
    } catch (RegistryException e) {
      throw new LinkException(
          switch (e.code()) {
            case USER_OFFLINE -> name + " is offline";
            case UNKNOWN_USER -> "there is no user named " + name;
            default -> "cannot find " + name + ": " + e.getMessage();
          });
    }
    return new Target(
        new InetSocketAddress(peer.host(), peer.port()),
        Optional.of(peer.peerId()),
        "the registry");
  }

  @Override
  public void check(String name, PeerId peerId) throws LinkException {
    if (contacts.pinned(name).filter(peerId::equals).isPresent()) {
      return;
    }
    try {
      registry.client().checkPeer(name, peerId);
    } catch (RegistryException e) {
      throw new LinkException(
          e.code() == ErrorCode.IDENTITY_MISMATCH || e.code() == ErrorCode.UNKNOWN_USER
              ? "it presented PeerId " + peerId + ", which the registry does not hold for " + name
              : "cannot check its identity (" + e.getMessage() + ")");
    }
  }

  @Override
  public String authority() {
    return "the registry";
  }
}
