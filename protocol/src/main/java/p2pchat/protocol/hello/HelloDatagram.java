package p2pchat.protocol.hello;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A UDP liveness hello from a logged-in peer to the registry, authenticated with the per-session
 * key the registry handed out over TLS at login.
 *
 * <pre>
 * +-----------+-------------+-----------------+----------------+-------------------------+
 * | "P2PH" 4B | version u8  | sessionId i64   | counter i64    | HMAC-SHA256, first 16 B |
 * +-----------+-------------+-----------------+----------------+-------------------------+
 * </pre>
 *
 * The MAC covers the 21 bytes before it. The counter must rise with every hello of a session, so a
 * captured datagram sent again is recognised as a replay.
 */
public record HelloDatagram(long sessionId, long counter) {
  /** Size of every hello datagram, in bytes. */
  public static final int BYTES = 4 + 1 + 8 + 8 + 16;

  private static final int MAGIC = 0x50325048; // "P2PH"
  private static final int VERSION = 1;
  private static final int MAC_BYTES = 16;
  private static final int SIGNED_BYTES = BYTES - MAC_BYTES;

  /** The datagram for this hello, authenticated with {@code key}. */
  public byte[] encode(byte[] key) {
    ByteBuffer buf = ByteBuffer.allocate(BYTES);
    buf.putInt(MAGIC).put((byte) VERSION).putLong(sessionId).putLong(counter);
    buf.put(mac(key, buf.array()), 0, MAC_BYTES);
    return buf.array();
  }

  /**
   * The session a datagram claims to come from, if it has a hello's shape (size, magic, version);
   * the caller then looks up that session's key and calls {@link #verify}.
   */
  public static Optional<Long> claimedSession(byte[] datagram) {
    if (datagram.length != BYTES) {
      return Optional.empty();
    }
    ByteBuffer buf = ByteBuffer.wrap(datagram);
    if (buf.getInt() != MAGIC || buf.get() != VERSION) {
      return Optional.empty();
    }
    return Optional.of(buf.getLong());
  }

  /** The hello in {@code datagram} if its MAC is right for {@code key}; empty if forged. */
  public static Optional<HelloDatagram> verify(byte[] datagram, byte[] key) {
    if (claimedSession(datagram).isEmpty()) {
      return Optional.empty();
    }
    byte[] expected = Arrays.copyOf(mac(key, datagram), MAC_BYTES);
    byte[] actual = Arrays.copyOfRange(datagram, SIGNED_BYTES, BYTES);
    if (!MessageDigest.isEqual(expected, actual)) {
      return Optional.empty();
    }
    ByteBuffer buf = ByteBuffer.wrap(datagram, 5, 16);
    return Optional.of(new HelloDatagram(buf.getLong(), buf.getLong()));
  }

  private static byte[] mac(byte[] key, byte[] datagram) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(datagram, 0, SIGNED_BYTES);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }
}
