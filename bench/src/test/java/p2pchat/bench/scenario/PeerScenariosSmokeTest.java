package p2pchat.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.bench.cli.BenchMain;
import p2pchat.bench.report.Result;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import picocli.CommandLine;

/** The chat and file scenarios at a tiny size: they finish and report. */
@ExtendWith(UncaughtExceptionsExtension.class)
class PeerScenariosSmokeTest {
  @TempDir Path tmp;

  @Test
  void chatLatencyRunsFromTheCommandLineAndWritesJson() throws Exception {
    Path json = tmp.resolve("chat.json");
    StringWriter printed = new StringWriter();
    CommandLine cli = new CommandLine(new BenchMain());
    cli.setOut(new PrintWriter(printed, true));
    int status =
        cli.execute(
            "chat-latency",
            "--round-trips",
            "50",
            "--warmup",
            "10",
            "--messages",
            "200",
            "--out",
            json.toString());
    assertThat(status).isZero();
    assertThat(printed.toString()).contains("== chat-latency ==", "p2pchat nodes", "plain TCP");
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.get("scenario").asText()).isEqualTo("chat-latency");
    assertThat(root.get("metrics")).isNotEmpty();
    assertThat(root.get("machine").get("cores").asInt()).isPositive();
  }

  @Test
  void fileTransferMeasuresTheCeilingsAndTheDownloads() throws Exception {
    Result r =
        FileTransfer.run(
            new FileTransfer.Params(3 * 1024 * 1024 + 5, tmp, 1),
            new PrintWriter(new StringWriter(), true));
    assertThat(r.value("raw copy arrived intact (SHA-256 equal)")).isEqualTo(1);
    assertThat(r.value("SHA-256, one core")).isPositive();
    for (String row :
        List.of(
            "download from 1 source, median",
            "download from 2 sources, median",
            "download from 3 sources, median")) {
      assertThat(r.value(row)).as(row).isPositive();
    }
    // Which sources sent what is reported (PeerDownloadsTest checks the split itself: with a file
    // this small, the first source to connect may send every chunk).
    assertThat(r.notes())
        .anyMatch(n -> n.startsWith("download from 3 sources, bytes sent by each"));
    assertThat(tmp).isEmptyDirectory();
  }
}
