package p2pchat.protocol.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * Fails a test when another thread died of an uncaught exception while the test ran, which would
 * otherwise only be printed while the test passed. Use with
 * {@code @ExtendWith(UncaughtExceptionsExtension.class)}.
 *
 * <p>It sees what reaches the default uncaught exception handler: not exceptions a thread's own
 * handler takes, nor those an executor keeps in a {@code Future}, nor those Netty logs from its
 * event loops.
 */
public final class UncaughtExceptionsExtension implements BeforeEachCallback, AfterEachCallback {
  private static final Namespace NAMESPACE = Namespace.create(UncaughtExceptionsExtension.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    Recorder recorder = new Recorder(Thread.getDefaultUncaughtExceptionHandler());
    context.getStore(NAMESPACE).put(Recorder.class, recorder);
    Thread.setDefaultUncaughtExceptionHandler(recorder);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Recorder recorder = context.getStore(NAMESPACE).remove(Recorder.class, Recorder.class);
    Thread.setDefaultUncaughtExceptionHandler(recorder.previous);
    if (!recorder.caught.isEmpty()) {
      AssertionError failure =
          new AssertionError(
              recorder.caught.size() + " uncaught exception(s) in other threads during the test",
              recorder.caught.get(0));
      recorder.caught.stream().skip(1).forEach(failure::addSuppressed);
      throw failure;
    }
  }

  private static final class Recorder implements Thread.UncaughtExceptionHandler {
    final Thread.UncaughtExceptionHandler previous;
    final List<Throwable> caught = new CopyOnWriteArrayList<>();

    Recorder(Thread.UncaughtExceptionHandler previous) {
      this.previous = previous;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable e) {
      caught.add(new IllegalStateException("thread \"" + thread.getName() + "\" threw", e));
    }
  }
}
