package p2pchat.protocol;

/** The wire protocol version this build speaks, exchanged in the first message of a connection. */
public final class ProtocolVersion {
  /** The only version this build speaks; a connection announcing another one is refused. */
  public static final int CURRENT = 1;

  /** Software name and version sent in {@code Hello}, for logs and diagnostics. */
  public static final String SOFTWARE = "p2pchat/0.1";

  private ProtocolVersion() {}
}
