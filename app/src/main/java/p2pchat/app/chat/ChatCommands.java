package p2pchat.app.chat;

import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import p2pchat.peer.Node;

/** The commands typed at the chat console, and what each does on the node. */
final class ChatCommands {
  /** Every command, for completion and help. */
  static final List<String> NAMES =
      List.of(
          "/users",
          "/refresh",
          "/chat",
          "/accept",
          "/decline",
          "/msg",
          "/close",
          "/peers",
          "/whoami",
          "/visible",
          "/invisible",
          "/logout",
          "/login",
          "/quit",
          "/help");

  static final List<String> HELP =
      List.of(
          "commands:",
          "  NAME/TEXT  or  /msg NAME TEXT   send TEXT to NAME (asks to chat first if needed)",
          "  /chat NAME                      ask NAME to chat",
          "  /accept NAME  /decline NAME     answer NAME's chat request",
          "  /close NAME                     end the conversation with NAME (they are told)",
          "  /users                          who is online (as last heard)",
          "  /refresh                        ask the registry for the online list again",
          "  /peers                          your conversations",
          "  /whoami                         your name, PeerId, listen address, address the registry sees",
          "  /visible  /invisible            show or hide yourself (hidden: others see you offline)",
          "  /logout  /login                 leave the registry / log in again",
          "  /quit                           exit (also Ctrl-D)",
          "  /help                           this list");

  private static final Pattern DIRECT =
      Pattern.compile("([A-Za-z0-9_.\\-]{1,32})/(.*)", Pattern.DOTALL);

  /** What the console loop should do after a line. */
  enum Next {
    CONTINUE,
    QUIT
  }

  private final Node node;
  private final Consumer<String> out;

  ChatCommands(Node node, Consumer<String> out) {
    this.node = node;
    this.out = out;
  }

  static boolean takesName(String command) {
    return switch (command) {
      case "/chat", "/accept", "/decline", "/msg", "/close" -> true;
      default -> false;
    };
  }

  /** Carries out one typed line. */
  Next run(String line) {
    String trimmed = line.strip();
    if (trimmed.isEmpty()) {
      return Next.CONTINUE;
    }
    if (!trimmed.startsWith("/")) {
      Matcher m = DIRECT.matcher(trimmed);
      if (m.matches() && !m.group(2).isBlank()) {
        node.send(m.group(1), m.group(2));
      } else {
        out.accept(
            "error: to send a message write NAME/text or /msg NAME text; /help lists the commands");
      }
      return Next.CONTINUE;
    }
    String[] parts = trimmed.split("\\s+", 3);
    String command = parts[0];
    String name = parts.length > 1 ? parts[1] : null;
    if (takesName(command) && name == null) {
      out.accept("error: " + command + " needs a user name, e.g. " + command + " bob");
      return Next.CONTINUE;
    }
    switch (command) {
      case "/users" -> EventFormat.users(node.users()).forEach(out);
      case "/refresh" -> node.refresh();
      case "/chat" -> node.requestChat(name);
      case "/accept" -> node.accept(name);
      case "/decline" -> node.decline(name);
      case "/msg" -> {
        if (parts.length < 3 || parts[2].isBlank()) {
          out.accept("error: /msg needs a user name and a text, e.g. /msg bob hello");
        } else {
          node.send(name, parts[2]);
        }
      }
      case "/close" -> node.closeConversation(name);
      case "/peers" -> {
        List<String> conversations = node.conversations();
        if (conversations.isEmpty()) {
          out.accept("no conversations; /chat NAME starts one");
        } else {
          out.accept("conversations (" + conversations.size() + "):");
          conversations.forEach(c -> out.accept("  " + c));
        }
      }
      case "/whoami" -> {
        Node.Self self = node.whoami();
        out.accept(
            "you are "
                + self.name()
                + ", PeerId "
                + self.peerId()
                + ", listening on "
                + EventFormat.hostPort(self.listen())
                + ", the registry sees you at "
                + self.observed()
                + (self.visible() ? ", visible" : ", invisible"));
      }
      case "/visible" -> node.setVisible(true);
      case "/invisible" -> node.setVisible(false);
      case "/logout" -> node.logout();
      case "/login" -> node.login();
      case "/quit", "/exit" -> {
        return Next.QUIT;
      }
      case "/help" -> HELP.forEach(out);
      default -> out.accept("error: unknown command " + command + "; /help lists the commands");
    }
    return Next.CONTINUE;
  }
}
