package p2pchat.protocol.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A peer's identity: the SHA-256 of its DER-encoded certificate. Shown as 56 base32 characters in
 * eight dash-separated groups of seven, with a Luhn check character after every 13 (the layout of
 * Syncthing's device IDs), so that a mistyped ID is caught when parsed.
 */
public final class PeerId {
  /** Length of the raw digest, in bytes. */
  public static final int BYTES = 32;

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private final byte[] digest;

  private PeerId(byte[] digest) {
    this.digest = digest;
  }

  /** The PeerId of a raw 32-byte SHA-256 digest. */
  public static PeerId ofDigest(byte[] digest) {
    if (digest.length != BYTES) {
      throw new IllegalArgumentException("a PeerId is 32 bytes, got " + digest.length);
    }
    return new PeerId(digest.clone());
  }

  /** The PeerId of a certificate: SHA-256 over its DER encoding. */
  public static PeerId of(X509Certificate certificate) {
    try {
      return new PeerId(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash certificate", e);
    }
  }

  /**
   * Parses the grouped form (dashes and spaces optional, any case); throws {@link
   * IllegalArgumentException} naming what is wrong when the text is not a valid PeerId.
   */
  public static PeerId parse(String text) {
    String s = text.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
    if (s.length() != 56) {
      throw new IllegalArgumentException(
          "a PeerId has 56 characters besides dashes, got " + s.length() + ": " + text);
    }
    StringBuilder base32 = new StringBuilder(52);
    for (int group = 0; group < 4; group++) {
      String part = s.substring(group * 14, group * 14 + 13);
      char check = s.charAt(group * 14 + 13);
      for (char c : part.toCharArray()) {
        if (ALPHABET.indexOf(c) < 0) {
          throw new IllegalArgumentException("'" + c + "' is not a PeerId character: " + text);
        }
      }
      if (luhn(part) != check) {
        throw new IllegalArgumentException("PeerId check character mismatch (a typo?): " + text);
      }
      base32.append(part);
    }
    return new PeerId(base32Decode(base32.toString()));
  }

  /** The raw 32-byte digest (a copy). */
  public byte[] bytes() {
    return digest.clone();
  }

  /** The digest as 64 lowercase hex characters, as OpenSSL prints fingerprints. */
  public String hex() {
    return HexFormat.of().formatHex(digest);
  }

  /** The first group only, for compact displays. */
  public String shortForm() {
    return toString().substring(0, 7);
  }

  /** The grouped form, e.g. {@code MFZWI3D-BONSGYC-...}. */
  @Override
  public String toString() {
    String base32 = base32Encode(digest);
    StringBuilder checked = new StringBuilder(56);
    for (int group = 0; group < 4; group++) {
      String part = base32.substring(group * 13, group * 13 + 13);
      checked.append(part).append(luhn(part));
    }
    StringBuilder grouped = new StringBuilder(63);
    for (int i = 0; i < 56; i += 7) {
      if (i > 0) {
        grouped.append('-');
      }
      grouped.append(checked, i, i + 7);
    }
    return grouped.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeerId other && MessageDigest.isEqual(digest, other.digest);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(digest);
  }

  /** Luhn mod 32 over the base32 alphabet, as Syncthing computes it. */
  private static char luhn(String s) {
    int factor = 1;
    int sum = 0;
    int n = ALPHABET.length();
    for (int i = 0; i < s.length(); i++) {
      int codepoint = ALPHABET.indexOf(s.charAt(i));
      int addend = factor * codepoint;
      factor = factor == 2 ? 1 : 2;
      addend = (addend / n) + (addend % n);
      sum += addend;
    }
    int remainder = sum % n;
    return ALPHABET.charAt((n - remainder) % n);
  }

  private static String base32Encode(byte[] data) {
    StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  private static byte[] base32Decode(String s) {
    byte[] out = new byte[BYTES];
    int buffer = 0;
    int bits = 0;
    int index = 0;
    for (int i = 0; i < s.length() && index < BYTES; i++) {
      buffer = (buffer << 5) | ALPHABET.indexOf(s.charAt(i));
      bits += 5;
      if (bits >= 8) {
        out[index++] = (byte) (buffer >> (bits - 8));
        bits -= 8;
      }
    }
    return out;
  }
}
