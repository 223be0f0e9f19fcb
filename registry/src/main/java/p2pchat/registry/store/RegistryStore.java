package p2pchat.registry.store;

/**
 * What the registry keeps across restarts, in one storage engine: accounts (with their bans),
 * operators and the request history. Sessions, presence and the file index live in memory.
 */
public interface RegistryStore extends AutoCloseable {
  /** The chat accounts. */
  AccountStore accounts();

  /** The operators. */
  AdminStore admins();

  /** The request history. */
  HistoryStore history();

  /** Releases the engine; nothing is lost that a method returned from. */
  @Override
  void close() throws StoreException;
}
