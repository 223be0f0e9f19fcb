package p2pchat.peer;

import io.netty.channel.ChannelHandler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.peer.NodeEvent.Code;
import p2pchat.peer.net.LinkListener;
import p2pchat.peer.net.PeerLink;
import p2pchat.peer.profile.Profile;
import p2pchat.peer.profile.ProfileDatabase;
import p2pchat.peer.rendezvous.Rendezvous;
import p2pchat.peer.share.ShareException;
import p2pchat.peer.share.ShareGuard;
import p2pchat.peer.share.ShareIndex;
import p2pchat.peer.transfer.TransferEvent;
import p2pchat.peer.transfer.TransferInfo;
import p2pchat.peer.transfer.TransferNetwork;
import p2pchat.peer.transfer.TransferSettings;
import p2pchat.peer.transfer.download.Downloads;
import p2pchat.peer.transfer.serve.FileServer;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.FileIndexMessage.SharedFile;
import p2pchat.protocol.message.PeerMessage;

/**
 * The node's file sharing: the shared folders and their index (published to the rendezvous whenever
 * it changes and at every login), the file server behind the node's listening port (it checks
 * requesters with the same directory as chat links), and downloads (sources found through the
 * rendezvous, unfinished ones resumed after a restart and whenever someone comes online).
 */
final class NodeFiles implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeFiles.class);

  private final Consumer<NodeEvent> events;
  private final ProfileDatabase db;
  private final ShareIndex index;
  private final FileServer server;
  private final TransferNetwork network;
  private final Downloads downloads;
  private final Rendezvous rendezvous;
  private boolean resumed; // guarded by this

  private NodeFiles(
      String me,
      Profile profile,
      Rendezvous rendezvous,
      LinkListener links,
      Consumer<NodeEvent> events)
      throws IOException {
    this.events = events;
    this.rendezvous = rendezvous;
    this.db = ProfileDatabase.open(profile.dir());
    try {
      this.index =
          ShareIndex.open(
              db,
              new ShareIndex.Listener() {
                @Override
                public void listChanged() {
                  rendezvous.publishSoon(NodeFiles.this::publishedFiles);
                }

                @Override
                public void folderLost(ShareIndex.SharedFolder folder, String why) {
                  events.accept(
                      new NodeEvent.Warning(
                          Code.SHARE_LOST,
                          "no longer sharing " + folder.path() + ": " + why + "; /share it again"));
                }
              });
      TransferSettings settings = TransferSettings.DEFAULTS;
      this.server =
          new FileServer(
              me,
              new ShareGuard(index),
              links::verify,
              settings,
              new FileServer.Listener() {
                @Override
                public void refused(String requester, String why) {
                  LOG.debug("refused {}: {}", requester, why);
                }
              });
      this.network = TransferNetwork.start(profile.identity(), me, settings);
      this.downloads =
          new Downloads(db, network, new FileSources(me, profile, rendezvous), this::transferEvent);
    } catch (IOException | RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** What the publisher publishes; it asks only once the index is open and has changed. */
  private List<SharedFile> publishedFiles() {
    return index.published();
  }

  /** Opens the file sharing of the node {@code me}; throws a sentence if the profile cannot. */
  static NodeFiles start(
      String me,
      Profile profile,
      Rendezvous rendezvous,
      LinkListener links,
      Consumer<NodeEvent> events)
      throws NodeException {
    try {
      NodeFiles files = new NodeFiles(me, profile, rendezvous, links, events);
      for (ShareIndex.Sharing sharing :
          files.index.restore(
              problem -> events.accept(new NodeEvent.Warning(Code.SHARE_PROBLEM, problem)))) {
        files.announce(sharing, sharing.folder().path());
      }
      return files;
    } catch (IOException e) {
      throw new NodeException("cannot open the file index: " + e.getMessage(), e);
    }
  }

  /**
   * {@code links} for the node's listener, handing the connections that open as file transfers to
   * {@code files}.
   */
  static LinkListener serving(LinkListener links, NodeFiles files) {
    return new LinkListener() {
      @Override
      public CompletableFuture<Void> verify(String claimedName, PeerId peerId, String remote) {
        return links.verify(claimedName, peerId, remote);
      }

      @Override
      public void linkUp(PeerLink link) {
        links.linkUp(link);
      }

      @Override
      public void received(PeerLink link, PeerMessage message) {
        links.received(link, message);
      }

      @Override
      public void linkDown(PeerLink link) {
        links.linkDown(link);
      }

      @Override
      public void refused(String text) {
        links.refused(text);
      }

      @Override
      public Optional<ChannelHandler> fileConnection() {
        return Optional.of(files.fileConnection());
      }
    };
  }

  /** The handler that serves a file-transfer connection arriving on the node's port. */
  ChannelHandler fileConnection() {
    return server.handoffHandler();
  }

  // ---- events from the node ----

  /**
   * A session began (a login, or a serverless start): the new session's list starts empty, so
   * publish; resume downloads once.
   */
  void online() {
    if (!index.published().isEmpty()) {
      rendezvous.publishSoon(this::publishedFiles);
    }
    boolean first;
    synchronized (this) {
      first = !resumed;
      resumed = true;
    }
    if (first) {
      Thread.ofVirtual().name("resume-downloads").start(this::resume);
    } else {
      downloads.retryWaiting();
    }
  }

  /** Someone came online: a waiting download may find its source now. */
  void someoneOnline() {
    downloads.retryWaiting();
  }

  private void resume() {
    try {
      for (TransferInfo t : downloads.resumeAll()) {
        events.accept(
            new NodeEvent.Notice(
                Code.TRANSFER_RESUMED,
                "resuming transfer #" + t.id() + ": " + t.name() + " from " + t.owner()));
      }
    } catch (IOException e) {
      events.accept(
          new NodeEvent.Failed(
              Code.DOWNLOAD_FAILED, "cannot resume the downloads: " + e.getMessage()));
    }
  }

  // ---- commands ----

  /** Shares {@code dir}; tells the user when it is indexed, or why it cannot be shared. */
  void share(Path dir) {
    ShareIndex.Sharing sharing;
    try {
      sharing = index.share(dir);
    } catch (ShareException e) {
      events.accept(new NodeEvent.Failed(Code.SHARE_FAILED, e.getMessage()));
      return;
    }
    events.accept(
        new NodeEvent.Notice(
            Code.INDEXING,
            "indexing "
                + sharing.folder().path()
                + " (shared as "
                + sharing.folder().label()
                + "/...)"));
    announce(sharing, dir);
  }

  /** Tells the user when {@code sharing}'s folder is indexed, and what it holds. */
  private void announce(ShareIndex.Sharing sharing, Path dir) {
    sharing
        .indexed()
        .whenComplete(
            (stats, error) -> {
              if (error != null) {
                events.accept(
                    new NodeEvent.Failed(
                        Code.SHARE_FAILED, "cannot index " + dir + ": " + error.getMessage()));
                return;
              }
              events.accept(
                  new NodeEvent.Notice(
                      Code.SHARING,
                      "sharing "
                          + sharing.folder().path()
                          + " as "
                          + sharing.folder().label()
                          + ": "
                          + stats.files()
                          + (stats.files() == 1 ? " file, " : " files, ")
                          + Sizes.bytes(stats.bytes())
                          + " ("
                          + stats.hashed()
                          + " hashed, "
                          + (stats.files() - stats.hashed())
                          + " unchanged since last time"
                          + (stats.skipped() > 0
                              ? ", " + stats.skipped() + " links or special files skipped"
                              : "")
                          + ")"));
            });
  }

  /** Stops sharing {@code dirOrLabel}. */
  void unshare(String dirOrLabel) {
    if (index.unshare(dirOrLabel)) {
      events.accept(new NodeEvent.Notice(Code.UNSHARED, "no longer sharing " + dirOrLabel));
    } else {
      events.accept(new NodeEvent.Failed(Code.NOT_SHARED, dirOrLabel + " is not shared"));
    }
  }

  /** The folders shared now. */
  List<ShareIndex.SharedFolder> shares() {
    return index.folders();
  }

  /** Lists the files of {@code owner}, or with an empty owner everyone's; answered by an event. */
  void list(String owner) {
    rendezvous.listFiles(owner);
  }

  /** Searches everyone's files for {@code text}; answered by an event. */
  void search(String text) {
    rendezvous.searchFiles(text);
  }

  /**
   * Downloads the file {@code owner} shares as {@code path} into {@code toDir}; the outcome comes
   * as events.
   */
  void get(String owner, String path, Path toDir) {
    rendezvous.download(owner, path, toDir, downloads);
  }

  /** Every download of this run and the unfinished ones of earlier runs. */
  List<TransferInfo> transfers() {
    return downloads.list();
  }

  /** Cancels transfer {@code id}. */
  void cancel(int id) {
    Optional<Downloads.Cancel> cancel = downloads.cancel(id);
    if (cancel.isEmpty()) {
      events.accept(
          new NodeEvent.Failed(
              Code.NO_SUCH_TRANSFER, "there is no transfer #" + id + "; /transfers lists them"));
      return;
    }
    TransferInfo info = cancel.get().info();
    if (cancel.get().wasOver()) {
      events.accept(new NodeEvent.Failed(Code.TRANSFER_OVER, over(info)));
      return;
    }
    events.accept(
        new NodeEvent.Notice(
            Code.TRANSFER_CANCELLED,
            "transfer #" + id + " (" + info.name() + ") cancelled, partial file removed"));
  }

  /** Why transfer {@code info}, which is over, cannot be cancelled. */
  private static String over(TransferInfo info) {
    String which = "transfer #" + info.id() + " (" + info.name() + ")";
    return switch (info.status()) {
      case DONE -> which + " is already done: saved as " + info.target();
      case FAILED -> which + " failed already" + (info.note().isBlank() ? "" : ": " + info.note());
      default -> which + " is already cancelled";
    };
  }

  private void transferEvent(TransferEvent event) {
    events.accept(
        switch (event) {
          case TransferEvent.Started e -> new NodeEvent.TransferStarted(e.info(), e.resumed());
          case TransferEvent.Waiting e -> new NodeEvent.TransferWaiting(e.info(), e.why());
          case TransferEvent.BadSource e -> new NodeEvent.Warning(Code.BAD_SOURCE, e.why());
          case TransferEvent.Finished e -> new NodeEvent.TransferFinished(e.info(), e.file());
          case TransferEvent.Failed e -> new NodeEvent.TransferFailed(e.info(), e.why());
        });
  }

  /** Stops serving and downloading (unfinished downloads resume at the next start). */
  @Override
  public void close() {
    downloads.close();
    network.close();
    index.close();
    db.close();
  }
}
