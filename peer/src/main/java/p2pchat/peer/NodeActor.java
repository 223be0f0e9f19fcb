package p2pchat.peer;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one actor thread: the state of its features (conversations, links, groups, remote
 * commands) changes only in tasks run here, one at a time, and every event leaves from here, in the
 * order the node published it ({@link EventStream}). Listeners run here as well, never on a network
 * thread: one that blocks holds up this node's events and state changes, but not its connections.
 */
final class NodeActor implements Executor {
  private static final Logger LOG = LoggerFactory.getLogger(NodeActor.class);

  private final ExecutorService executor;
  private volatile Thread thread;

  /** An actor thread named after {@code userName}. */
  NodeActor(String userName) {
    this.executor =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread t = Thread.ofPlatform().name("node-" + userName).daemon().unstarted(task);
              thread = t;
              return t;
            });
  }

  /** Runs {@code task} on the actor after those before it; dropped once the node is closed. */
  @Override
  public void execute(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      LOG.debug("the node is closed: dropped {}", task);
    }
  }

  /** A sink that publishes each event to {@code stream} on the actor, in the order given. */
  Consumer<NodeEvent> events(EventStream stream) {
    return event -> execute(() -> stream.publish(event));
  }

  /**
   * The answer to {@code question}, asked on the actor; at once when already on it (a listener
   * asking), so that it cannot wait for itself.
   */
  <T> T ask(Callable<T> question) {
    if (Thread.currentThread() == thread) {
      try {
        return question.call();
      } catch (Exception e) {
        throw new IllegalStateException("the node did not answer", e);
      }
    }
    try {
      return executor.submit(question).get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking the node", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the node did not answer", e);
    }
  }

  /** Stops taking tasks and waits a little for those queued to finish. */
  void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
