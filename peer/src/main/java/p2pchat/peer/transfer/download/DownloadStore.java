package p2pchat.peer.transfer.download;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import p2pchat.peer.profile.ProfileDatabase;
import p2pchat.protocol.message.FileHash;

/** The downloads in the profile database, so that a restarted node resumes the unfinished ones. */
final class DownloadStore {
  /** A stored download. */
  record Row(int id, Download.Request request, String status) {}

  private final ProfileDatabase db;

  DownloadStore(ProfileDatabase db) {
    this.db = db;
  }

  /** Records a new download (ACTIVE) and returns its id. */
  int add(Download.Request r) throws IOException {
    return db.run(
        "recording a download",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO download (owner, remote_path, sha256, size, target, status,"
                      + " created_at) VALUES (?, ?, ?, ?, ?, 'ACTIVE', ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, r.owner());
            s.setString(2, r.remotePath());
            s.setBytes(3, r.sha256().bytes());
            s.setLong(4, r.size());
            s.setString(5, r.target().toString());
            s.setLong(6, System.currentTimeMillis());
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
              keys.next();
              return keys.getInt(1);
            }
          }
        });
  }

  /** Sets the status (ACTIVE, DONE, FAILED, CANCELLED) and note of download {@code id}. */
  void status(int id, String status, String note) throws IOException {
    db.run(
        "updating a download",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("UPDATE download SET status = ?, note = ? WHERE id = ?")) {
            s.setString(1, status);
            s.setString(2, note);
            s.setInt(3, id);
            s.executeUpdate();
          }
          return null;
        });
  }

  /** The downloads not finished yet, oldest first. */
  List<Row> active() throws IOException {
    return db.run(
        "reading the downloads",
        c -> {
          List<Row> rows = new ArrayList<>();
          try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT id, owner, remote_path, sha256, size, target, status FROM download"
                          + " WHERE status = 'ACTIVE' ORDER BY id");
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              rows.add(
                  new Row(
                      r.getInt(1),
                      new Download.Request(
                          r.getString(2),
                          r.getString(3),
                          FileHash.of(r.getBytes(4)),
                          r.getLong(5),
                          Path.of(r.getString(6))),
                      r.getString(7)));
            }
          }
          return rows;
        });
  }
}
