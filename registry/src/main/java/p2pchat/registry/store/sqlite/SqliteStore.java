package p2pchat.registry.store.sqlite;

import java.nio.file.Path;
import p2pchat.registry.store.AccountStore;
import p2pchat.registry.store.AdminStore;
import p2pchat.registry.store.HistoryStore;
import p2pchat.registry.store.RegistryStore;
import p2pchat.registry.store.StoreException;

/**
 * The registry's persistent state in an embedded SQLite file, migrated by Flyway on open (scripts
 * in {@code db/registry/sqlite}). Accounts, operators and the history share one connection, used
 * under one lock.
 */
public final class SqliteStore implements RegistryStore {
  /** File name of the database inside the registry's data folder. */
  public static final String FILE_NAME = "registry.db";

  private final Database db;
  private final SqliteAccounts accounts;
  private final SqliteAdmins admins;
  private final SqliteHistory history;

  private SqliteStore(Database db) {
    this.db = db;
    this.accounts = new SqliteAccounts(db);
    this.admins = new SqliteAdmins(db);
    this.history = new SqliteHistory(db);
  }

  /** Opens (creating and migrating if needed) the database in {@code dataDir}. */
  public static SqliteStore open(Path dataDir) throws StoreException {
    return new SqliteStore(Database.open(dataDir, FILE_NAME));
  }

  @Override
  public AccountStore accounts() {
    return accounts;
  }

  @Override
  public AdminStore admins() {
    return admins;
  }

  @Override
  public HistoryStore history() {
    return history;
  }

  @Override
  public void close() throws StoreException {
    db.close();
  }
}
