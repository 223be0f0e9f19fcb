package p2pchat.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a command gets a password without it appearing in the process list: a file, the {@code
 * P2PCHAT_PASSWORD} environment variable, or a prompt on the terminal.
 */
public final class Passwords {
  /** The environment variable read when no file is given. */
  public static final String ENV = "P2PCHAT_PASSWORD";

  private Passwords() {}

  /**
   * The password from {@code file} (its first line) if given, else from {@link #ENV}; empty when
   * neither is there and the caller should prompt.
   */
  public static Optional<String> fromFileOrEnv(Path file) throws IOException {
    if (file != null) {
      try {
        String first =
            Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
        if (first.isEmpty()) {
          throw new IOException("the password file " + file + " is empty");
        }
        return Optional.of(first);
      } catch (java.nio.file.NoSuchFileException e) {
        throw new IOException("the password file " + file + " does not exist", e);
      }
    }
    String env = System.getenv(ENV);
    return env == null || env.isEmpty() ? Optional.empty() : Optional.of(env);
  }

  /** The sentence for a non-interactive run without a password. */
  public static String missing() {
    return "no password given: use --password-file FILE or set "
        + ENV
        + ", or run in a terminal to be asked";
  }
}
