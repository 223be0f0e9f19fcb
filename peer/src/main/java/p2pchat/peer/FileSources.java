package p2pchat.peer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import p2pchat.peer.net.LinkException;
import p2pchat.peer.profile.Profile;
import p2pchat.peer.rendezvous.PeerDirectory;
import p2pchat.peer.rendezvous.Rendezvous;
import p2pchat.peer.transfer.Source;
import p2pchat.peer.transfer.SourceFinder;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.FileHash;
import p2pchat.protocol.message.FileIndexMessage.FileEntry;

/**
 * Where a download finds its sources: the file's owner first, then whoever else the rendezvous says
 * has the same content, each with the address it gives and the PeerId it must present (never this
 * user).
 */
final class FileSources implements SourceFinder {
  private final String me;
  private final Profile profile;
  private final Rendezvous rendezvous;

  FileSources(String me, Profile profile, Rendezvous rendezvous) {
    this.me = me;
    this.profile = profile;
    this.rendezvous = rendezvous;
  }

  @Override
  public List<Source> find(FileHash sha256, String owner, String path) throws IOException {
    List<Source> found = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    source(owner, path).ifPresent(found::add);
    seen.add(key(owner));
    seen.add(key(me));
    try {
      for (FileEntry e : rendezvous.locateFile(sha256)) {
        if (seen.add(key(e.owner()))) {
          source(e.owner(), e.file().path()).ifPresent(found::add);
        }
      }
    } catch (IOException e) {
      if (found.isEmpty()) {
        throw e;
      }
    }
    return found;
  }

  private Optional<Source> source(String name, String path) {
    try {
      PeerDirectory.Target target = rendezvous.locate(name);
      Optional<PeerId> expected = target.expected().or(() -> profile.contacts().pinned(name));
      return expected.map(id -> new Source(name, target.address(), id, path));
    } catch (LinkException e) {
      return Optional.empty(); // offline
    }
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
