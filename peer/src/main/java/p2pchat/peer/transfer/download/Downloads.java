package p2pchat.peer.transfer.download;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.peer.profile.ProfileDatabase;
import p2pchat.peer.transfer.SourceFinder;
import p2pchat.peer.transfer.TransferEvent;
import p2pchat.peer.transfer.TransferInfo;
import p2pchat.peer.transfer.TransferNetwork;
import p2pchat.protocol.message.FileHash;

/**
 * The node's downloads: starts them, lists them, cancels them, and resumes the unfinished ones of
 * an earlier run (they are recorded in the profile database; the verified chunks in a state file
 * next to each partial file). Downloads that wait for a source look again by themselves, with
 * growing pauses, and at once when {@link #retryWaiting} says someone came online.
 */
public final class Downloads implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Downloads.class);

  private final DownloadStore store;
  private final TransferNetwork network;
  private final SourceFinder finder;
  private final Consumer<TransferEvent> events;
  private final ScheduledExecutorService timers;
  private final Map<Integer, Download> downloads = new ConcurrentHashMap<>();
  private final Map<Integer, TransferInfo> ended = new ConcurrentHashMap<>();
  private final Map<Integer, Map<String, Long>> endedBytes = new ConcurrentHashMap<>();

  /**
   * Downloads recorded in {@code db}, fetched over {@code network} from what {@code finder} finds.
   */
  public Downloads(
      ProfileDatabase db,
      TransferNetwork network,
      SourceFinder finder,
      Consumer<TransferEvent> events) {
    this.store = new DownloadStore(db);
    this.network = network;
    this.finder = finder;
    this.events = events;
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("download-timers").daemon().factory());
  }

  /**
   * Starts downloading the file {@code owner} publishes as {@code remotePath} (content {@code
   * sha256}, {@code size} bytes) into the folder {@code toDir}, under the file's own name (numbered
   * if that name is taken). Progress and the outcome arrive as events.
   */
  public TransferInfo start(String owner, String remotePath, FileHash sha256, long size, Path toDir)
      throws IOException {
    Files.createDirectories(toDir);
    if (!Files.isWritable(toDir)) {
      throw new IOException("cannot write to " + toDir);
    }
    Path target;
    synchronized (this) {
      target = freeName(toDir.resolve(localName(remotePath)));
      Download.Request request = new Download.Request(owner, remotePath, sha256, size, target);
      int id = store.add(request);
      Download download = create(id, request);
      downloads.put(id, download);
      download.start();
      return download.info();
    }
  }

  /** Resumes the downloads an earlier run left unfinished; returns them. */
  public List<TransferInfo> resumeAll() throws IOException {
    List<TransferInfo> resumed = new ArrayList<>();
    for (DownloadStore.Row row : store.active()) {
      if (downloads.containsKey(row.id())) {
        continue;
      }
      Download download = create(row.id(), row.request());
      downloads.put(row.id(), download);
      download.start();
      resumed.add(download.info());
    }
    return resumed;
  }

  /** Tells the waiting downloads to look for sources now (someone came online). */
  public void retryWaiting() {
    downloads.values().forEach(Download::retryNow);
  }

  /**
   * What a cancel found: the download as it stands afterwards, and whether it was over (done,
   * failed or cancelled) before, so that the cancel changed nothing.
   */
  public record Cancel(TransferInfo info, boolean wasOver) {}

  /**
   * Cancels download {@code id}, removing its partial file; empty if there is no such download in
   * {@link #list}. One that is over already stays as it is.
   */
  public Optional<Cancel> cancel(int id) {
    Download download = downloads.get(id);
    if (download == null) {
      return Optional.ofNullable(ended.get(id)).map(info -> new Cancel(info, true));
    }
    boolean wasOver = download.info().finished();
    if (!wasOver) {
      download.cancel();
    }
    TransferInfo after = download.info();
    // It may have finished or failed on its own between the look and the cancel.
    return Optional.of(
        new Cancel(after, wasOver || after.status() != TransferInfo.Status.CANCELLED));
  }

  /** Every download of this run and the unfinished ones resumed, by id. */
  public List<TransferInfo> list() {
    List<TransferInfo> all = new ArrayList<>(ended.values());
    downloads.values().forEach(d -> all.add(d.info()));
    all.sort(Comparator.comparingInt(TransferInfo::id));
    return all;
  }

  /** Download {@code id} as it stands. */
  public Optional<TransferInfo> info(int id) {
    Download d = downloads.get(id);
    if (d != null) {
      return Optional.of(d.info());
    }
    return Optional.ofNullable(ended.get(id));
  }

  /** The bytes each source sent to download {@code id} in this run (for reports and tests). */
  public Map<String, Long> bytesBySource(int id) {
    Download d = downloads.get(id);
    return d == null ? endedBytes.getOrDefault(id, Map.of()) : d.bytesBySource();
  }

  private Download create(int id, Download.Request request) {
    return new Download(
        id,
        request,
        network,
        finder,
        timers,
        new Download.Listener() {
          @Override
          public void event(TransferEvent event) {
            events.accept(event);
          }

          @Override
          public void ended(Download download) {
            TransferInfo info = download.info();
            try {
              store.status(id, info.status().name(), info.note());
            } catch (IOException e) {
              LOG.warn("cannot record the end of download {}: {}", id, e.getMessage());
            }
            endedBytes.put(id, download.bytesBySource());
            ended.put(id, info);
            downloads.remove(id, download);
          }
        });
  }

  /** The local name for a file published as {@code remotePath}: its last part, made safe. */
  static String localName(String remotePath) {
    String name = remotePath.substring(remotePath.lastIndexOf('/') + 1);
    // Characters some file systems refuse; the wire rules already exclude / \ and controls.
    name = name.replaceAll("[:*?\"<>|]", "_");
    return name.isEmpty() || name.startsWith(".") ? "download" + name : name;
  }

  private Path freeName(Path wanted) {
    Path candidate = wanted;
    for (int n = 2; taken(candidate); n++) {
      candidate = numbered(wanted, n);
    }
    return candidate;
  }

  private boolean taken(Path candidate) {
    if (Files.exists(candidate)
        || Files.exists(DownloadState.partialOf(candidate))
        || Files.exists(DownloadState.stateOf(candidate))) {
      return true;
    }
    return downloads.values().stream().anyMatch(d -> d.request().target().equals(candidate));
  }

  /** {@code name (n).ext} next to {@code target}. */
  static Path numbered(Path target, int n) {
    String name = target.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String numbered =
        dot > 0
            ? name.substring(0, dot) + " (" + n + ")" + name.substring(dot)
            : name + " (" + n + ")";
    return target.resolveSibling(numbered);
  }

  /**
   * Stops every download at once, leaving partial files and state as they are: the next run resumes
   * them.
   */
  @Override
  public void close() {
    downloads.values().forEach(Download::stop);
    downloads.clear();
    timers.shutdownNow();
  }
}
