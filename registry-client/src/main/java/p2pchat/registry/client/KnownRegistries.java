package p2pchat.registry.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.CertificateException;
import java.util.Optional;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.tls.PeerIdPolicy;

/**
 * The registries a profile has connected to and the PeerId each presented (trust on first use, as
 * SSH's known_hosts). The file holds one {@code host:port PEERID} line per registry; a registry
 * that later presents another PeerId is refused until its line is removed.
 */
public final class KnownRegistries {
  /** File name inside a profile folder. */
  public static final String FILE_NAME = "known-registries";

  private final Path file;

  /** The pins kept in {@code file} (created on the first pin). */
  public KnownRegistries(Path file) {
    this.file = file;
  }

  /** The PeerId pinned for {@code hostPort}, if any. */
  public synchronized Optional<PeerId> pinned(String hostPort) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length == 2 && parts[0].equals(hostPort)) {
          return Optional.of(PeerId.parse(parts[1]));
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * A policy for connecting to {@code hostPort}: accepts the pinned PeerId, or pins the first one
   * presented; refuses any other with a sentence saying what to do.
   */
  public PeerIdPolicy policyFor(String hostPort) {
    return presented -> {
      Optional<PeerId> pinned = pinned(hostPort);
      if (pinned.isEmpty()) {
        pin(hostPort, presented);
      } else if (!pinned.get().equals(presented)) {
        throw new KeyChanged(
            "the registry at "
                + hostPort
                + " presents another key: it presented PeerId "
                + presented
                + " but "
                + file
                + " pins "
                + pinned.get()
                + " for it: refusing to connect. If its operator really"
                + " replaced its key, delete that line and connect again.");
      }
    };
  }

  /** A registry presented another PeerId than the one pinned for its address. */
  static final class KeyChanged extends CertificateException {
    private static final long serialVersionUID = 1L;

    KeyChanged(String message) {
      super(message);
    }
  }

  private synchronized void pin(String hostPort, PeerId id) throws CertificateException {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(
          file,
          hostPort + " " + id + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new CertificateException("cannot record the registry's PeerId in " + file, e);
    }
  }
}
