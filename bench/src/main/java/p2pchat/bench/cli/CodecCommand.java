package p2pchat.bench.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import p2pchat.bench.codec.FrameCodecBenchmark;
import p2pchat.bench.report.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bench codec}: the JMH microbenchmarks of the frame codec. */
@Command(
    name = "codec",
    mixinStandardHelpOptions = true,
    description =
        "JMH microbenchmarks of the frame codec: encodes and decodes per second of chat messages,"
            + " lookup answers and DATA frames. Arguments after -- go to JMH (e.g. -- -f 2 -i 10).")
public final class CodecCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin Output output;

  @Parameters(paramLabel = "JMH-ARGS", description = "JMH options (see -- -h).")
  List<String> jmhArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    var print = spec.commandLine().getOut();
    List<String> args = new ArrayList<>(jmhArgs);
    if (args.stream().noneMatch(a -> !a.startsWith("-") && !isOptionValue(args, a))) {
      args.add(FrameCodecBenchmark.class.getName());
    }
    Collection<RunResult> runs =
        new Runner(new CommandLineOptions(args.toArray(String[]::new))).run();
    Result r = new Result("codec");
    r.parameter("jmhArgs", String.join(" ", args));
    for (RunResult run : runs) {
      var params = run.getParams();
      String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
      StringBuilder label = new StringBuilder(name);
      for (String key : params.getParamsKeys()) {
        label.append(' ').append(key).append('=').append(params.getParam(key));
      }
      var primary = run.getPrimaryResult();
      double error = primary.getScoreError();
      r.metric(
          "codec",
          label.toString(),
          primary.getScore(),
          Double.isNaN(error)
              ? primary.getScoreUnit()
              : primary.getScoreUnit() + " +- " + p2pchat.bench.report.Table.number(error));
    }
    r.note("throughput on one thread; DATA payloads are passed on or sliced, never copied");
    return output.finish(r.finish(), print);
  }

  private static boolean isOptionValue(List<String> args, String a) {
    int i = args.indexOf(a);
    return i > 0 && args.get(i - 1).startsWith("-");
  }
}
