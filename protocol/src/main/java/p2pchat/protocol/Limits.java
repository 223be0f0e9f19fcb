package p2pchat.protocol;

/** Every maximum the wire enforces, in one place. Decoders check these before allocating. */
public final class Limits {
  /** Largest value of a frame's length field (the kind byte and the body), in bytes: 1 MiB. */
  public static final int MAX_FRAME_LENGTH = 1 << 20;

  /** Longest user name, in characters. */
  public static final int MAX_NAME_LENGTH = 32;

  /** Shortest password a registry accepts, in characters. */
  public static final int MIN_PASSWORD_LENGTH = 8;

  /** Longest password, in UTF-8 bytes; longer ones are refused rather than truncated. */
  public static final int MAX_PASSWORD_BYTES = 1024;

  /** Longest free text (an error message, a software name, a reason), in UTF-8 bytes. */
  public static final int MAX_TEXT_BYTES = 16 * 1024;

  /** Longest host name or textual address, in UTF-8 bytes. */
  public static final int MAX_HOST_BYTES = 255;

  /** Longest chat message text, in UTF-8 bytes; longer messages are refused, never cut. */
  public static final int MAX_CHAT_TEXT_BYTES = 32 * 1024;

  /** Most peers in one page of the online list; longer lists are sent as several pages. */
  public static final int MAX_PEERS_PER_PAGE = 1000;

  /** Length of a UDP hello key, in bytes. */
  public static final int HELLO_KEY_BYTES = 32;

  private Limits() {}
}
