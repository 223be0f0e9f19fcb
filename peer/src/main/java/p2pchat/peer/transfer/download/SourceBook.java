package p2pchat.peer.transfer.download;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import p2pchat.peer.transfer.Source;
import p2pchat.peer.transfer.TransferException;
import p2pchat.peer.transfer.TransferInfo;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.ErrorCode;

/**
 * What a download knows of its sources: the connected ones (their workers), who is being dialed,
 * who lied (never asked again), who refused and who could not be reached (both asked again at the
 * next retry), the last refusal in words, and the bytes each sent; and from that, whom to dial next
 * and what to do when nobody is left. Guarded by the download's lock.
 */
final class SourceBook {
  /** What a download with no source connected or being dialed does, and why, in a sentence. */
  sealed interface Verdict {
    /** The download fails. */
    record Fail(String why) implements Verdict {}

    /** The download waits and looks again later. */
    record Wait(String why) implements Verdict {}
  }

  private final String fileName;
  private final List<SourceWorker> workers = new ArrayList<>();
  private final Set<PeerId> connecting = new HashSet<>();
  private final Set<PeerId> liars = new HashSet<>();
  private final Set<PeerId> refused = new HashSet<>(); // said the file is not (or no longer) there
  private final Set<PeerId> unreachable = new HashSet<>(); // until the next retry
  private final Map<String, Long> bytesBySource = new LinkedHashMap<>();
  private String lastRefusal;

  /** The sources of the file {@code fileName}, as its sentences name it. */
  SourceBook(String fileName) {
    this.fileName = fileName;
  }

  /** The connected sources' workers, in the order they connected. */
  List<SourceWorker> workers() {
    return workers;
  }

  /** Whether no source is connected and none is being dialed. */
  boolean noneLeft() {
    return workers.isEmpty() && connecting.isEmpty();
  }

  /** How many sources are connected or being dialed. */
  int inUse() {
    return workers.size() + connecting.size();
  }

  /** The peers being dialed, for logs. */
  Set<PeerId> connecting() {
    return Set.copyOf(connecting);
  }

  /**
   * Which of {@code found} to dial now: neither connected nor being dialed already, not ruled out,
   * and no more than make {@code maxSources} in use. They count as being dialed from now on.
   */
  List<Source> toDial(List<Source> found, int maxSources) {
    Set<PeerId> busy = new HashSet<>(connecting);
    workers.forEach(w -> busy.add(w.source.peerId()));
    int room = maxSources - busy.size();
    List<Source> dial = new ArrayList<>();
    for (Source source : found) {
      PeerId peer = source.peerId();
      if (room <= 0) {
        break;
      }
      if (busy.contains(peer) || !usable(peer)) {
        continue;
      }
      busy.add(peer);
      connecting.add(peer);
      room--;
      dial.add(source);
    }
    return dial;
  }

  /**
   * What to do when no source is connected or being dialed, after a look that found {@code found};
   * {@code started} if a manifest came already (the download has progress).
   */
  Verdict verdict(List<Source> found, boolean started) {
    boolean allRefused =
        !found.isEmpty()
            && found.stream()
                .allMatch(s -> refused.contains(s.peerId()) || liars.contains(s.peerId()));
    // A download that never started fails with the source's sentence; one with progress waits
    // (the source may be back in a moment, sharing again), and refused sources are asked again.
    if (allRefused && !started) {
      return new Verdict.Fail(lastRefusal != null ? lastRefusal : "every source sent bad data");
    }
    return new Verdict.Wait(
        found.isEmpty()
            ? "nobody who shares it is online"
            : allRefused && lastRefusal != null
                ? lastRefusal
                : "no source that shares it can be reached");
  }

  private boolean usable(PeerId peer) {
    return !liars.contains(peer) && !refused.contains(peer) && !unreachable.contains(peer);
  }

  /** {@code peer} is no longer being dialed: it connected, or failed. */
  void dialed(PeerId peer) {
    connecting.remove(peer);
  }

  /**
   * {@code source} sent chunk {@code index} with the wrong hash: never asked again for this file.
   * Returns the sentence that tells the user.
   */
  String lied(Source source, int index) {
    liars.add(source.peerId());
    return source.name()
        + " sent chunk "
        + index
        + " of "
        + fileName
        + " with the wrong SHA-256 (it does not match its own manifest); the chunk is"
        + " fetched again from another source and "
        + source.name()
        + " is not used again for this file";
  }

  /** Dialing {@code source} or asking for its manifest failed with {@code cause}. */
  void failed(Source source, Throwable cause) {
    if (cause instanceof TransferException t && definitive(t.code())) {
      refused(source, source.name() + " cannot send " + fileName + ": " + cause.getMessage());
    } else {
      unreachable(source);
    }
  }

  /** {@code source} refused or stopped the transfer with {@code code}, {@code text} saying why. */
  void stopped(Source source, ErrorCode code, String text) {
    if (definitive(code)) {
      refused(source, source.name() + " cannot send " + fileName + " any more: " + text);
    }
  }

  /** {@code source}'s manifest is of other content than asked for, published as {@code path}. */
  void sharesOther(Source source, String path) {
    refused(source, source.name() + " now shares other content as " + path);
  }

  /** Whether a source's refusal means it will not have this content when asked again. */
  private static boolean definitive(ErrorCode code) {
    return code == ErrorCode.NO_SUCH_FILE
        || code == ErrorCode.PATH_REFUSED
        || code == ErrorCode.FILE_CHANGED;
  }

  private void refused(Source source, String why) {
    refused.add(source.peerId());
    lastRefusal = why;
  }

  /** {@code source} is refused without a sentence for the user. */
  void refusedQuietly(Source source) {
    refused.add(source.peerId());
  }

  void unreachable(Source source) {
    unreachable.add(source.peerId());
  }

  /** The download waits: the next look asks the refused and unreachable ones again. */
  void forgetFailures() {
    unreachable.clear();
    refused.clear();
  }

  /** {@code worker}'s source is connected: it appears among the bytes by source. */
  void connected(SourceWorker worker) {
    workers.add(worker);
    bytesBySource.putIfAbsent(worker.source.name(), 0L);
  }

  /** {@code worker} is retired and idle. */
  void removed(SourceWorker worker) {
    workers.remove(worker);
  }

  /** Every chunk is here: tells each connected source that the transfer is over. */
  void allReceived() {
    for (SourceWorker w : workers) {
      w.connection.closeTransfer(SourceWorker.TRANSFER_ID);
    }
  }

  /** Stops every worker at once and forgets them: the download is over. */
  void stopAll() {
    for (SourceWorker w : List.copyOf(workers)) {
      w.stop();
    }
    workers.clear();
  }

  /** What the connected sources sent so far, for {@link TransferInfo}. */
  List<TransferInfo.SourceInfo> infos() {
    List<TransferInfo.SourceInfo> infos = new ArrayList<>();
    for (SourceWorker w : workers) {
      infos.add(new TransferInfo.SourceInfo(w.source.name(), w.bytes));
    }
    return infos;
  }

  void received(Source source, int bytes) {
    bytesBySource.merge(source.name(), (long) bytes, Long::sum);
  }

  /** Bytes each source sent, including those no longer in use. */
  Map<String, Long> bytesBySource() {
    return Map.copyOf(bytesBySource);
  }
}
