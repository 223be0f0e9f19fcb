package p2pchat.peer.transfer.download;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import p2pchat.peer.transfer.Source;
import p2pchat.protocol.identity.PeerId;

/**
 * What a download knows of its sources besides the connected ones: who is being dialed, who lied
 * (never asked again), who refused and who could not be reached (both asked again at the next
 * retry), the last refusal in words, and the bytes each sent. Guarded by the download's lock.
 */
final class SourceBook {
  private final Set<PeerId> connecting = new HashSet<>();
  private final Set<PeerId> liars = new HashSet<>();
  private final Set<PeerId> refused = new HashSet<>(); // said the file is not (or no longer) there
  private final Set<PeerId> unreachable = new HashSet<>(); // until the next retry
  private final Map<String, Long> bytesBySource = new LinkedHashMap<>();
  private String lastRefusal;

  /** Whether a source is being dialed. */
  boolean anyConnecting() {
    return !connecting.isEmpty();
  }

  /** How many sources are being dialed. */
  int connectingCount() {
    return connecting.size();
  }

  /** The peers being dialed, for logs. */
  Set<PeerId> connecting() {
    return Set.copyOf(connecting);
  }

  /** Those being dialed and those connected: not to be dialed again. */
  Set<PeerId> busy(Collection<SourceWorker> workers) {
    Set<PeerId> busy = new HashSet<>(connecting);
    workers.forEach(w -> busy.add(w.source.peerId()));
    return busy;
  }

  /** Whether {@code peer} may be asked now. */
  boolean usable(PeerId peer) {
    return !liars.contains(peer) && !refused.contains(peer) && !unreachable.contains(peer);
  }

  /** Whether every one of {@code found} refused or lied. */
  boolean allRefused(List<Source> found) {
    return !found.isEmpty()
        && found.stream().allMatch(s -> refused.contains(s.peerId()) || liars.contains(s.peerId()));
  }

  void dialing(PeerId peer) {
    connecting.add(peer);
  }

  void dialed(PeerId peer) {
    connecting.remove(peer);
  }

  /** {@code source} sent a bad chunk: never asked again for this file. */
  void lied(Source source) {
    liars.add(source.peerId());
  }

  /** {@code source} cannot send the file; {@code why} says so in a sentence. */
  void refused(Source source, String why) {
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

  /** The last refusal in words, or null. */
  String lastRefusal() {
    return lastRefusal;
  }

  /** {@code source} is connected: it appears among the bytes by source. */
  void connected(Source source) {
    bytesBySource.putIfAbsent(source.name(), 0L);
  }

  void received(Source source, int bytes) {
    bytesBySource.merge(source.name(), (long) bytes, Long::sum);
  }

  /** Bytes each source sent, including those no longer in use. */
  Map<String, Long> bytesBySource() {
    return Map.copyOf(bytesBySource);
  }
}
