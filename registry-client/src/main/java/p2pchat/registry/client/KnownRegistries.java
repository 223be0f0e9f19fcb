package p2pchat.registry.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.tls.PeerIdPolicy;

/**
 * The registries a profile has connected to and the PeerId each presented (trust on first use, as
 * SSH's known_hosts). The file holds one {@code host:port PEERID} line per registry address: the
 * address as the user spelled it and the IP:port it led to, so that another spelling of the same
 * registry ({@code 127.0.0.1} for {@code localhost}) is held to the same pin. A registry that later
 * presents another PeerId is refused until its lines are removed.
 */
public final class KnownRegistries {
  /** File name inside a profile folder. */
  public static final String FILE_NAME = "known-registries";

  private final Path file;

  /** The pins kept in {@code file} (created on the first pin). */
  public KnownRegistries(Path file) {
    this.file = file;
  }

  /** The PeerId pinned for {@code hostPort} as spelled, if any. */
  public synchronized Optional<PeerId> pinned(String hostPort) {
    try {
      return Optional.ofNullable(read().get(hostPort));
    } catch (Damaged e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * A policy for connecting to {@code hostPort}, resolved as a connection to it is: as {@link
   * #policyFor(InetSocketAddress, Consumer)}, with the first use told nowhere.
   */
  public PeerIdPolicy policyFor(String hostPort) {
    return policyFor(parse(hostPort), firstUse -> {});
  }

  /**
   * A policy for connecting to {@code address}: accepts the PeerId pinned for its spelling ({@code
   * host:port} as given) and for the IP:port it resolved to, or for any other pinned spelling that
   * leads to the same IP:port; refuses any other with a sentence saying what to do. When nothing
   * pins that registry yet it pins the PeerId presented and hands {@code firstUse} a sentence
   * saying so (on the connection's thread, during the handshake).
   */
  public PeerIdPolicy policyFor(InetSocketAddress address, Consumer<String> firstUse) {
    String spelling = address.getHostString() + ":" + address.getPort();
    return presented -> {
      InetSocketAddress target =
          address.isUnresolved()
              ? new InetSocketAddress(address.getHostString(), address.getPort())
              : address; // where the connection went
      check(spelling, ipPort(target), presented).ifPresent(firstUse);
    };
  }

  /**
   * Checks {@code presented} against every pin for the registry, pins the spellings it lacked, and
   * returns the sentence telling a first use, if it was one.
   */
  private synchronized Optional<String> check(
      String spelling, Optional<String> resolved, PeerId presented) throws CertificateException {
    Map<String, PeerId> pins = read();
    PeerId bySpelling = pins.get(spelling);
    if (bySpelling != null && !bySpelling.equals(presented)) {
      throw new KeyChanged(
          "the registry at "
              + spelling
              + " presents another key: it presented PeerId "
              + presented
              + " but "
              + file
              + " pins "
              + bySpelling
              + " for it: refusing to connect. If its operator really replaced its key, delete"
              + " that line (and every other line with that PeerId) and connect again.");
    }
    boolean known = bySpelling != null;
    if (resolved.isPresent() && !resolved.get().equals(spelling)) {
      PeerId byAddress = pins.get(resolved.get());
      if (byAddress != null && !byAddress.equals(presented)) {
        throw sameAddress(spelling, resolved.get(), resolved.get(), presented, byAddress);
      }
      known |= byAddress != null;
    }
    if (!known && resolved.isPresent()) {
      // A file from before the IP:port lines, or a name that moved: look up the other spellings.
      for (Map.Entry<String, PeerId> pin : pins.entrySet()) {
        if (!pin.getKey().equals(spelling)
            && !pin.getKey().equals(resolved.get())
            && ipPort(parse(pin.getKey())).equals(resolved)) {
          if (!pin.getValue().equals(presented)) {
            throw sameAddress(spelling, pin.getKey(), resolved.get(), presented, pin.getValue());
          }
          known = true;
        }
      }
    }
    List<String> missing = new ArrayList<>();
    if (bySpelling == null) {
      missing.add(spelling);
    }
    resolved.filter(r -> !r.equals(spelling) && !pins.containsKey(r)).ifPresent(missing::add);
    append(missing, presented);
    if (known) {
      return Optional.empty();
    }
    return Optional.of(
        "first connection to the registry at "
            + spelling
            + resolved.filter(r -> !r.equals(spelling)).map(r -> " (" + r + ")").orElse("")
            + ": pinned its PeerId "
            + presented
            + " in "
            + file
            + " (trust on first use); check it against the fingerprint the registry printed at"
            + " start. A registry presenting another key there will be refused.");
  }

  private KeyChanged sameAddress(
      String spelling, String pinnedAs, String address, PeerId presented, PeerId pinned) {
    return new KeyChanged(
        "the registry at "
            + spelling
            + " presents another key: it presented PeerId "
            + presented
            + " but "
            + file
            + " pins "
            + pinned
            + " for "
            + pinnedAs
            + (pinnedAs.equals(address)
                ? ", the address " + spelling + " leads to"
                : ", which leads to the same address " + address)
            + ": refusing to connect. If its operator really replaced its key, delete every line"
            + " with PeerId "
            + pinned
            + " and connect again.");
  }

  /** A registry presented another PeerId than the one pinned for its address. */
  static final class KeyChanged extends CertificateException {
    private static final long serialVersionUID = 1L;

    KeyChanged(String message) {
      super(message);
    }
  }

  /**
   * The file has a line that is not a pin: refused rather than skipped, since a pin lost to a
   * damaged line would let the next connection pin whatever key it meets.
   */
  static final class Damaged extends CertificateException {
    private static final long serialVersionUID = 1L;

    Damaged(String message) {
      super(message);
    }
  }

  /**
   * The pins in the file, the first line for each address winning (as it always did); blank lines
   * are skipped, any other line that is not "HOST:PORT PEERID" is {@link Damaged}.
   */
  private Map<String, PeerId> read() throws Damaged {
    Map<String, PeerId> pins = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return pins;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\\s+");
      try {
        if (parts.length != 2) {
          throw new IllegalArgumentException("it is not HOST:PORT followed by a PeerId");
        }
        if (!parts[0].matches(".+:\\d{1,5}")) {
          throw new IllegalArgumentException("'" + parts[0] + "' is not HOST:PORT");
        }
        pins.putIfAbsent(parts[0], PeerId.parse(parts[1]));
      } catch (IllegalArgumentException e) {
        throw new Damaged(
            file
                + " is damaged at line "
                + (i + 1)
                + " ("
                + e.getMessage()
                + "): refusing to trust any registry until it is mended; fix or delete that line"
                + " (a registry with no line is pinned again at its next connection)");
      }
    }
    return pins;
  }

  private void append(List<String> hostPorts, PeerId id) throws CertificateException {
    if (hostPorts.isEmpty()) {
      return;
    }
    StringBuilder lines = new StringBuilder();
    hostPorts.forEach(h -> lines.append(h).append(' ').append(id).append(System.lineSeparator()));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(
          file,
          lines,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new CertificateException("cannot record the registry's PeerId in " + file, e);
    }
  }

  /**
   * {@code host:port} as an address, resolved now (an unresolved one when the name does not resolve
   * or the text is not HOST:PORT).
   */
  static InetSocketAddress parse(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
    host = host.replace("[", "").replace("]", "");
    try {
      int port = colon < 0 ? 0 : Integer.parseInt(hostPort.substring(colon + 1));
      return new InetSocketAddress(host, port);
    } catch (IllegalArgumentException e) { // a bad port, or no port at all
      return InetSocketAddress.createUnresolved(host.isEmpty() ? "?" : host, 0);
    }
  }

  /** The IP:port {@code address} leads to, if it resolves. */
  private static Optional<String> ipPort(InetSocketAddress address) {
    if (address.isUnresolved()) {
      return Optional.empty();
    }
    return Optional.of(address.getAddress().getHostAddress() + ":" + address.getPort());
  }
}
