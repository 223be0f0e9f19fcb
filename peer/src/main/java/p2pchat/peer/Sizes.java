package p2pchat.peer;

import java.util.Locale;

/** Byte counts as people read them: 999 B, 1.2 kB, 3.4 MB, 5.6 GB (powers of 1000). */
public final class Sizes {
  private Sizes() {}

  /** {@code bytes} with a unit, one decimal above bytes. */
  public static String bytes(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB", "PB", "EB"};
    double value = bytes;
    int unit = -1;
    while (value >= 999.95 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
