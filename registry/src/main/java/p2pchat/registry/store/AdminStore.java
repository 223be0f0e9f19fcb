package p2pchat.registry.store;

import java.util.Optional;

/** The operators: names unique regardless of case, and password hashes. */
public interface AdminStore {
  /** Creates operator {@code name}; throws {@link NameTakenException} if one has that name. */
  Admin create(String name, String passwordHash) throws StoreException;

  /** The operator named {@code name}, compared case-insensitively. */
  Optional<Admin> find(String name) throws StoreException;
}
