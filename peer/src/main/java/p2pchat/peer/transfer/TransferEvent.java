package p2pchat.peer.transfer;

import java.nio.file.Path;

/** What downloads tell the node. Each reads as one line to a person. */
public sealed interface TransferEvent {
  /** The download as it was when the event happened. */
  TransferInfo info();

  /**
   * The manifest arrived and chunks are being fetched ({@code resumed}: some were here already).
   */
  record Started(TransferInfo info, boolean resumed) implements TransferEvent {}

  /** No source is online; the download resumes by itself when one is back. */
  record Waiting(TransferInfo info, String why) implements TransferEvent {}

  /**
   * {@code source} sent data that does not match its own manifest: reported, and not used again.
   */
  record BadSource(TransferInfo info, String source, String why) implements TransferEvent {}

  /** The file is complete, its SHA-256 checked, and renamed into place as {@code file}. */
  record Finished(TransferInfo info, Path file) implements TransferEvent {}

  /** The download cannot finish. */
  record Failed(TransferInfo info, String why) implements TransferEvent {}
}
