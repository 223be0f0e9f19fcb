package p2pchat.protocol.message;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A SHA-256 digest of file content: a whole file's (what identifies a shared file across the
 * network) or one chunk's. On the wire it is the 32 raw bytes; people see lower-case hex, as {@code
 * sha256sum} prints it.
 */
public final class FileHash {
  /** Bytes of a SHA-256 digest. */
  public static final int BYTES = 32;

  private final byte[] digest;

  private FileHash(byte[] digest) {
    this.digest = digest;
  }

  /** The hash whose 32 bytes are {@code digest} (copied). */
  public static FileHash of(byte[] digest) {
    if (digest.length != BYTES) {
      throw new IllegalArgumentException(
          "a SHA-256 hash is " + BYTES + " bytes, not " + digest.length);
    }
    return new FileHash(digest.clone());
  }

  /** Parses 64 hex digits (either case). */
  public static FileHash parse(String hex) {
    if (hex.length() != 2 * BYTES) {
      throw new IllegalArgumentException(
          "a SHA-256 hash is " + 2 * BYTES + " hex digits, not " + hex.length());
    }
    return new FileHash(HexFormat.of().parseHex(hex));
  }

  /** The SHA-256 of {@code content}. */
  public static FileHash sha256(byte[] content) {
    return new FileHash(newDigest().digest(content));
  }

  /** A fresh SHA-256 digest; every JDK has one. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }

  /** The 32 bytes (a copy). */
  public byte[] bytes() {
    return digest.clone();
  }

  /** Whether {@code other} holds exactly these 32 bytes, without copying either. */
  public boolean matches(byte[] other) {
    return MessageDigest.isEqual(digest, other);
  }

  /** 64 lower-case hex digits. */
  public String hex() {
    return HexFormat.of().formatHex(digest);
  }

  /** The first 12 hex digits, as listings show a hash. */
  public String shortForm() {
    return hex().substring(0, 12);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileHash other && Arrays.equals(digest, other.digest);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(digest);
  }

  @Override
  public String toString() {
    return hex();
  }
}
