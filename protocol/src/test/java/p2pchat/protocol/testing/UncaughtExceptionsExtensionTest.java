package p2pchat.protocol.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.launcher.listeners.TestExecutionSummary.Failure;

class UncaughtExceptionsExtensionTest {
  private static volatile boolean launchingSamples;

  static boolean launchingSamples() {
    return launchingSamples;
  }

  @Test
  void failsOnlyTheTestDuringWhichAnotherThreadThrew() {
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    TestExecutionSummary summary = launch(Samples.class);

    assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
    assertThat(summary.getFailures())
        .singleElement()
        .satisfies(
            failure -> {
              assertThat(failure.getTestIdentifier().getDisplayName()).isEqualTo("workerThrows()");
              assertThat(failure.getException())
                  .isInstanceOf(AssertionError.class)
                  .hasMessage("1 uncaught exception(s) in other threads during the test")
                  .cause()
                  .hasMessage("thread \"worker\" threw")
                  .cause()
                  .hasMessage("boom");
            });
    assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(before);
  }

  private static TestExecutionSummary launch(Class<?> testClass) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launchingSamples = true;
    try {
      LauncherFactory.create()
          .execute(
              LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(),
              listener);
    } finally {
      launchingSamples = false;
    }
    TestExecutionSummary summary = listener.getSummary();
    summary.getFailures().stream()
        .map(Failure::getException)
        .filter(e -> !(e instanceof AssertionError))
        .findFirst()
        .ifPresent(
            e -> {
              throw new AssertionError("a sample failed for an unexpected reason", e);
            });
    return summary;
  }

  /** Run only by the test above, through its own launcher. */
  @EnabledIf("p2pchat.protocol.testing.UncaughtExceptionsExtensionTest#launchingSamples")
  @ExtendWith(UncaughtExceptionsExtension.class)
  static class Samples {
    @Test
    void workerThrows() throws InterruptedException {
      Thread worker =
          new Thread(
              () -> {
                throw new IllegalStateException("boom");
              },
              "worker");
      worker.start();
      worker.join();
    }

    @Test
    void quiet() {}
  }
}
