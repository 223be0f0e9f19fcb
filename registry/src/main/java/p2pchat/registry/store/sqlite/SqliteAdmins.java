package p2pchat.registry.store.sqlite;

import static p2pchat.registry.store.sqlite.Database.key;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import p2pchat.registry.store.Admin;
import p2pchat.registry.store.AdminStore;
import p2pchat.registry.store.NameTakenException;
import p2pchat.registry.store.StoreException;

/** The operators in the SQLite file: table {@code admin}. */
final class SqliteAdmins implements AdminStore {
  private final Database db;

  SqliteAdmins(Database db) {
    this.db = db;
  }

  @Override
  public Admin create(String name, String passwordHash) throws StoreException {
    Instant now = Instant.now();
    return db.run(
        "creating admin " + name,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO admin (name, name_key, password_hash, created_at)"
                      + " VALUES (?, ?, ?, ?) ON CONFLICT (name_key) DO NOTHING RETURNING id")) {
            s.setString(1, name);
            s.setString(2, key(name));
            s.setString(3, passwordHash);
            s.setLong(4, now.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
              if (!r.next()) {
                throw new NameTakenException(name);
              }
              return new Admin(r.getLong(1), name, passwordHash, now);
            }
          }
        });
  }

  @Override
  public Optional<Admin> find(String name) throws StoreException {
    return db.run(
        "finding admin " + name,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT id, name, password_hash, created_at FROM admin WHERE name_key = ?")) {
            s.setString(1, key(name));
            try (ResultSet r = s.executeQuery()) {
              return r.next()
                  ? Optional.of(
                      new Admin(
                          r.getLong(1),
                          r.getString(2),
                          r.getString(3),
                          Instant.ofEpochMilli(r.getLong(4))))
                  : Optional.empty();
            }
          }
        });
  }
}
