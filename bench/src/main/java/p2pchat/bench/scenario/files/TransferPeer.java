package p2pchat.bench.scenario.files;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import p2pchat.peer.profile.ProfileDatabase;
import p2pchat.peer.share.IndexedFile;
import p2pchat.peer.share.ShareGuard;
import p2pchat.peer.share.ShareIndex;
import p2pchat.peer.transfer.Source;
import p2pchat.peer.transfer.SourceFinder;
import p2pchat.peer.transfer.TransferEvent;
import p2pchat.peer.transfer.TransferNetwork;
import p2pchat.peer.transfer.TransferSettings;
import p2pchat.peer.transfer.download.Downloads;
import p2pchat.peer.transfer.serve.FileServer;
import p2pchat.peer.transfer.serve.TransferAuthorizer;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;

/**
 * One peer's file-sharing half, as a node runs it: its profile database, share index, and a file
 * server listening with mutual TLS on 127.0.0.1, accepting the peers of a fixed table (as a
 * serverless node does; finding sources through a registry is not what this scenario measures).
 */
final class TransferPeer implements AutoCloseable {
  final String name;
  final Identity identity;
  private final ProfileDatabase db;
  private final ShareIndex index;
  private final TransferNetwork network;
  private InetSocketAddress address;
  private Downloads downloads;

  TransferPeer(String name, Path home) throws IOException {
    this.name = name;
    this.identity = Identity.generate(name);
    this.db = ProfileDatabase.open(home.resolve("profile"));
    this.index = ShareIndex.open(db, new ShareIndex.Listener() {});
    this.network = TransferNetwork.start(identity, name, TransferSettings.DEFAULTS);
  }

  /** Starts serving the users of {@code friends}. */
  void listen(Map<String, PeerId> friends) throws IOException {
    FileServer server =
        new FileServer(
            name,
            new ShareGuard(index),
            TransferAuthorizer.friends(friends),
            TransferSettings.DEFAULTS,
            new FileServer.Listener() {});
    address = network.listen(new InetSocketAddress("127.0.0.1", 0), server);
  }

  /**
   * Shares {@code dir}, waits until it is indexed, and returns the file published as {@code path}.
   */
  IndexedFile share(Path dir, String path) throws Exception {
    index.share(dir).indexed().get(10, TimeUnit.MINUTES);
    return index.find(path).orElseThrow(() -> new IllegalStateException(name + " lacks " + path));
  }

  /** This peer as a source of the file it publishes as {@code path}. */
  Source source(String path) {
    return new Source(name, address, identity.peerId(), path);
  }

  /** This peer's downloads, from what {@code finder} finds, events to {@code events}. */
  Downloads downloads(SourceFinder finder, Consumer<TransferEvent> events) {
    if (downloads == null) {
      downloads = new Downloads(db, network, finder, events);
    }
    return downloads;
  }

  @Override
  public void close() {
    if (downloads != null) {
      downloads.close();
    }
    network.close();
    index.close();
    db.close();
  }
}
