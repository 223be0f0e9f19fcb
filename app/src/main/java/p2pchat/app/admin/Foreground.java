package p2pchat.app.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this process may read its terminal. A process reading the terminal while in the
 * background (started with {@code &} from an interactive shell) is stopped by the kernel (SIGTTIN):
 * a registry would freeze. So the console waits until the registry is in the foreground. Only
 * Linux's {@code /proc} tells; elsewhere the console reads at once.
 */
final class Foreground {
  private static final long POLL_MILLIS = 1000;

  private Foreground() {}

  /** Returns once reading stdin cannot stop the process. */
  static void await() throws InterruptedException {
    while (inBackgroundOfItsTerminal()) {
      Thread.sleep(POLL_MILLIS);
    }
  }

  static boolean inBackgroundOfItsTerminal() {
    try {
      Path stdin = Files.readSymbolicLink(Path.of("/proc/self/fd/0"));
      if (!stdin.toString().startsWith("/dev/pts/") && !stdin.toString().startsWith("/dev/tty")) {
        return false; // a pipe or a file: no job control
      }
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // After "pid (comm) ": state ppid pgrp session tty_nr tpgid ...
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      int pgrp = Integer.parseInt(fields[2]);
      int foregroundGroup = Integer.parseInt(fields[5]);
      return foregroundGroup != -1 && foregroundGroup != pgrp;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
