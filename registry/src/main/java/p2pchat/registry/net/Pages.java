package p2pchat.registry.net;

import io.netty.channel.ChannelHandlerContext;
import java.util.List;
import java.util.function.BiFunction;
import p2pchat.protocol.message.Message;

/** Answers a list in pages: never cut, an empty list is one empty page, one flush for all. */
final class Pages {
  private Pages() {}

  /**
   * Writes {@code items} as pages of at most {@code pageSize}, each made by {@code page} from its
   * slice and whether it is the last, then flushes once.
   */
  static <T> void send(
      ChannelHandlerContext ctx,
      List<T> items,
      int pageSize,
      BiFunction<List<T>, Boolean, Message> page) {
    int from = 0;
    do {
      int to = Math.min(items.size(), from + pageSize);
      ctx.write(page.apply(items.subList(from, to), to == items.size()));
      from = to;
    } while (from < items.size());
    ctx.flush();
  }
}
