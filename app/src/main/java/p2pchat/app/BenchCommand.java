package p2pchat.app;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code p2pchat bench SCENARIO}: listed here so that {@code p2pchat --help} names it, but run from
 * a jar of its own ({@code bench/target/p2pchat-bench.jar}, which the launcher picks), so that this
 * jar carries neither JMH nor Jackson. Reached only when this jar is run by hand.
 */
@Command(
    name = "bench",
    description =
        "Benchmarks that talk only to 127.0.0.x: each prints a table and writes a JSON result"
            + " (`./p2pchat bench --help`; see docs/BENCHMARKS.md).")
final class BenchCommand implements Callable<Integer> {
  @Parameters(hidden = true)
  List<String> ignored = List.of();

  @Override
  public Integer call() {
    System.err.println(
        "p2pchat: the benchmarks run from a jar of their own: ./p2pchat bench SCENARIO, or java"
            + " -jar bench/target/p2pchat-bench.jar SCENARIO");
    return 2;
  }
}
