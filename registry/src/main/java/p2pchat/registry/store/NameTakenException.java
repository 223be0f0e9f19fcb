package p2pchat.registry.store;

/** An account with that name (compared case-insensitively) exists already. */
public final class NameTakenException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** The name {@code name} is taken. */
  public NameTakenException(String name) {
    super("the name " + name + " is taken");
  }
}
