package p2pchat.peer.transfer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import p2pchat.peer.profile.ProfileDatabase;
import p2pchat.peer.share.ShareGuard;
import p2pchat.peer.share.ShareIndex;
import p2pchat.peer.transfer.download.Downloads;
import p2pchat.peer.transfer.serve.FileServer;
import p2pchat.peer.transfer.serve.TransferAuthorizer;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;

/**
 * A real peer for transfer tests: an identity, a profile database, a share index, and a file server
 * listening with TLS on 127.0.0.1. It remembers which chunks it served and what it refused; a test
 * may make it pause after a chunk (a slow or stopped disk), which is still real serving.
 */
public final class TestPeer implements AutoCloseable {
  public final String name;
  public final Identity identity;
  public final Path home;
  public final List<Integer> served = new CopyOnWriteArrayList<>();
  public final List<String> refusals = new CopyOnWriteArrayList<>();
  public volatile IntConsumer afterChunk = chunk -> {};
  public java.util.function.LongToIntFunction chunkSizeFor =
      p2pchat.protocol.message.Chunks::chunkSizeFor;
  private ProfileDatabase db;
  private ShareIndex index;
  private TransferNetwork network;
  private InetSocketAddress address;
  private Downloads downloads;
  public final List<TransferEvent> events = new CopyOnWriteArrayList<>();

  public TestPeer(String name, Path home) {
    this(name, Identity.generate(name), home);
  }

  public TestPeer(String name, Identity identity, Path home) {
    this.name = name;
    this.identity = identity;
    this.home = home;
  }

  /** Opens the profile and starts serving, accepting the users of {@code friends}. */
  public TestPeer start(Map<String, PeerId> friends, TransferSettings settings) throws IOException {
    db = ProfileDatabase.open(home.resolve("profile"));
    index = ShareIndex.open(db, new ShareIndex.Listener() {}, chunkSizeFor);
    network = TransferNetwork.start(identity, name, settings);
    FileServer server =
        new FileServer(
            name,
            new ShareGuard(index),
            TransferAuthorizer.friends(friends),
            settings,
            new FileServer.Listener() {
              @Override
              public void served(String requester, String path, int chunk) {
                served.add(chunk);
                afterChunk.accept(chunk);
              }

              @Override
              public void refused(String requester, String why) {
                refusals.add(requester + ": " + why);
              }
            });
    address = network.listen(new InetSocketAddress("127.0.0.1", 0), server);
    return this;
  }

  /** Shares {@code dir} and waits until it is indexed. */
  public ShareIndex.ScanStats share(Path dir) throws Exception {
    return index.share(dir).indexed().get(120, TimeUnit.SECONDS);
  }

  public ShareIndex index() {
    return index;
  }

  public TransferNetwork network() {
    return network;
  }

  /** This peer as a source of the file it publishes as {@code path}. */
  public Source source(String path) {
    return new Source(name, address, identity.peerId(), path);
  }

  /** This peer's downloads, fetching from what {@code finder} finds. */
  public Downloads downloads(SourceFinder finder) {
    if (downloads == null) {
      downloads = new Downloads(db, network, finder, events::add);
    }
    return downloads;
  }

  /** Stops the downloads at once, as a killed process would (partial files stay). */
  public void killDownloads() {
    if (downloads != null) {
      downloads.close();
      downloads = null;
    }
  }

  /** Stops serving and closes everything, as a killed process would. */
  @Override
  public void close() {
    killDownloads();
    if (network != null) {
      network.close();
      network = null;
    }
    if (index != null) {
      index.close();
      index = null;
    }
    if (db != null) {
      db.close();
      db = null;
    }
  }
}
