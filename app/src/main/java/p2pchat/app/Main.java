package p2pchat.app;

import p2pchat.protocol.text.Untrusted;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code p2pchat} command: one subcommand per face of the system. */
@Command(
    name = "p2pchat",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Peer-to-peer chat and file sharing over TLS 1.3, with a rendezvous registry.",
    subcommands = {
      RegistryCommand.class,
      p2pchat.app.chat.ChatCommand.class,
      p2pchat.app.admin.AdminCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for tests and {@link #main}. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.registerConverter(java.time.Duration.class, new DurationConverter());
    VersionProvider.applyTo(cli);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          // A registry's refusal is in the message, and a registry is on the network.
          commandLine
              .getErr()
              .println("p2pchat: " + Untrusted.show(String.valueOf(e.getMessage())));
          return 1;
        });
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
