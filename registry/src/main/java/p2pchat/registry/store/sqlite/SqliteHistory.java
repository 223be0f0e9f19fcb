package p2pchat.registry.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import p2pchat.registry.store.HistoryRecord;
import p2pchat.registry.store.HistoryStore;
import p2pchat.registry.store.StoreException;

/** The request history in the SQLite file: table {@code request_log}, in the order of its ids. */
final class SqliteHistory implements HistoryStore {
  private final Database db;

  SqliteHistory(Database db) {
    this.db = db;
  }

  @Override
  public void append(List<HistoryRecord> records) throws StoreException {
    if (records.isEmpty()) {
      return;
    }
    db.transaction(
        "writing " + records.size() + " history records",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO request_log"
                      + " (at, name_key, session_id, request, arguments, outcome)"
                      + " VALUES (?, ?, ?, ?, ?, ?)")) {
            for (HistoryRecord r : records) {
              s.setLong(1, r.at().toEpochMilli());
              s.setString(2, r.key());
              s.setLong(3, r.sessionId());
              s.setString(4, r.request());
              s.setString(5, r.arguments());
              s.setString(6, r.outcome());
              s.addBatch();
            }
            s.executeBatch();
          }
          return null;
        });
  }

  @Override
  public List<HistoryRecord> recent(String key, int limit) throws StoreException {
    return db.run(
        "reading the history of " + key,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT at, session_id, request, arguments, outcome FROM request_log"
                      + " WHERE name_key = ? ORDER BY id DESC LIMIT ?")) {
            s.setString(1, key);
            s.setInt(2, limit);
            List<HistoryRecord> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                out.add(
                    new HistoryRecord(
                        Instant.ofEpochMilli(r.getLong(1)),
                        key,
                        r.getLong(2),
                        r.getString(3),
                        r.getString(4),
                        r.getString(5)));
              }
            }
            return out;
          }
        });
  }

  @Override
  public int purge(Instant before) throws StoreException {
    return db.run(
        "purging history before " + before,
        c -> {
          try (PreparedStatement s = c.prepareStatement("DELETE FROM request_log WHERE at < ?")) {
            s.setLong(1, before.toEpochMilli());
            return s.executeUpdate();
          }
        });
  }
}
