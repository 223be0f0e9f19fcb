package p2pchat.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import p2pchat.bench.report.Result;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * The registry scenarios at a tiny size, each with its registry in a child JVM: they run to the end
 * and count what they should. Times are printed, never asserted.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class RegistryScenariosSmokeTest {
  private final StringWriter log = new StringWriter();
  private final PrintWriter out = new PrintWriter(log, true);

  @Test
  void registrySessionsHoldsEverySession() throws Exception {
    Result r =
        RegistrySessions.run(
            new RegistrySessions.Params(
                20, Duration.ofMillis(1500), Duration.ofSeconds(1), 1, 8, "256m", null),
            out);
    r.print(out);
    assertThat(r.value("sessions held (logged in)")).isEqualTo(20);
    assertThat(r.value("sessions on the registry at the end")).isEqualTo(20);
    assertThat(r.value("sessions answering a ping at the end")).isEqualTo(20);
    assertThat(r.value("connections dropped")).isZero();
    assertThat(r.value("heartbeat pings sent")).isPositive();
    assertThat(r.value("registry heap per session")).isPositive();
  }

  @Test
  void registryRequestsAnswersLookupsAndRefreshes() throws Exception {
    Result r =
        RegistryRequests.run(
            new RegistryRequests.Params(
                10, 5, Duration.ofMillis(500), Duration.ofMillis(500), 2, 1, 1, "256m", null),
            out);
    r.print(out);
    assertThat(r.metrics().stream().filter(m -> m.name().equals("answered")))
        .hasSize(2)
        .allSatisfy(m -> assertThat(m.value()).isPositive());
    assertThat(r.value("failures answered")).isZero();
    assertThat(r.value("connections dropped")).isZero();
  }

  @Test
  void presenceFanoutReachesEveryWatcher() throws Exception {
    Result r =
        PresenceFanout.run(new PresenceFanout.Params(List.of(3, 6), 2, 1, "256m", null), out);
    r.print(out);
    assertThat(r.metrics().stream().filter(m -> m.name().equals("watchers")).map(m -> m.value()))
        .containsExactly(2.0, 5.0);
    assertThat(r.value("JOINED seen max")).isPositive();
    assertThat(r.value("connections dropped")).isZero();
  }
}
