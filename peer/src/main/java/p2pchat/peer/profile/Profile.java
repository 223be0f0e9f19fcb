package p2pchat.peer.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.OwnerOnly;
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

  /** File name of the terminal client's typed lines inside a profile folder. */
  private static final String HISTORY_FILE = "history";

  /**
   * Opens the profile in {@code dir}, creating the folder and a new identity on first use; the
   * folder and the files it keeps are made owner-only (they hold the private key, what was typed).
   */
  public static Profile open(Path dir) throws IOException {
    OwnerOnly.folder(dir);
    Identity identity = Identity.loadOrCreate(dir);
    // Files from before these rights were set; new ones are covered by the folder's rights.
    OwnerOnly.files(
        dir,
        Identity.KEY_FILE,
        Identity.CERT_FILE,
        KnownRegistries.FILE_NAME,
        Contacts.FILE_NAME,
        HISTORY_FILE);
    return new Profile(
        dir,
        identity,
        new KnownRegistries(dir.resolve(KnownRegistries.FILE_NAME)),
        new Contacts(dir.resolve(Contacts.FILE_NAME)));
  }

  /** Where the terminal client keeps typed lines. */
  public Path historyFile() {
    return dir.resolve(HISTORY_FILE);
  }
}
