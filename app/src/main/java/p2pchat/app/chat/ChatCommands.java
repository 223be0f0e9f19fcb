package p2pchat.app.chat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
          "/all",
          "/group",
          "/groups",
          "/g",
          "/run",
          "/share",
          "/unshare",
          "/shares",
          "/files",
          "/search",
          "/get",
          "/transfers",
          "/cancel",
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
          "  /all TEXT                       send TEXT to everyone online, signed by you",
          "  /group create NAME              start group NAME (you are its first member)",
          "  /group invite NAME USER         invite USER into group NAME",
          "  /group accept NAME  /group decline NAME   answer an invitation into group NAME",
          "  /group leave NAME               leave group NAME (the others are told)",
          "  /group members NAME             who is in group NAME",
          "  /groups                         your groups and invitations",
          "  #NAME/TEXT  or  /g NAME TEXT    send TEXT to group NAME",
          "  /run USER COMMAND [ARGS]        ask USER to run one of the commands USER allows",
          FileCommands.HELP.get(0),
          FileCommands.HELP.get(1),
          FileCommands.HELP.get(2),
          FileCommands.HELP.get(3),
          FileCommands.HELP.get(4),
          FileCommands.HELP.get(5),
          FileCommands.HELP.get(6),
          "  /users                          who is online (as last heard); serverless: your friends",
          "  /refresh                        ask the registry for the online list again",
          "  /peers                          your conversations",
          "  /whoami                         your name, PeerId, listen address, address the registry sees",
          "  /visible  /invisible            show or hide yourself (hidden: others see you offline)",
          "  /logout  /login                 leave the registry / log in again",
          "  /quit                           exit (also Ctrl-D)",
          "  /help                           this list");

  private static final Pattern DIRECT =
      Pattern.compile("([A-Za-z0-9_.\\-]{1,32})/(.*)", Pattern.DOTALL);

  private static final Pattern GROUP =
      Pattern.compile("#([A-Za-z0-9_.\\-]{1,32})/(.*)", Pattern.DOTALL);

  /** What the console loop should do after a line. */
  enum Next {
    CONTINUE,
    QUIT
  }

  private final Node node;
  private final Consumer<String> out;
  private final FileCommands files;

  ChatCommands(Node node, Consumer<String> out) {
    this.node = node;
    this.out = out;
    this.files = new FileCommands(node, out, Path.of(System.getProperty("user.home"), "Downloads"));
  }

  static boolean takesName(String command) {
    return switch (command) {
      case "/chat", "/accept", "/decline", "/msg", "/close", "/run" -> true;
      default -> false;
    };
  }

  /** Carries out one typed line. */
  Next run(String line) {
    String trimmed = line.strip();
    if (trimmed.isEmpty()) {
      return Next.CONTINUE;
    }
    if (trimmed.startsWith("#")) {
      Matcher m = GROUP.matcher(trimmed);
      if (m.matches() && !m.group(2).isBlank()) {
        node.sendToGroup(m.group(1), m.group(2));
      } else {
        out.accept("error: to write to a group write #GROUP/text or /g GROUP text");
      }
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
    Optional<String> tooMany = CommandWords.refusal(trimmed.split("\\s+"));
    if (tooMany.isPresent()) {
      out.accept("error: " + tooMany.get());
      return Next.CONTINUE;
    }
    String name = parts.length > 1 ? parts[1] : null;
    if (takesName(command) && name == null) {
      out.accept("error: " + command + " needs a user name, e.g. " + command + " bob");
      return Next.CONTINUE;
    }
    switch (command) {
      case "/users" -> {
        if (node.serverless()) {
          List<String> friends = ListFormat.lines(node.friends(), ListFormat::friend);
          out.accept(
              friends.isEmpty() ? "no friends in your table" : "friends (" + friends.size() + "):");
          friends.forEach(f -> out.accept("  " + f));
        } else {
          EventFormat.users(node.users()).forEach(out);
        }
      }
      case "/all" -> {
        String text = trimmed.substring(command.length()).strip();
        if (text.isEmpty()) {
          out.accept("error: /all needs a text, e.g. /all hello everyone");
        } else {
          node.broadcast(text);
        }
      }
      case "/group" -> group(trimmed.split("\\s+", 4));
      case "/groups" -> {
        List<String> groups = ListFormat.lines(node.groups(), ListFormat::group);
        if (groups.isEmpty()) {
          out.accept("no groups; /group create NAME starts one");
        } else {
          groups.forEach(out);
        }
      }
      case "/g" -> {
        if (parts.length < 3 || parts[2].isBlank()) {
          out.accept("error: /g needs a group and a text, e.g. /g team hello");
        } else {
          node.sendToGroup(name, parts[2]);
        }
      }
      case "/run" -> {
        if (parts.length < 3 || parts[2].isBlank()) {
          out.accept("error: /run needs a user and a command, e.g. /run bob uptime");
        } else {
          node.runRemote(name, parts[2]);
        }
      }
      case "/share", "/unshare", "/shares", "/files", "/search", "/get", "/transfers", "/cancel" ->
          files.run(command, trimmed);
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
        List<String> conversations =
            ListFormat.lines(node.conversations(), ListFormat::conversation);
        if (conversations.isEmpty()) {
          out.accept("no conversations; /chat NAME starts one");
        } else {
          out.accept("conversations (" + conversations.size() + "):");
          conversations.forEach(c -> out.accept("  " + c));
        }
      }
      case "/whoami" -> {
        Node.Self self = node.whoami();
        if (node.serverless()) {
          out.accept(
              "you are "
                  + self.name()
                  + ", PeerId "
                  + self.peerId()
                  + ", listening on "
                  + EventFormat.hostPort(self.listen())
                  + ", serverless (no registry)");
          return Next.CONTINUE;
        }
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

  /** {@code /group SUBCOMMAND NAME [USER]}. */
  private void group(String[] words) {
    String sub = words.length > 1 ? words[1] : "";
    String group = words.length > 2 ? words[2] : null;
    if (group == null
        || !List.of("create", "invite", "accept", "decline", "leave", "members").contains(sub)) {
      out.accept(
          "error: /group create|invite|accept|decline|leave|members NAME; e.g. /group create team");
      return;
    }
    switch (sub) {
      case "create" -> node.createGroup(group);
      case "invite" -> {
        if (words.length < 4) {
          out.accept("error: /group invite needs a group and a user, e.g. /group invite team bob");
        } else {
          node.inviteToGroup(group, words[3].strip());
        }
      }
      case "accept" -> node.acceptGroup(group);
      case "decline" -> node.declineGroup(group);
      case "leave" -> node.leaveGroup(group);
      default -> {
        List<String> members = ListFormat.lines(node.groupMembers(group), ListFormat::member);
        if (!members.isEmpty()) {
          out.accept("#" + group + " (" + members.size() + " members):");
          members.forEach(m -> out.accept("  " + m));
        }
      }
    }
  }
}
