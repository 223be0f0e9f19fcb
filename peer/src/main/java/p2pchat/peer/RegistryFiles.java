package p2pchat.peer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import p2pchat.peer.transfer.Downloads;
import p2pchat.peer.transfer.TransferInfo;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.FileIndexMessage.FileEntry;
import p2pchat.protocol.message.FileIndexMessage.SharedFile;
import p2pchat.registry.client.RegistryException;

/**
 * The user's file commands that ask the registry: listing someone's files, searching everyone's,
 * and starting a download of a file named by owner and path. Each runs on a virtual thread and
 * answers with events; without a registry each says it needs one.
 */
final class RegistryFiles {
  private final RegistrySession registry; // null when serverless
  private final Downloads downloads;
  private final Consumer<NodeEvent> events;

  RegistryFiles(RegistrySession registry, Downloads downloads, Consumer<NodeEvent> events) {
    this.registry = registry;
    this.downloads = downloads;
    this.events = events;
  }

  /** Lists the files of {@code owner}, or with an empty owner everyone's; answered by an event. */
  void list(String owner) {
    if (noRegistry("list files")) {
      return;
    }
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                List<FileEntry> files = registry.client().listFiles(owner);
                events.accept(
                    new NodeEvent.Files(
                        owner.isEmpty() ? "shared files" : owner + "'s shared files", files));
              } catch (RegistryException e) {
                events.accept(
                    new NodeEvent.Failed(
                        e.code() == ErrorCode.USER_OFFLINE
                            ? owner + " is not online"
                            : "cannot list files: " + e.getMessage()));
              }
            });
  }

  /** Searches everyone's files for {@code text}; answered by an event. */
  void search(String text) {
    if (noRegistry("search files")) {
      return;
    }
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                events.accept(
                    new NodeEvent.Files(
                        "files matching \"" + text + "\"", registry.client().searchFiles(text)));
              } catch (RegistryException e) {
                events.accept(new NodeEvent.Failed("cannot search: " + e.getMessage()));
              }
            });
  }

  /**
   * Downloads the file {@code owner} shares as {@code path} into {@code toDir}; the outcome comes
   * as events.
   */
  void get(String owner, String path, Path toDir) {
    if (noRegistry("download")) {
      return;
    }
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                Optional<SharedFile> file =
                    registry.client().listFiles(owner).stream()
                        .map(FileEntry::file)
                        .filter(f -> f.path().equals(path))
                        .findFirst();
                if (file.isEmpty()) {
                  events.accept(
                      new NodeEvent.Failed(
                          owner
                              + " shares no file "
                              + path
                              + "; /files "
                              + owner
                              + " lists what "
                              + owner
                              + " shares"));
                  return;
                }
                TransferInfo t =
                    downloads.start(owner, path, file.get().sha256(), file.get().size(), toDir);
                events.accept(
                    new NodeEvent.Notice(
                        "transfer #"
                            + t.id()
                            + ": getting "
                            + path
                            + " ("
                            + Sizes.bytes(t.size())
                            + ") from "
                            + owner
                            + " into "
                            + t.target()
                            + "; /transfers shows how it goes"));
              } catch (RegistryException e) {
                events.accept(
                    new NodeEvent.Failed(
                        e.code() == ErrorCode.USER_OFFLINE
                            ? owner + " is not online"
                            : "cannot download " + path + ": " + e.getMessage()));
              } catch (IOException e) {
                events.accept(
                    new NodeEvent.Failed("cannot download " + path + ": " + e.getMessage()));
              }
            });
  }

  private boolean noRegistry(String what) {
    if (registry == null) {
      events.accept(
          new NodeEvent.Failed(
              "cannot "
                  + what
                  + ": finding shared files needs a registry, and this node has none"));
    }
    return registry == null;
  }
}
