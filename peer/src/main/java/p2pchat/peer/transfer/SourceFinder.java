package p2pchat.peer.transfer;

import java.io.IOException;
import java.util.List;
import p2pchat.protocol.message.FileHash;

/**
 * Finds who can serve a file now: a node asks the registry (the owner's address, and who else
 * shares the same content); tests give a fixed list.
 */
@FunctionalInterface
public interface SourceFinder {
  /**
   * The online sources of content {@code sha256}, {@code owner} (who published it as {@code path})
   * first when online; empty when nobody is. Throws when it cannot tell (the registry is away).
   */
  List<Source> find(FileHash sha256, String owner, String path) throws IOException;
}
