package p2pchat.app;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import p2pchat.app.admin.Terminals;
import p2pchat.registry.RegistryAdmin;
import p2pchat.registry.RequestFailedException;
import p2pchat.registry.store.PasswordHasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code p2pchat registry admin-create NAME}: creates an operator in a registry's database. */
@Command(
    name = "admin-create",
    mixinStandardHelpOptions = true,
    description =
        "Creates an operator (an admin identity, not a chat account) in the registry's database,"
            + " for `p2pchat admin`. Works whether the registry runs or not.")
final class AdminCreateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand RegistryCommand registry;

  @Parameters(
      paramLabel = "NAME",
      description = "The operator's name (as user names: 1-32 of letters, digits, _ - .).")
  String name;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "The registry's data folder (default: ~/.p2pchat/registry).")
  Path data;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description =
          "Read the password from the first line of FILE (else P2PCHAT_PASSWORD, else a prompt).")
  Path passwordFile;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<String> password = Passwords.fromFileOrEnv(passwordFile);
    if (password.isEmpty()) {
      password = prompt();
      if (password.isEmpty()) {
        err.println("p2pchat: " + Passwords.missing());
        return 2;
      }
    }
    Path dataDir =
        data != null
            ? data
            : registry.data != null ? registry.data : RegistryCommand.defaultDataDir();
    try {
      RegistryAdmin.createAdmin(dataDir, name, password.get(), PasswordHasher.DEFAULT);
    } catch (RequestFailedException e) {
      err.println("p2pchat: " + e.getMessage());
      return 1;
    }
    out.println("admin " + name + " created in " + dataDir.toAbsolutePath().normalize());
    out.println("log in with: p2pchat admin --registry HOST:PORT --user " + name + " sessions");
    return 0;
  }

  /** Asks twice on the terminal; empty without one, or when the two answers differ. */
  private Optional<String> prompt() {
    Optional<Console> terminal = Terminals.console();
    if (terminal.isEmpty()) {
      return Optional.empty();
    }
    Console console = terminal.get();
    char[] first = console.readPassword("choose a password for admin %s: ", name);
    char[] second = console.readPassword("the same password again: ");
    if (first == null || second == null || !Arrays.equals(first, second)) {
      throw new IllegalArgumentException("the two passwords differ; nothing was created");
    }
    return Optional.of(new String(first));
  }
}
