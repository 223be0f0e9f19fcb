package p2pchat.peer.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import p2pchat.protocol.Limits;

/**
 * Which remote commands a peer allows, read from {@code commands.conf} in its profile folder. No
 * file, or {@code enabled = false}, means none:
 *
 * <pre>
 * enabled = true
 * users = bob, carol                      # who may ask
 * time-limit = 10s                        # killed after this long (default 10s)
 * output-limit = 61440                    # bytes of output sent back (default and most: 61440)
 * max-running = 2                         # commands running at once (default 2)
 * answer-timeout = 30s                    # how long /run waits for another peer's answer
 * command uptime = /usr/bin/uptime
 * command disk   = /bin/df -h {/[A-Za-z0-9/_.-]*}
 * </pre>
 *
 * A command is an absolute program path and fixed arguments; each {@code {REGEX}} is an argument
 * the requester supplies, which must match REGEX whole. Nothing else can run: no shell, no argument
 * outside the patterns. {@code answer-timeout} is for the asking side: it applies to the commands
 * this user asks others to run, whether or not anyone may run commands here.
 */
public record CommandsConfig(
    boolean enabled,
    Set<String> users,
    Duration timeLimit,
    int outputLimit,
    int maxRunning,
    Duration answerTimeout,
    Map<String, AllowedCommand> commands) {
  /** File name inside a profile folder. */
  public static final String FILE_NAME = "commands.conf";

  /** The default time limit of a command. */
  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(10);

  /**
   * How long a requester waits for an answer by default: longer than the default time limit, and
   * than the time it takes to kill a command and send what it printed, so that a slow command on a
   * peer with the default settings is stopped by that peer (and said so) before its requester gives
   * up.
   */
  public static final Duration DEFAULT_ANSWER_TIMEOUT = Duration.ofSeconds(30);

  /** The default number of commands running at once. */
  public static final int DEFAULT_MAX_RUNNING = 2;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,32}");

  /** Remote commands switched off. */
  public static final CommandsConfig OFF =
      new CommandsConfig(
          false,
          Set.of(),
          DEFAULT_TIME_LIMIT,
          Limits.MAX_RUN_OUTPUT_BYTES,
          DEFAULT_MAX_RUNNING,
          DEFAULT_ANSWER_TIMEOUT,
          Map.of());

  /**
   * One allowed command: {@code argv} of literals and argument patterns.
   *
   * @param name what a requester asks for
   * @param argv the program (an absolute path), then fixed arguments and patterns
   */
  public record AllowedCommand(String name, List<Part> argv) {
    /** How many arguments a requester must give. */
    public int arguments() {
      return (int) argv.stream().filter(p -> p instanceof Part.Argument).count();
    }
  }

  /** A piece of a command line: fixed, or filled by the requester. */
  public sealed interface Part {
    /** A fixed word. */
    record Literal(String text) implements Part {}

    /** An argument the requester gives, which must match {@code pattern} whole. */
    record Argument(Pattern pattern) implements Part {}
  }

  /** Whether {@code user} may ask (names compare ignoring case). */
  public boolean allows(String user) {
    return users.contains(user.toLowerCase(Locale.ROOT));
  }

  /** The command named {@code name}, if allowed. */
  public Optional<AllowedCommand> command(String name) {
    return Optional.ofNullable(commands.get(name));
  }

  /** Reads the config in {@code profileDir}: {@link #OFF} when there is no file. */
  public static CommandsConfig load(Path profileDir) throws IOException {
    Path file = profileDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return OFF;
    }
    return parse(file, Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  /** Parses {@code lines} of {@code file}; throws naming the line that is wrong. */
  public static CommandsConfig parse(Path file, List<String> lines) throws IOException {
    boolean enabled = false;
    Set<String> users = new TreeSet<>();
    Duration timeLimit = DEFAULT_TIME_LIMIT;
    int outputLimit = Limits.MAX_RUN_OUTPUT_BYTES;
    int maxRunning = DEFAULT_MAX_RUNNING;
    Duration answerTimeout = DEFAULT_ANSWER_TIMEOUT;
    Map<String, AllowedCommand> commands = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + " line " + (i + 1) + ": ";
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new IOException(where + "expected KEY = VALUE, got \"" + line + "\"");
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      try {
        if (key.startsWith("command ")) {
          AllowedCommand command = command(key.substring("command ".length()).strip(), value);
          if (commands.putIfAbsent(command.name(), command) != null) {
            throw new IllegalArgumentException("command " + command.name() + " is listed twice");
          }
          continue;
        }
        value = withoutComment(value);
        switch (key) {
          case "enabled" -> enabled = bool(value);
          case "users" -> {
            for (String user : value.split("[,\\s]+")) {
              if (!user.isEmpty()) {
                users.add(user.toLowerCase(Locale.ROOT));
              }
            }
          }
          case "time-limit" -> timeLimit = duration(value, "time-limit");
          case "answer-timeout" -> {
            answerTimeout = duration(value, "answer-timeout");
            if (answerTimeout.isZero()) {
              throw new IllegalArgumentException("answer-timeout must be more than 0");
            }
          }
          case "output-limit" ->
              outputLimit = Math.min(positive(value, "output-limit"), Limits.MAX_RUN_OUTPUT_BYTES);
          case "max-running" -> maxRunning = positive(value, "max-running");
          default -> throw new IllegalArgumentException("unknown setting \"" + key + "\"");
        }
      } catch (IllegalArgumentException e) {
        throw new IOException(where + e.getMessage(), e);
      }
    }
    return new CommandsConfig(
        enabled,
        Set.copyOf(users),
        timeLimit,
        outputLimit,
        maxRunning,
        answerTimeout,
        Map.copyOf(commands));
  }

  private static AllowedCommand command(String name, String template) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "\"" + name + "\" is not a command name (1-32 letters, digits, _, - and .)");
    }
    List<Part> argv = new ArrayList<>();
    for (String word : template.split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (word.length() >= 2 && word.startsWith("{") && word.endsWith("}")) {
        try {
          argv.add(new Part.Argument(Pattern.compile(word.substring(1, word.length() - 1))));
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException(
              "the argument pattern "
                  + word
                  + " is not a regular expression: "
                  + e.getDescription());
        }
      } else {
        argv.add(new Part.Literal(word));
      }
    }
    if (argv.isEmpty() || !(argv.get(0) instanceof Part.Literal program)) {
      throw new IllegalArgumentException("command " + name + " must start with a program");
    }
    if (!Path.of(program.text()).isAbsolute()) {
      throw new IllegalArgumentException(
          "command "
              + name
              + ": the program must be an absolute path (such as /usr/bin/uptime), so that no"
              + " search path decides what runs");
    }
    return new AllowedCommand(name, List.copyOf(argv));
  }

  private static String withoutComment(String value) {
    int hash = value.indexOf('#');
    return (hash >= 0 ? value.substring(0, hash) : value).strip();
  }

  private static boolean bool(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new IllegalArgumentException("\"" + value + "\" is not true or false");
    };
  }

  private static int positive(String value, String what) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // the sentence below says what is wanted
    }
    throw new IllegalArgumentException(what + " must be a positive number, not \"" + value + "\"");
  }

  /** {@code 500ms}, {@code 10s}, {@code 5m}. */
  private static Duration duration(String value, String what) {
    var m = Pattern.compile("(\\d+)(ms|s|m)").matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          what + " must be like 500ms, 10s or 5m, not \"" + value + "\"");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      default -> Duration.ofMinutes(n);
    };
  }
}
