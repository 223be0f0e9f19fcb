package p2pchat.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.registry.RegistryConfig;
import p2pchat.registry.limits.ConnectionSlots;
import p2pchat.registry.limits.Rate;
import picocli.CommandLine;

/** The registry's options: their defaults are the registry's, and each reaches its setting. */
class RegistryCommandTest {
  @TempDir Path data;

  private RegistryCommand parse(String... args) {
    CommandLine cli = Main.commandLine();
    CommandLine.ParseResult result = cli.parseArgs(args);
    return result.subcommand().commandSpec().commandLine().getCommand();
  }

  @Test
  void theDefaultsOfTheOptionsAreTheRegistryDefaults() {
    RegistryCommand command = parse("registry", "--data", data.toString());

    assertThat(command.config()).isEqualTo(RegistryConfig.defaults(data));
  }

  @Test
  void limitsAndRetentionComeFromTheOptions() {
    RegistryConfig config =
        parse(
                "registry",
                "--data",
                data.toString(),
                "--handshake-timeout",
                "2s",
                "--max-connections-per-address",
                "7",
                "--max-pending-per-address",
                "3",
                "--max-pending",
                "40",
                "--login-rate-per-address",
                "5/10s",
                "--login-rate-per-account",
                "off",
                "--register-rate-per-address",
                "2/1d",
                "--request-rate-per-address",
                "100/1m",
                "--request-rate-per-account",
                "50/1m",
                "--history-retention",
                "7d")
            .config();

    assertThat(config.handshakeTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.connections()).isEqualTo(new ConnectionSlots.Settings(7, 3, 40));
    assertThat(config.rates().loginsPerAddress()).isEqualTo(new Rate(5, Duration.ofSeconds(10)));
    assertThat(config.rates().loginsPerAccount().limited()).isFalse();
    assertThat(config.rates().registrationsPerAddress()).hasToString("2/1d");
    assertThat(config.rates().requestsPerAddress()).hasToString("100/1m");
    assertThat(config.rates().requestsPerAccount()).hasToString("50/1m");
    assertThat(config.historyRetention()).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void aRateThatIsNotOneIsRefusedWithASentence() {
    assertThatThrownBy(() -> parse("registry", "--login-rate-per-address", "lots"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("'lots' is not a rate; write COUNT/DURATION such as 30/1m");
  }

  @Test
  @Timeout(60) // a registry started on the empty file would run until stopped
  void anEmptyDatabaseStopsTheStartWithTheSentenceOnStandardError() throws Exception {
    Path db = data.resolve("registry.db");
    Files.createFile(db);
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err, true));

    int status = cli.execute("registry", "--data", data.toString(), "--port", "0", "--no-console");

    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "p2pchat: the registry database "
                + db.toAbsolutePath()
                + " is empty (0 bytes): refusing to open it;"
                + " restore it from a backup, or move it away to start an empty registry"
                + System.lineSeparator());
    assertThat(Files.size(db)).isZero();
  }
}
