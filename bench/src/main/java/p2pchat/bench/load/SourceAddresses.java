package p2pchat.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loopback source addresses for many connections to one registry port. A socket bound to an address
 * with port 0 takes a port of the ephemeral range for that address alone, so one address gives at
 * most the range's size (about 28,000 on Linux by default): connection {@code i} uses 127.0.0.(2 +
 * i / perAddress).
 */
public final class SourceAddresses {
  /** Ports left free on each source address for everything else on the machine. */
  private static final int SPARE_PORTS = 1000;

  private final int perAddress;

  private SourceAddresses(int perAddress) {
    this.perAddress = perAddress;
  }

  /** Addresses sized to this machine's ephemeral port range. */
  public static SourceAddresses forThisMachine() {
    return new SourceAddresses(Math.max(1000, ephemeralPorts() - SPARE_PORTS));
  }

  /** Connections each address takes. */
  public int perAddress() {
    return perAddress;
  }

  /** How many addresses {@code connections} need. */
  public int addressesFor(int connections) {
    return (connections + perAddress - 1) / perAddress;
  }

  /** The source address of connection {@code i}. */
  public InetAddress of(int i) {
    int n = 2 + i / perAddress;
    if (n > 254) {
      throw new IllegalArgumentException("too many connections for 127.0.0.2-254: " + i);
    }
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) n});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The size of the ephemeral port range (Linux's sysctl), 28,232 if it cannot be read. */
  static int ephemeralPorts() {
    try {
      String[] f =
          Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
      return Integer.parseInt(f[1]) - Integer.parseInt(f[0]) + 1;
    } catch (IOException | RuntimeException e) {
      return 28_232;
    }
  }
}
