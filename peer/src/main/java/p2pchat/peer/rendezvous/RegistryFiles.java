package p2pchat.peer.rendezvous;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.NodeEvent.Code;
import p2pchat.peer.Sizes;
import p2pchat.peer.transfer.TransferInfo;
import p2pchat.peer.transfer.download.Downloads;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.FileIndexMessage.FileEntry;
import p2pchat.protocol.message.FileIndexMessage.SharedFile;
import p2pchat.registry.client.RegistryException;

/**
 * The user's file commands that ask the registry: listing someone's files, searching everyone's,
 * and starting a download of a file named by owner and path. Each runs on a virtual thread and
 * answers with events.
 */
final class RegistryFiles {
  private final RegistrySession registry;
  private final Consumer<NodeEvent> events;

  RegistryFiles(RegistrySession registry, Consumer<NodeEvent> events) {
    this.registry = registry;
    this.events = events;
  }

  /** Lists the files of {@code owner}, or with an empty owner everyone's; answered by an event. */
  void list(String owner) {
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
                    e.code() == ErrorCode.USER_OFFLINE
                        ? new NodeEvent.Failed(Code.USER_OFFLINE, owner + " is not online")
                        : new NodeEvent.Failed(
                            Code.FILES_UNAVAILABLE, "cannot list files: " + e.getMessage()));
              }
            });
  }

  /** Searches everyone's files for {@code text}; answered by an event. */
  void search(String text) {
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                events.accept(
                    new NodeEvent.Files(
                        "files matching \"" + text + "\"", registry.client().searchFiles(text)));
              } catch (RegistryException e) {
                events.accept(
                    new NodeEvent.Failed(
                        Code.FILES_UNAVAILABLE, "cannot search: " + e.getMessage()));
              }
            });
  }

  /**
   * Downloads the file {@code owner} shares as {@code path} into {@code toDir} with {@code
   * downloads}; the outcome comes as events.
   */
  void get(String owner, String path, Path toDir, Downloads downloads) {
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
                          Code.NO_SUCH_FILE,
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
                        Code.TRANSFER_QUEUED,
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
                    e.code() == ErrorCode.USER_OFFLINE
                        ? new NodeEvent.Failed(Code.USER_OFFLINE, owner + " is not online")
                        : new NodeEvent.Failed(
                            Code.DOWNLOAD_FAILED,
                            "cannot download " + path + ": " + e.getMessage()));
              } catch (IOException e) {
                events.accept(
                    new NodeEvent.Failed(
                        Code.DOWNLOAD_FAILED, "cannot download " + path + ": " + e.getMessage()));
              }
            });
  }
}
