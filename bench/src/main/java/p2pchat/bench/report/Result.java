package p2pchat.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one scenario run measured: its parameters, its metrics in the order they print (each with
 * its unit and, where the issue sets one, its target), notes, and where it ran. Printed as a table
 * and written as JSON.
 */
public final class Result {
  /** How a metric compares with its target. */
  public enum Verdict {
    MET,
    SHORT,
    NONE
  }

  /**
   * One measured number.
   *
   * @param section the group it prints under (e.g. "ramp", "hold")
   * @param name what was measured
   * @param value the number
   * @param unit its unit ("ms", "sessions/s", "MB/s"...)
   * @param target the target as text, empty if none
   * @param verdict whether the target is met
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Metric(
      String section, String name, double value, String unit, String target, Verdict verdict) {}

  private final String scenario;
  private final Instant started = Instant.now();
  private final Map<String, Object> parameters = new LinkedHashMap<>();
  private final List<Metric> metrics = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Map<String, Object> machine = Machine.describe();
  private Instant finished;

  /** An empty result of {@code scenario}. */
  public Result(String scenario) {
    this.scenario = scenario;
  }

  public String scenario() {
    return scenario;
  }

  /** Records a parameter of the run. */
  public Result parameter(String name, Object value) {
    parameters.put(name, value);
    return this;
  }

  /** Adds a metric without a target. */
  public Result metric(String section, String name, double value, String unit) {
    metrics.add(new Metric(section, name, value, unit, "", Verdict.NONE));
    return this;
  }

  /** Adds a metric that should be at least {@code min}. */
  public Result atLeast(String section, String name, double value, String unit, double min) {
    metrics.add(
        new Metric(
            section,
            name,
            value,
            unit,
            ">= " + Table.number(min),
            value >= min ? Verdict.MET : Verdict.SHORT));
    return this;
  }

  /** Adds a metric that should be at most {@code max}. */
  public Result atMost(String section, String name, double value, String unit, double max) {
    metrics.add(
        new Metric(
            section,
            name,
            value,
            unit,
            "<= " + Table.number(max),
            value <= max ? Verdict.MET : Verdict.SHORT));
    return this;
  }

  /** Adds a metric with a target written out ({@code met} says whether it holds). */
  public Result target(
      String section, String name, double value, String unit, String target, boolean met) {
    metrics.add(new Metric(section, name, value, unit, target, met ? Verdict.MET : Verdict.SHORT));
    return this;
  }

  /** Adds p50, p99, p99.9 (if {@code withP999}) and max of {@code h} (nanoseconds) in ms. */
  public Result latencies(String section, String what, Histogram h, boolean withP999) {
    metric(section, what + " p50", Table.millis(h.percentile(50)), "ms");
    metric(section, what + " p99", Table.millis(h.percentile(99)), "ms");
    if (withP999) {
      metric(section, what + " p99.9", Table.millis(h.percentile(99.9)), "ms");
    }
    metric(section, what + " max", Table.millis(h.max()), "ms");
    return this;
  }

  /** Adds a note printed under the table. */
  public Result note(String text) {
    notes.add(text);
    return this;
  }

  public List<Metric> metrics() {
    return List.copyOf(metrics);
  }

  public List<String> notes() {
    return List.copyOf(notes);
  }

  /** The value of the first metric called {@code name}; throws if there is none. */
  public double value(String name) {
    return metrics.stream()
        .filter(m -> m.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no metric " + name))
        .value();
  }

  /** Marks the run finished (for the JSON's timing). */
  public Result finish() {
    finished = Instant.now();
    machine.put("loadAverageAtEnd", Machine.loadAverage());
    return this;
  }

  /** Prints the table and notes. */
  public void print(PrintWriter out) {
    out.println();
    out.println("== " + scenario + " ==");
    out.println(
        "parameters: "
            + String.join(
                ", ",
                parameters.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    Table table = new Table("section", "metric", "value", "unit", "target", "");
    for (Metric m : metrics) {
      table.row(
          m.section(),
          m.name(),
          Table.number(m.value()),
          m.unit(),
          m.target(),
          switch (m.verdict()) {
            case MET -> "met";
            case SHORT -> "SHORT";
            case NONE -> "";
          });
    }
    table.print(out);
    for (String n : notes) {
      out.println("note: " + n);
    }
    out.println(
        String.format(
            Locale.ROOT,
            "machine: %s cores, %s, load average %s at start, %s at end",
            machine.get("cores"),
            machine.get("java"),
            machine.get("loadAverageAtStart"),
            machine.get("loadAverageAtEnd")));
    out.flush();
  }

  /** Writes the result as JSON to {@code file}, creating its folder. */
  public void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", scenario);
    json.put("started", started.toString());
    json.put("finished", finished == null ? null : finished.toString());
    json.put("machine", machine);
    json.put("parameters", parameters);
    json.put("metrics", metrics);
    json.put("notes", notes);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
  }
}
