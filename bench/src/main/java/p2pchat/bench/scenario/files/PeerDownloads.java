package p2pchat.bench.scenario.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import p2pchat.peer.share.IndexedFile;
import p2pchat.peer.transfer.Source;
import p2pchat.peer.transfer.TransferEvent;
import p2pchat.peer.transfer.TransferInfo;
import p2pchat.peer.transfer.download.Downloads;
import p2pchat.protocol.identity.PeerId;

/**
 * p2pchat downloads of one shared file over loopback: up to three peers share the folder that holds
 * it, and a fourth downloads it through the node's transfer engine (mutual TLS 1.3, chunks verified
 * against their hashes as they arrive, the whole-file SHA-256 checked before the file counts as
 * done) from one, two or three of them at once. All four run in this JVM, on the same cores.
 */
public final class PeerDownloads implements AutoCloseable {
  /** One download: its rate and how many bytes each source sent. */
  public record Run(int sources, double megabytesPerSecond, Map<String, Long> bytesBySource) {}

  private static final Duration LIMIT = Duration.ofMinutes(10);
  private static final String[] SOURCE_NAMES = {"alice", "carol", "dave"};

  private final List<TransferPeer> sources = new ArrayList<>();
  private final TransferPeer downloader;
  private final Path downloadsDir;
  private final Map<Integer, CompletableFuture<TransferEvent>> outcomes = new ConcurrentHashMap<>();
  private volatile List<Source> offered = List.of();
  private IndexedFile file;

  /** Peers with their homes under {@code dir}; nothing is shared yet. */
  public PeerDownloads(Path dir) throws Exception {
    Map<String, PeerId> everyone = new HashMap<>();
    for (String name : SOURCE_NAMES) {
      TransferPeer peer = new TransferPeer(name, dir.resolve(name));
      sources.add(peer);
      everyone.put(name, peer.identity.peerId());
    }
    downloader = new TransferPeer("bob", dir.resolve("bob"));
    everyone.put("bob", downloader.identity.peerId());
    for (TransferPeer peer : sources) {
      peer.listen(everyone);
    }
    downloadsDir = dir.resolve("downloads");
  }

  /**
   * Has every source share {@code folder} (each indexes it: chunk hashes and the whole-file hash)
   * and returns how long the first took.
   */
  public Duration share(Path folder, String fileName) throws Exception {
    String path = folder.getFileName() + "/" + fileName;
    long t0 = System.nanoTime();
    file = sources.getFirst().share(folder, path);
    Duration first = Duration.ofNanos(System.nanoTime() - t0);
    for (TransferPeer peer : sources.subList(1, sources.size())) {
      IndexedFile same = peer.share(folder, path);
      if (!same.sha256().equals(file.sha256())) {
        throw new IllegalStateException(peer.name + " indexed other content");
      }
    }
    return first;
  }

  /** The whole-file SHA-256 the sources published, as hex. */
  public String sha256() {
    return file.sha256().toString();
  }

  /** Downloads the shared file from the first {@code count} sources; deletes it afterwards. */
  public Run download(int count) throws Exception {
    offered = sources.subList(0, count).stream().map(p -> p.source(file.publishedPath())).toList();
    Downloads downloads = downloader.downloads((sha256, owner, path) -> offered, this::event);
    long t0 = System.nanoTime();
    TransferInfo started =
        downloads.start("alice", file.publishedPath(), file.sha256(), file.size(), downloadsDir);
    TransferEvent outcome = outcome(started.id()).get(LIMIT.toSeconds(), TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (!(outcome instanceof TransferEvent.Finished done)) {
      throw new IllegalStateException("the download did not finish: " + outcome);
    }
    if (!done.info().sha256().equals(file.sha256()) || Files.size(done.file()) != file.size()) {
      throw new IllegalStateException("the download finished with other content: " + done);
    }
    Map<String, Long> split = downloads.bytesBySource(started.id());
    Files.delete(done.file());
    return new Run(count, file.size() / seconds / 1e6, split);
  }

  private CompletableFuture<TransferEvent> outcome(int id) {
    return outcomes.computeIfAbsent(id, k -> new CompletableFuture<>());
  }

  private void event(TransferEvent event) {
    if (event instanceof TransferEvent.Finished || event instanceof TransferEvent.Failed) {
      outcome(event.info().id()).complete(event);
    } else if (event instanceof TransferEvent.BadSource bad) {
      outcome(event.info().id())
          .completeExceptionally(new IllegalStateException("bad source: " + bad.why()));
    }
  }

  @Override
  public void close() {
    downloader.close();
    sources.forEach(TransferPeer::close);
  }
}
