package p2pchat.app.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import p2pchat.protocol.message.AdminMessage.HistoryEntry;
import p2pchat.protocol.text.Untrusted;
import p2pchat.registry.RegistryAdmin;
import p2pchat.registry.RequestFailedException;

/**
 * The operator's console on the registry's own terminal (or pipe): {@code sessions}, {@code kick},
 * {@code ban}, {@code unban}, {@code history}, one command a line, answered with the same tables as
 * {@code p2pchat admin}. Each command is logged and recorded as user {@value
 * RegistryAdmin#CONSOLE}. At the end of its input the console stops reading; the registry runs on.
 */
public final class RegistryConsole {
  /** How many history entries {@code history NAME} shows without a count. */
  static final int DEFAULT_HISTORY = 20;

  static final List<String> HELP =
      List.of(
          "registry console commands:",
          "  sessions                 every live session",
          "  kick NAME [REASON]       end NAME's session; everyone online is told why",
          "  ban NAME [REASON]        keep account NAME out (ends its session if online)",
          "  unban NAME               let NAME log in again",
          "  history NAME [N]         the last N requests of NAME's clients (default "
              + DEFAULT_HISTORY
              + "), newest first",
          "  help                     this list");

  private final RegistryAdmin admin;
  private final PrintWriter out;

  /** A console acting on {@code admin}, printing to {@code out}. */
  public RegistryConsole(RegistryAdmin admin, PrintWriter out) {
    this.admin = admin;
    this.out = out;
  }

  /** Reads commands from {@code in} on a daemon thread until its end; returns at once. */
  public Thread start(InputStream in) {
    return Thread.ofPlatform()
        .name("registry-console")
        .daemon()
        .start(
            () -> {
              try {
                Foreground.await();
                BufferedReader reader =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String line;
                while ((line = reader.readLine()) != null) {
                  run(line);
                }
              } catch (IOException e) {
                // stdin is closed or unreadable: there is no console, and the registry runs on
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
  }

  /** Carries out one typed line. */
  void run(String line) {
    String[] parts = line.strip().split("\\s+", 3);
    String command = parts[0];
    String name = parts.length > 1 ? parts[1] : null;
    String rest = parts.length > 2 ? parts[2].strip() : "";
    try {
      switch (command) {
        case "" -> {}
        case "sessions" -> print(AdminFormat.sessions(admin.sessions(), Instant.now()));
        case "kick" -> {
          admin.kick(need(command, name), rest);
          print("kicked " + name + (rest.isEmpty() ? "" : " (" + rest + ")"));
        }
        case "ban" -> {
          admin.ban(need(command, name), rest);
          print("banned " + name + ": they cannot log in until unbanned");
        }
        case "unban" -> {
          admin.unban(need(command, name));
          print("unbanned " + name + ": they can log in again");
        }
        case "history" -> {
          int limit = rest.isEmpty() ? DEFAULT_HISTORY : count(rest);
          List<HistoryEntry> entries = admin.history(need(command, name), limit);
          print(AdminFormat.history(name, entries));
        }
        case "help", "?" -> print(HELP);
        default -> print("error: unknown command " + command + "; type help for the list");
      }
    } catch (RequestFailedException e) {
      print("error: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      print("error: " + e.getMessage());
    }
  }

  private static String need(String command, String name) {
    if (name == null) {
      throw new IllegalArgumentException(command + " needs a user name, e.g. " + command + " bob");
    }
    return name;
  }

  private static int count(String text) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // the sentence below says what is wanted
    }
    throw new IllegalArgumentException("'" + text + "' is not a count; write e.g. history bob 50");
  }

  private void print(String line) {
    print(List.of(line));
  }

  private void print(List<String> lines) {
    synchronized (out) {
      // A name, reason or request in a line may come from the network.
      lines.forEach(line -> out.println(Untrusted.show(line)));
      out.flush();
    }
  }
}
