package p2pchat.peer.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import p2pchat.protocol.identity.Identity;
import p2pchat.registry.client.KnownRegistries;

/**
 * A user's profile folder: identity (key pair and certificate), pinned registries and contacts,
 * command history. One per user name, under {@code ~/.p2pchat/profiles/NAME} by default.
 */
public record Profile(Path dir, Identity identity, KnownRegistries registries, Contacts contacts) {
  /** The default folder for {@code userName}'s profile under {@code home}. */
  public static Path defaultDir(Path home, String userName) {
    return home.resolve(".p2pchat").resolve("profiles").resolve(userName.toLowerCase(Locale.ROOT));
  }

  /** Opens the profile in {@code dir}, creating the folder and a new identity on first use. */
  public static Profile open(Path dir) throws IOException {
    Files.createDirectories(dir);
    return new Profile(
        dir,
        Identity.loadOrCreate(dir),
        new KnownRegistries(dir.resolve(KnownRegistries.FILE_NAME)),
        new Contacts(dir.resolve(Contacts.FILE_NAME)));
  }

  /** Where the terminal client keeps typed lines. */
  public Path historyFile() {
    return dir.resolve("history");
  }
}
