package p2pchat.app;

import p2pchat.protocol.ProtocolVersion;
import picocli.CommandLine.IVersionProvider;

/** Prints the software version and the wire protocol version. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      ProtocolVersion.SOFTWARE
          + " (wire protocol "
          + ProtocolVersion.CURRENT
          + ", Java "
          + Runtime.version()
          + ")"
    };
  }
}
