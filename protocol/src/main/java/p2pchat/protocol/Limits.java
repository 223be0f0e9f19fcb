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

  /** Longest DER certificate carried in a message (a broadcast's signer), in bytes. */
  public static final int MAX_CERTIFICATE_BYTES = 4096;

  /** Longest signature carried in a message, in bytes (an ECDSA P-256 DER signature is <= 72). */
  public static final int MAX_SIGNATURE_BYTES = 256;

  /** Most entries (members, and former members kept as tombstones) in a group's member list. */
  public static final int MAX_GROUP_MEMBERS = 1000;

  /** Most group invitations a peer keeps unanswered from one inviter; more are refused. */
  public static final int MAX_INVITATIONS_PER_SENDER = 10;

  /** Most group invitations a peer keeps unanswered in all; more are refused. */
  public static final int MAX_INVITATIONS = 100;

  /** Most member names of one invitation a peer keeps and shows; the rest are counted. */
  public static final int MAX_INVITATION_MEMBERS_SHOWN = 50;

  /** Most arguments of one remote command request. */
  public static final int MAX_RUN_ARGUMENTS = 32;

  /** Longest argument of a remote command request, in UTF-8 bytes. */
  public static final int MAX_RUN_ARGUMENT_BYTES = 1024;

  /** Most output of a remote command sent back, in UTF-8 bytes: 60 KiB; more is cut and said so. */
  public static final int MAX_RUN_OUTPUT_BYTES = 60 * 1024;

  /** Longest path of a shared file (relative to its shared folder), in UTF-8 bytes. */
  public static final int MAX_PATH_BYTES = 1024;

  /** Most files one user may publish to the registry's index. */
  public static final int MAX_SHARED_FILES = 100_000;

  /** Most files in one page of a publication or of a listing; longer lists take several pages. */
  public static final int MAX_FILES_PER_PAGE = 500;

  /** Longest file search text, in UTF-8 bytes. */
  public static final int MAX_SEARCH_BYTES = 255;

  /** Smallest chunk a shared file may be cut into, in bytes: 64 KiB. */
  public static final int MIN_CHUNK_SIZE = 64 * 1024;

  /** Largest chunk a shared file may be cut into, in bytes: 16 MiB. */
  public static final int MAX_CHUNK_SIZE = 16 * 1024 * 1024;

  /** Most chunks in one shared file (their hashes take 32 MiB); bigger files use bigger chunks. */
  public static final int MAX_CHUNKS = 1 << 20;

  /** Most chunk hashes in one manifest page (512 KiB of hashes). */
  public static final int MAX_HASHES_PER_PAGE = 16 * 1024;

  /** Most chunks one chunk request may ask for. */
  public static final int MAX_CHUNKS_PER_REQUEST = 256;

  /** Most transfers open at once on one file-transfer connection. */
  public static final int MAX_TRANSFERS_PER_CONNECTION = 16;

  /** Most requested chunks not yet sent on one file-transfer connection. */
  public static final int MAX_QUEUED_CHUNKS = 1024;

  private Limits() {}
}
