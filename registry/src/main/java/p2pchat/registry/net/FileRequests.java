package p2pchat.registry.net;

import io.netty.channel.ChannelHandlerContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import p2pchat.protocol.Limits;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.FileIndexMessage;
import p2pchat.protocol.message.FileIndexMessage.FileEntry;
import p2pchat.protocol.message.FileIndexMessage.FilesPage;
import p2pchat.protocol.message.FileIndexMessage.ListFiles;
import p2pchat.protocol.message.FileIndexMessage.LocateFile;
import p2pchat.protocol.message.FileIndexMessage.PublishFiles;
import p2pchat.protocol.message.FileIndexMessage.SearchFiles;
import p2pchat.protocol.message.FileIndexMessage.SharedFile;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.RegistryMessage.Done;
import p2pchat.registry.RequestFailedException;
import p2pchat.registry.service.FileIndex;

/**
 * One connection's requests about shared files: publishing its user's list (page by page, taking
 * effect with the last page) and listing, searching and locating the files of others. Only a
 * logged-in user may make them; the list goes when the session does.
 */
final class FileRequests {
  private final ConnectionHandler c;
  private List<SharedFile> publishing; // the pages of a publication so far
  private boolean cleanupHooked;

  FileRequests(ConnectionHandler connection) {
    this.c = connection;
  }

  void handle(ChannelHandlerContext ctx, FileIndexMessage message) throws ProtocolException {
    switch (message) {
      case PublishFiles p -> publish(ctx, p);
      case ListFiles l -> {
        if (loggedIn(ctx, l, l.requestId())) {
          list(ctx, l);
        }
      }
      case SearchFiles s -> {
        if (loggedIn(ctx, s, s.requestId())) {
          send(ctx, s.requestId(), index().search(c.session(), s.text()));
          c.ok(s);
        }
      }
      case LocateFile f -> {
        if (loggedIn(ctx, f, f.requestId())) {
          send(ctx, f.requestId(), index().locate(c.session(), f.sha256()));
          c.ok(f);
        }
      }
      case FilesPage m -> throw ConnectionHandler.unexpected(m);
    }
  }

  private FileIndex index() {
    return c.core().files();
  }

  private void publish(ChannelHandlerContext ctx, PublishFiles p) throws ProtocolException {
    if (!loggedIn(ctx, p, p.requestId())) {
      return;
    }
    if (p.first()) {
      publishing = new ArrayList<>();
    } else if (publishing == null) {
      throw new ProtocolException("a page of a file list without its first page");
    }
    if (publishing.size() + p.files().size() > Limits.MAX_SHARED_FILES) {
      publishing = null;
      c.fail(
          ctx,
          p,
          p.requestId(),
          new RequestFailedException(
              ErrorCode.TOO_MANY_FILES,
              "the registry keeps at most "
                  + Limits.MAX_SHARED_FILES
                  + " shared files per user; share fewer"));
      return;
    }
    publishing.addAll(p.files());
    if (p.last()) {
      index().publish(c.session(), publishing);
      publishing = null;
      if (!cleanupHooked) {
        cleanupHooked = true;
        var session = c.session();
        c.onClose(() -> index().remove(session));
      }
    }
    ctx.writeAndFlush(new Done(p.requestId()));
    c.ok(p);
  }

  private void list(ChannelHandlerContext ctx, ListFiles l) {
    if (l.owner().isEmpty()) {
      send(ctx, l.requestId(), index().all(c.session()));
      c.ok(l);
      return;
    }
    Optional<List<FileEntry>> files = index().filesOf(c.session(), l.owner());
    if (files.isEmpty()) {
      c.fail(
          ctx,
          l,
          l.requestId(),
          new RequestFailedException(ErrorCode.USER_OFFLINE, l.owner() + " is not online"));
      return;
    }
    send(ctx, l.requestId(), files.get());
    c.ok(l);
  }

  /** Sends {@code files} in pages; a list is never cut, an empty one is one empty page. */
  private void send(ChannelHandlerContext ctx, int requestId, List<FileEntry> files) {
    Pages.send(
        ctx,
        files,
        Math.min(c.core().config().pageSize(), Limits.MAX_FILES_PER_PAGE),
        (page, last) -> new FilesPage(requestId, page, last));
  }

  /** True if this connection is a logged-in user's; otherwise refuses the request. */
  private boolean loggedIn(ChannelHandlerContext ctx, Message request, int requestId) {
    if (c.session() != null) {
      return true;
    }
    c.fail(
        ctx,
        request,
        requestId,
        new RequestFailedException(
            c.adminName() != null ? ErrorCode.FORBIDDEN : ErrorCode.NOT_LOGGED_IN,
            c.adminName() != null
                ? "file requests need a chat login on a connection of their own"
                : "log in first"));
    return false;
  }
}
