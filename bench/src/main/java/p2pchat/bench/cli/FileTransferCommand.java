package p2pchat.bench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import p2pchat.bench.scenario.FileTransfer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench file-transfer}. */
@Command(
    name = "file-transfer",
    mixinStandardHelpOptions = true,
    description =
        "One generated file downloaded peer to peer over loopback from one, two and three sources,"
            + " with the raw TCP copy (the ceiling) and SHA-256 on one core (the hashing ceiling)"
            + " measured in the same run.")
public final class FileTransferCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin Output output;

  @Option(
      names = "--size",
      converter = Converters.Sizes.class,
      description =
          "Size of the generated file: bytes, or with k, m, g (default: ${DEFAULT-VALUE}).",
      defaultValue = "1g")
  long size;

  @Option(
      names = "--runs",
      description =
          "Downloads from each number of sources (one, two, three); the median and best are"
              + " reported (default: ${DEFAULT-VALUE}).",
      defaultValue = "3")
  int runs;

  @Option(
      names = "--dir",
      description = "Folder for the file and its copies (default: the temp folder).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    Output.quietLogs();
    var print = spec.commandLine().getOut();
    Path where = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"));
    var result = FileTransfer.run(new FileTransfer.Params(size, where, runs), print);
    return output.finish(result, print);
  }
}
