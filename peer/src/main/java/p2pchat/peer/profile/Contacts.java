package p2pchat.peer.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import p2pchat.protocol.identity.PeerId;

/**
 * The PeerId each contact presented when first met (trust on first use), kept in a {@code contacts}
 * file of {@code name PEERID} lines. A different PeerId later is a changed key: the caller warns
 * the user.
 */
public final class Contacts {
  /** File name inside a profile folder. */
  public static final String FILE_NAME = "contacts";

  private final Path file;
  private final Map<String, PeerId> pins = new TreeMap<>();

  /** The contacts kept in {@code file}, loaded now. */
  public Contacts(Path file) {
    this.file = file;
    if (Files.exists(file)) {
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          String[] parts = line.trim().split("\\s+");
          if (parts.length == 2 && !parts[0].startsWith("#")) {
            pins.put(key(parts[0]), PeerId.parse(parts[1]));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
  }

  /** The PeerId pinned for {@code name}, if met before. */
  public synchronized Optional<PeerId> pinned(String name) {
    return Optional.ofNullable(pins.get(key(name)));
  }

  /**
   * Pins {@code id} for {@code name}; returns the PeerId it replaces if the contact presented
   * another one before (a changed key), empty otherwise.
   */
  public synchronized Optional<PeerId> pin(String name, PeerId id) {
    PeerId old = pins.put(key(name), id);
    if (!id.equals(old)) {
      save();
    }
    return old == null || old.equals(id) ? Optional.empty() : Optional.of(old);
  }

  private void save() {
    StringBuilder out = new StringBuilder("# contact PeerIds, pinned on first contact\n");
    pins.forEach((name, id) -> out.append(name).append(' ').append(id).append('\n'));
    try {
      Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
      Files.writeString(tmp, out, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
