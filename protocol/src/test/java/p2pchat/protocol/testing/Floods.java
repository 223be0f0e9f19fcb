package p2pchat.protocol.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Random;
import javax.net.ssl.SSLException;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ErrorCode;

/**
 * Random bytes thrown at a server's port, before TLS or inside it, and the checks that the server
 * refused them by closing the connection. Every wait is {@link RawTlsConnection#TIMEOUT} at most.
 */
public final class Floods {
  private Floods() {}

  /** {@code count} bytes from {@code random}. */
  public static byte[] randomBytes(Random random, int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }

  /**
   * Writes {@code garbage} to a plain TCP connection to {@code address}; true if the server then
   * closes it. A reset or broken pipe while writing is the server closing early.
   */
  public static boolean tcpClosesAfter(InetSocketAddress address, byte[] garbage)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(address, (int) RawTlsConnection.TIMEOUT.toMillis());
      socket.setSoTimeout((int) RawTlsConnection.TIMEOUT.toMillis());
      try {
        OutputStream out = socket.getOutputStream();
        for (int from = 0; from < garbage.length; from += 64 * 1024) {
          out.write(garbage, from, Math.min(64 * 1024, garbage.length - from));
        }
        out.flush();
      } catch (SocketException e) {
        // closed by the server part way: what the test expects sooner or later
      }
      InputStream in = socket.getInputStream();
      byte[] sink = new byte[8192];
      try {
        while (in.read(sink) >= 0) {
          // whatever the TLS layer answers (an alert) is read and dropped
        }
        return true;
      } catch (SocketTimeoutException e) {
        return false;
      } catch (SocketException e) {
        return true;
      }
    }
  }

  /** Writes {@code noise} inside TLS, ignoring the server closing while it still goes out. */
  public static void sendQuietly(RawTlsConnection raw, byte[] noise) {
    try {
      raw.sendRaw(noise);
    } catch (IOException e) {
      // The server refused the first frame and closed while the rest was still going out.
    }
  }

  /**
   * True if the server closes {@code raw}, after a PROTOCOL_ERROR failure unless that is lost to
   * the reset that writing into a closed connection causes.
   */
  public static boolean closesAfterRefusing(RawTlsConnection raw) throws IOException {
    try {
      assertThat(raw.receive())
          .isInstanceOfSatisfying(
              Failure.class,
              f -> {
                assertThat(f.requestId()).isZero();
                assertThat(f.code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
              });
    } catch (EOFException | SSLException | SocketException e) {
      return true;
    }
    return raw.closedByPeer();
  }
}
