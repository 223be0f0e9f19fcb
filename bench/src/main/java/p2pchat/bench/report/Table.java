package p2pchat.bench.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A plain-text table with columns as wide as their widest cell. */
public final class Table {
  private final String[] header;
  private final List<String[]> rows = new ArrayList<>();

  /** A table with these column titles. */
  public Table(String... header) {
    this.header = header.clone();
  }

  /** Adds a row; missing cells print empty. */
  public Table row(String... cells) {
    rows.add(cells.clone());
    return this;
  }

  /** Prints the header, a rule and the rows. */
  public void print(PrintWriter out) {
    int[] width = new int[header.length];
    for (int i = 0; i < header.length; i++) {
      width[i] = header[i].length();
      for (String[] r : rows) {
        width[i] = Math.max(width[i], i < r.length ? r[i].length() : 0);
      }
    }
    line(out, header, width);
    StringBuilder rule = new StringBuilder();
    for (int w : width) {
      rule.append("-".repeat(w)).append("  ");
    }
    out.println(rule.toString().stripTrailing());
    for (String[] r : rows) {
      line(out, r, width);
    }
  }

  private static void line(PrintWriter out, String[] cells, int[] width) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      String c = i < cells.length ? cells[i] : "";
      // Numbers right-aligned (the value column), text left-aligned.
      b.append(
          i == 2 ? " ".repeat(width[i] - c.length()) + c : c + " ".repeat(width[i] - c.length()));
      b.append("  ");
    }
    out.println(b.toString().stripTrailing());
  }

  /** A number as a person reads it: thousands grouped, up to three significant decimals. */
  public static String number(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    double a = Math.abs(v);
    if (a >= 1000 || v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 100) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (a >= 1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /** Nanoseconds as milliseconds. */
  public static double millis(long nanos) {
    return nanos / 1e6;
  }
}
