package p2pchat.bench.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option converters: durations like {@code 500ms}, {@code 30s}, {@code 5m}, sizes like {@code 1g}.
 */
final class Converters {
  private Converters() {}

  /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
  static final class Durations implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      try {
        if (v.endsWith("ms")) {
          return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          default -> throw new NumberFormatException();
        };
      } catch (RuntimeException e) {
        throw new TypeConversionException(
            "'" + value + "' is not a duration: write it as 500ms, 30s, 5m or 1h");
      }
    }
  }

  /** Bytes: {@code 1048576}, {@code 64k}, {@code 100m}, {@code 1g} (powers of 1024). */
  static final class Sizes implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      try {
        char unit = v.charAt(v.length() - 1);
        long factor =
            switch (unit) {
              case 'k' -> 1L << 10;
              case 'm' -> 1L << 20;
              case 'g' -> 1L << 30;
              default -> 1;
            };
        String digits = factor == 1 ? v : v.substring(0, v.length() - 1);
        return Long.parseLong(digits) * factor;
      } catch (RuntimeException e) {
        throw new TypeConversionException(
            "'" + value + "' is not a size: write it as 1048576, 64k, 100m or 1g");
      }
    }
  }
}
