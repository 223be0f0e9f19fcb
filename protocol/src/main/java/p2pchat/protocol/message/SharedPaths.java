package p2pchat.protocol.message;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import p2pchat.protocol.Limits;

/**
 * The rules for the path of a shared file as it travels: relative, {@code /}-separated, at most
 * {@link Limits#MAX_PATH_BYTES} UTF-8 bytes, with no empty, {@code .} or {@code ..} component and
 * no backslash or control character. A path that keeps them can never name anything outside the
 * folder it is resolved against, on any operating system.
 */
public final class SharedPaths {
  private SharedPaths() {}

  /** Why {@code path} breaks the rules, or empty when it keeps them. */
  public static Optional<String> problem(String path) {
    if (path.isEmpty()) {
      return Optional.of("the path is empty");
    }
    if (path.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_PATH_BYTES) {
      return Optional.of("the path is longer than " + Limits.MAX_PATH_BYTES + " bytes");
    }
    if (path.startsWith("/")) {
      return Optional.of("the path is absolute");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return Optional.of("the path holds a control character");
      }
      if (c == '\\') {
        return Optional.of("the path holds a backslash");
      }
      if (c == ':' && i == 1) {
        return Optional.of("the path starts with a drive letter");
      }
    }
    for (String part : path.split("/", -1)) {
      if (part.isEmpty()) {
        return Optional.of("the path has an empty component");
      }
      if (part.equals(".") || part.equals("..")) {
        return Optional.of("the path has a '" + part + "' component");
      }
    }
    return Optional.empty();
  }

  /**
   * Throws {@link IllegalArgumentException} naming {@code field} when {@code path} breaks a rule.
   */
  static void check(String path, String field) {
    java.util.Objects.requireNonNull(path, field);
    problem(path)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException(field + ": " + p);
            });
  }
}
