package p2pchat.app.chat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import p2pchat.peer.Node;
import p2pchat.peer.share.ShareIndex;

/** The file-sharing commands of the chat console. */
final class FileCommands {
  /** The commands, for completion and help. */
  static final List<String> NAMES =
      List.of(
          "/share", "/unshare", "/shares", "/files", "/search", "/get", "/transfers", "/cancel");

  static final List<String> HELP =
      List.of(
          "  /share DIR                      share the files of folder DIR (several allowed)",
          "  /unshare DIR  /shares           stop sharing DIR / the folders you share",
          "  /files [NAME]                   everyone's shared files, or NAME's",
          "  /search TEXT                    shared files whose path holds every word of TEXT",
          "  /get NAME PATH [--to DIR]       download NAME's file PATH (default folder ~/Downloads)",
          "  /transfers                      downloads with progress, speed, time left, sources",
          "  /cancel ID                      stop download ID and remove its partial file");

  private final Node node;
  private final Consumer<String> out;
  private final Path downloads;

  FileCommands(Node node, Consumer<String> out, Path downloads) {
    this.node = node;
    this.out = out;
    this.downloads = downloads;
  }

  /** Carries out {@code command}; {@code line} is the whole trimmed line. */
  void run(String command, String line) {
    String rest = line.substring(command.length()).strip();
    switch (command) {
      case "/share" -> {
        if (rest.isEmpty()) {
          out.accept("error: /share needs a folder, e.g. /share ~/Music");
        } else {
          node.share(path(rest));
        }
      }
      case "/unshare" -> {
        if (rest.isEmpty()) {
          out.accept("error: /unshare needs a folder, e.g. /unshare ~/Music");
        } else {
          node.unshare(rest.startsWith("~") ? path(rest).toString() : rest);
        }
      }
      case "/shares" -> {
        List<ShareIndex.SharedFolder> shares = node.shares();
        if (shares.isEmpty()) {
          out.accept("you share no folder; /share DIR shares one");
        } else {
          out.accept("shared folders (" + shares.size() + "):");
          shares.forEach(s -> out.accept("  " + s.label() + "/  " + s.path()));
        }
      }
      case "/files" -> node.listFiles(rest);
      case "/search" -> {
        if (rest.isEmpty()) {
          out.accept("error: /search needs a text, e.g. /search holiday photos");
        } else {
          node.searchFiles(rest);
        }
      }
      case "/get" -> get(rest);
      case "/transfers" -> FileFormat.transfers(node.transfers()).forEach(out);
      case "/cancel" -> {
        try {
          node.cancelTransfer(Integer.parseInt(rest.replaceFirst("^#", "")));
        } catch (NumberFormatException e) {
          out.accept("error: /cancel needs a transfer number, e.g. /cancel 2 (see /transfers)");
        }
      }
      default -> throw new IllegalStateException("not a file command: " + command);
    }
  }

  /** {@code /get NAME PATH [--to DIR]}: the path may hold spaces. */
  private void get(String rest) {
    String[] words = rest.split("\\s+", 2);
    if (words.length < 2 || words[1].isBlank()) {
      out.accept("error: /get needs a user and a path, e.g. /get bob music/song.ogg (see /files)");
      return;
    }
    String path = words[1];
    Path to = downloads;
    int option = path.lastIndexOf("--to ");
    if (option == 0 || (option > 0 && Character.isWhitespace(path.charAt(option - 1)))) {
      to = path(path.substring(option + 5).strip());
      path = path.substring(0, option).strip();
    }
    node.download(words[0], path, to);
  }

  private static Path path(String text) {
    if (text.equals("~") || text.startsWith("~/")) {
      return Path.of(System.getProperty("user.home") + text.substring(1));
    }
    return Path.of(text).toAbsolutePath().normalize();
  }
}
