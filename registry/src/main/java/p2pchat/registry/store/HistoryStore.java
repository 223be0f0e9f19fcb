package p2pchat.registry.store;

import java.time.Instant;
import java.util.List;

/**
 * The requests each user's clients made, kept for the configured retention. Written in batches by
 * {@link HistoryWriter}, so that the request path never waits for the engine.
 */
public interface HistoryStore {
  /** Appends {@code records} all or none, in their order. */
  void append(List<HistoryRecord> records) throws StoreException;

  /**
   * The last {@code limit} records of {@code key} in the order they were appended, newest first.
   */
  List<HistoryRecord> recent(String key, int limit) throws StoreException;

  /** Deletes every record older than {@code before}; returns how many went. */
  int purge(Instant before) throws StoreException;
}
