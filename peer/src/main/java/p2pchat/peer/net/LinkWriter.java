package p2pchat.peer.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.VoidChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one link has to write, from any thread, in the order given. A message queues here and at
 * most one task on the link's event loop is pending: it writes everything waiting and flushes once.
 * A lone message costs the same one hand-off to the event loop as {@code writeAndFlush} from
 * outside it, while a burst goes out in one flush (so in as few TLS records and system calls as the
 * TLS handler makes of it) instead of a task, a TLS record and a system call per message.
 */
final class LinkWriter implements Runnable {
  /** One message and the promise to complete when it is written, or null if no one asks. */
  private record Pending(Object message, ChannelPromise promise) {}

  private final Channel channel;

  /**
   * For the messages no one waits for: a failed write says nothing (as an ignored future would),
   * rather than firing one exception per message down a pipeline whose connection is gone anyway.
   */
  private final ChannelPromise unwatched;

  private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  LinkWriter(Channel channel) {
    this.channel = channel;
    this.unwatched = new VoidChannelPromise(channel, false);
  }

  /**
   * Queues {@code message}; {@code promise}, if not null, completes once it is written (or fails if
   * the connection closed first).
   */
  void write(Object message, ChannelPromise promise) {
    queue.add(new Pending(message, promise));
    if (!scheduled.compareAndSet(false, true)) {
      return; // a pending drain takes this message too
    }
    EventLoop loop = channel.eventLoop();
    if (loop.inEventLoop()) {
      run();
      return;
    }
    try {
      loop.execute(this);
    } catch (RejectedExecutionException e) {
      dropAll(); // the node is closing: the connection is gone with its event loop
    }
  }

  /** Writes all that waits, then flushes once; runs on the event loop. */
  @Override
  public void run() {
    // Cleared before draining: a message queued from now on either is taken below or schedules
    // another run (which may then find nothing to do).
    scheduled.set(false);
    boolean wrote = false;
    Pending p;
    while ((p = queue.poll()) != null) {
      channel.write(p.message(), p.promise() != null ? p.promise() : unwatched);
      wrote = true;
    }
    if (wrote) {
      channel.flush();
    }
  }

  private void dropAll() {
    Pending p;
    while ((p = queue.poll()) != null) {
      if (p.promise() != null) {
        p.promise().tryFailure(new ClosedChannelException());
      }
      ReferenceCountUtil.release(p.message());
    }
  }
}
