package p2pchat.peer.share;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import p2pchat.peer.profile.ProfileDatabase;
import p2pchat.protocol.message.FileHash;

/** The index cache in the profile database: what each file of a shared folder hashed to. */
final class IndexStore {
  private final ProfileDatabase db;

  IndexStore(ProfileDatabase db) {
    this.db = db;
  }

  /** The folders shared, in the order they were first shared. */
  java.util.List<Path> folders() throws IOException {
    return db.run(
        "reading the shared folders",
        c -> {
          java.util.List<Path> out = new java.util.ArrayList<>();
          try (PreparedStatement s =
                  c.prepareStatement("SELECT path FROM shared_folder ORDER BY added_at, path");
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              out.add(Path.of(r.getString(1)));
            }
          }
          return out;
        });
  }

  /** Records {@code folder} as shared. */
  void addFolder(Path folder) throws IOException {
    db.run(
        "recording a shared folder",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT OR IGNORE INTO shared_folder (path, added_at) VALUES (?, ?)")) {
            s.setString(1, folder.toString());
            s.setLong(2, System.currentTimeMillis());
            s.executeUpdate();
          }
          return null;
        });
  }

  /** Forgets that {@code folder} is shared. */
  void removeFolder(Path folder) throws IOException {
    db.run(
        "forgetting a shared folder",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM shared_folder WHERE path = ?")) {
            s.setString(1, folder.toString());
            s.executeUpdate();
          }
          return null;
        });
  }

  /** The files of {@code root} as last indexed, by relative path, published under {@code label}. */
  Map<String, IndexedFile> load(Path root, String label) throws IOException {
    return db.run(
        "reading the file index",
        c -> {
          Map<String, IndexedFile> files = new HashMap<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT path, size, modified_ns, file_key, chunk_size, sha256, chunk_hashes"
                      + " FROM indexed_file WHERE root = ?")) {
            s.setString(1, root.toString());
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                String path = r.getString(1);
                files.put(
                    path,
                    new IndexedFile(
                        label + "/" + path,
                        root,
                        path,
                        r.getLong(2),
                        r.getLong(3),
                        r.getString(4),
                        r.getInt(5),
                        FileHash.of(r.getBytes(6)),
                        ChunkHashes.packed(r.getBytes(7))));
              }
            }
          }
          return files;
        });
  }

  /** Records {@code changed} files and forgets {@code removed} paths of {@code root}, at once. */
  void save(Path root, Collection<IndexedFile> changed, Collection<String> removed)
      throws IOException {
    if (changed.isEmpty() && removed.isEmpty()) {
      return;
    }
    db.transaction(
        "saving the file index",
        c -> {
          try (PreparedStatement put =
                  c.prepareStatement(
                      "INSERT OR REPLACE INTO indexed_file (root, path, size, modified_ns,"
                          + " file_key, chunk_size, sha256, chunk_hashes, indexed_at)"
                          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
              PreparedStatement delete =
                  c.prepareStatement("DELETE FROM indexed_file WHERE root = ? AND path = ?")) {
            long now = System.currentTimeMillis();
            for (IndexedFile f : changed) {
              put.setString(1, root.toString());
              put.setString(2, f.relativePath());
              put.setLong(3, f.size());
              put.setLong(4, f.modifiedNanos());
              put.setString(5, f.fileKey());
              put.setInt(6, f.chunkSize());
              put.setBytes(7, f.sha256().bytes());
              put.setBytes(8, f.chunks().packed());
              put.setLong(9, now);
              put.addBatch();
            }
            put.executeBatch();
            for (String path : removed) {
              delete.setString(1, root.toString());
              delete.setString(2, path);
              delete.addBatch();
            }
            delete.executeBatch();
          }
          return null;
        });
  }
}
