package p2pchat.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import p2pchat.protocol.ProtocolVersion;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;

/** Prints the build's version, the software and wire protocol versions, and Java's. */
final class VersionProvider implements IVersionProvider {
  /** Written by the build from the project's version. */
  private static final String RESOURCE = "version.properties";

  @Override
  public String[] getVersion() {
    return new String[] {
      "p2pchat "
          + build()
          + " ("
          + ProtocolVersion.SOFTWARE
          + ", wire protocol "
          + ProtocolVersion.CURRENT
          + ", Java "
          + Runtime.version()
          + ")"
    };
  }

  /**
   * Gives {@code cli} and every command under it this version: picocli does not pass a command's
   * version provider on to its subcommands, whose {@code -V} then prints an empty line.
   */
  static void applyTo(CommandLine cli) {
    VersionProvider provider = new VersionProvider();
    cli.getCommandSpec().versionProvider(provider);
    cli.getSubcommands().values().forEach(VersionProvider::applyTo);
  }

  /** The project version the build wrote, or "(unknown build)" when run from a bare tree. */
  static String build() {
    try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "(unknown build)";
      }
      Properties p = new Properties();
      p.load(in);
      String version = p.getProperty("version", "");
      return version.isBlank() || version.startsWith("${") ? "(unknown build)" : version;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
