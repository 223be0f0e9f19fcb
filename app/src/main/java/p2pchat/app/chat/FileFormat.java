package p2pchat.app.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.Sizes;
import p2pchat.peer.transfer.TransferInfo;
import p2pchat.protocol.message.FileIndexMessage.FileEntry;
import p2pchat.protocol.text.Untrusted;

/**
 * How the terminal client shows shared files and transfers: aligned rows, a text progress bar. The
 * lines of single events are made safe by {@link EventFormat}; the lists here make their own.
 */
final class FileFormat {
  private static final int BAR = 20;

  private FileFormat() {}

  /**
   * A listing or search result: a header, then user, path, size and hash prefix per file, with
   * control characters made visible.
   */
  static List<String> files(NodeEvent.Files e) {
    if (e.files().isEmpty()) {
      return List.of(Untrusted.show("no " + e.title()));
    }
    // Names and paths are made visible before the columns are measured, so that they line up.
    List<String> owners = e.files().stream().map(f -> Untrusted.show(f.owner())).toList();
    List<String> paths = e.files().stream().map(f -> Untrusted.show(f.file().path())).toList();
    int owner = owners.stream().mapToInt(String::length).max().orElse(0);
    int path = Math.min(60, paths.stream().mapToInt(String::length).max().orElse(0));
    List<String> lines = new ArrayList<>();
    lines.add(Untrusted.show(e.title()) + " (" + e.files().size() + "):");
    for (int i = 0; i < e.files().size(); i++) {
      FileEntry f = e.files().get(i);
      lines.add(
          String.format(
              Locale.ROOT,
              "  %-" + owner + "s  %-" + path + "s  %9s  %s",
              owners.get(i),
              paths.get(i),
              Sizes.bytes(f.file().size()),
              f.file().sha256().shortForm()));
    }
    return lines;
  }

  static String started(NodeEvent.TransferStarted e) {
    TransferInfo t = e.transfer();
    return "* transfer #"
        + t.id()
        + ": "
        + t.name()
        + " from "
        + t.owner()
        + (e.resumed() ? " resumed at " + percent(t) + "%" : " started")
        + " ("
        + Sizes.bytes(t.size())
        + ")";
  }

  static String waiting(NodeEvent.TransferWaiting e) {
    TransferInfo t = e.transfer();
    return "* transfer #"
        + t.id()
        + " ("
        + t.name()
        + ") waits: "
        + e.why()
        + "; it goes on by itself when a source is back";
  }

  static String finished(NodeEvent.TransferFinished e) {
    TransferInfo t = e.transfer();
    return "* transfer #"
        + t.id()
        + " done: "
        + t.name()
        + " from "
        + t.owner()
        + " saved as "
        + e.file()
        + " (SHA-256 "
        + t.sha256().hex()
        + ", checked)";
  }

  static String failed(NodeEvent.TransferFailed e) {
    TransferInfo t = e.transfer();
    return "error: transfer #" + t.id() + " (" + t.name() + ") failed: " + e.why();
  }

  /**
   * The transfers, one line each with a progress bar, rate, time left and sources, with control
   * characters made visible.
   */
  static List<String> transfers(List<TransferInfo> transfers) {
    if (transfers.isEmpty()) {
      return List.of("no transfers; /get NAME PATH starts one");
    }
    List<String> lines = new ArrayList<>();
    lines.add("transfers (" + transfers.size() + "):");
    for (TransferInfo t : transfers) {
      String head = "  #" + t.id() + " " + t.name() + " from " + t.owner() + "  ";
      lines.add(
          head
              + switch (t.status()) {
                case DONE -> "done: " + t.target();
                case FAILED -> "failed: " + t.note();
                case CANCELLED -> t.note();
                case WAITING -> bar(t) + "  waiting: " + t.note() + " (goes on by itself)";
                case CONNECTING -> bar(t) + "  connecting";
                case VERIFYING -> bar(t) + "  checking the whole file's SHA-256";
                case RUNNING ->
                    bar(t)
                        + "  "
                        + Sizes.bytes(t.done())
                        + " of "
                        + Sizes.bytes(t.size())
                        + "  "
                        + Sizes.bytes((long) t.bytesPerSecond())
                        + "/s  ETA "
                        + t.eta().map(FileFormat::duration).orElse("?")
                        + "  via "
                        + (t.sources().isEmpty()
                            ? "-"
                            : t.sources().stream()
                                .map(TransferInfo.SourceInfo::name)
                                .collect(Collectors.joining(", ")));
              });
    }
    return lines.stream().map(Untrusted::show).toList();
  }

  private static String bar(TransferInfo t) {
    int filled = (int) (BAR * (t.size() == 0 ? 1 : (double) t.done() / t.size()));
    return "["
        + "#".repeat(filled)
        + "-".repeat(BAR - filled)
        + "] "
        + String.format("%3d%%", percent(t));
  }

  private static int percent(TransferInfo t) {
    return t.size() == 0 ? 100 : (int) (100 * t.done() / t.size());
  }

  static String duration(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return s / 60 + " min " + s % 60 + " s";
    }
    return s / 3600 + " h " + (s % 3600) / 60 + " min";
  }
}
