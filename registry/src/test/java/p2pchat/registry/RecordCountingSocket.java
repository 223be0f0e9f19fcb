package p2pchat.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * A plain TCP socket that counts the TLS records it reads, by their 5-byte headers (type, version,
 * length), for a TLS socket layered on it. It shows how a registry batches its answers: answers
 * flushed together arrive in one record, answers flushed one by one in one record each.
 */
final class RecordCountingSocket extends Socket {
  /** Bytes in a TLS record header: content type, protocol version, length. */
  private static final int HEADER_BYTES = 5;

  private final byte[] header = new byte[HEADER_BYTES];
  private int headerRead;
  private int bodyLeft;
  private int records;
  private InputStream counting;

  /** How many whole record headers have been read so far. */
  synchronized int records() {
    return records;
  }

  @Override
  public synchronized InputStream getInputStream() throws IOException {
    if (counting == null) {
      counting =
          new FilterInputStream(super.getInputStream()) {
            @Override
            public int read() throws IOException {
              int b = super.read();
              if (b >= 0) {
                count(new byte[] {(byte) b}, 0, 1);
              }
              return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
              int n = super.read(buffer, offset, length);
              if (n > 0) {
                count(buffer, offset, n);
              }
              return n;
            }
          };
    }
    return counting;
  }

  private synchronized void count(byte[] bytes, int offset, int length) {
    int i = offset;
    int end = offset + length;
    while (i < end) {
      if (bodyLeft > 0) {
        int skip = Math.min(bodyLeft, end - i);
        bodyLeft -= skip;
        i += skip;
        continue;
      }
      header[headerRead++] = bytes[i++];
      if (headerRead == HEADER_BYTES) {
        records++;
        bodyLeft = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
        headerRead = 0;
      }
    }
  }
}
