package p2pchat.app.admin;

import java.io.Console;
import java.util.Optional;

/** The terminal to ask a password on, if the process has one (not a pipe). */
public final class Terminals {
  private Terminals() {}

  /**
   * The console when stdin and stdout are a terminal. Since JDK 22 {@link System#console()} answers
   * even for pipes, and only {@code Console.isTerminal()} (absent from the JDK 21 API) tells.
   */
  public static Optional<Console> console() {
    Console console = System.console();
    if (console == null) {
      return Optional.empty();
    }
    try {
      Object terminal = Console.class.getMethod("isTerminal").invoke(console);
      return Boolean.TRUE.equals(terminal) ? Optional.of(console) : Optional.empty();
    } catch (ReflectiveOperationException e) {
      return Optional.of(console); // JDK 21: a console exists only for a terminal
    }
  }
}
