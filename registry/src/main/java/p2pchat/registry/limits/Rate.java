package p2pchat.registry.limits;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many events a token bucket lets through: up to {@code count} at once, and {@code count} per
 * {@code period} on average after that. Written {@code 30/1m} (30 a minute); {@code off} (count 0)
 * means no limit.
 */
public record Rate(int count, Duration period) {
  /** No limit. */
  public static final Rate OFF = new Rate(0, Duration.ofSeconds(1));

  private static final Pattern FORM = Pattern.compile("(\\d+)/(\\d+)(ms|s|m|h|d)");

  public Rate {
    if (count < 0) {
      throw new IllegalArgumentException("a rate's count cannot be negative: " + count);
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("a rate's period must be positive: " + period);
    }
  }

  /** Whether this rate limits anything. */
  public boolean limited() {
    return count > 0;
  }

  /** Reads {@code 30/1m}, {@code 200/10s}, {@code 20/1h}, {@code 5/1d} or {@code off}. */
  public static Rate parse(String text) {
    String t = text.trim();
    if (t.equals("off")) {
      return OFF;
    }
    Matcher m = FORM.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a rate; write COUNT/DURATION such as 30/1m or 200/10s, or off");
    }
    int count = Integer.parseInt(m.group(1));
    long n = Long.parseLong(m.group(2));
    Duration period =
        switch (m.group(3)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
    return new Rate(count, period);
  }

  /** The written form, as {@link #parse} reads it. */
  @Override
  public String toString() {
    if (!limited()) {
      return "off";
    }
    long ms = period.toMillis();
    String p;
    if (ms % 86_400_000 == 0) {
      p = ms / 86_400_000 + "d";
    } else if (ms % 3_600_000 == 0) {
      p = ms / 3_600_000 + "h";
    } else if (ms % 60_000 == 0) {
      p = ms / 60_000 + "m";
    } else if (ms % 1000 == 0) {
      p = ms / 1000 + "s";
    } else {
      p = ms + "ms";
    }
    return count + "/" + p;
  }
}
