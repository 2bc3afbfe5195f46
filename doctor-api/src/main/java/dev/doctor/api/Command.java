package dev.doctor.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A command to run: an argv (never a shell string), a timeout, and optional extra environment,
 * standard input and working directory. Immutable; the {@code with*} methods return copies.
 *
 * @param argv program and arguments; never empty
 * @param timeout how long the command may run before its whole process tree is ended; positive
 * @param env variables added to (or replacing in) the host's environment; never null
 * @param stdin text written to standard input; null means standard input is closed
 * @param directory working directory; null means the host's
 * @param inheritEnvironment whether the command starts from the host's environment (true) or
 *     from {@code env} alone (false), as a tool that passes only chosen variables would run it
 */
public record Command(
    List<String> argv, Duration timeout, Map<String, String> env, String stdin, Path directory, boolean inheritEnvironment) {

  /** Used when a command states no timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public Command {
    argv = List.copyOf(argv);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv is empty");
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    env = Map.copyOf(env);
  }

  /** A command that inherits the host's environment. */
  public Command(List<String> argv, Duration timeout, Map<String, String> env, String stdin, Path directory) {
    this(argv, timeout, env, stdin, directory, true);
  }

  public static Command of(String... argv) {
    return new Command(List.of(argv), DEFAULT_TIMEOUT, Map.of(), null, null);
  }

  public static Command of(List<String> argv) {
    return new Command(argv, DEFAULT_TIMEOUT, Map.of(), null, null);
  }

  public Command withTimeout(Duration timeout) {
    return new Command(argv, timeout, env, stdin, directory, inheritEnvironment);
  }

  public Command withEnv(String name, String value) {
    var copy = new TreeMap<>(env);
    copy.put(name, value);
    return new Command(argv, timeout, copy, stdin, directory, inheritEnvironment);
  }

  public Command withStdin(String stdin) {
    return new Command(argv, timeout, env, stdin, directory, inheritEnvironment);
  }

  public Command withDirectory(Path directory) {
    return new Command(argv, timeout, env, stdin, directory, inheritEnvironment);
  }

  /** This command started from {@link #env()} alone, without the host's environment. */
  public Command withCleanEnvironment() {
    return new Command(argv, timeout, env, stdin, directory, false);
  }

  /**
   * Names what runs but not the environment values or standard input, which may hold secrets:
   * a command can end up in an assertion message or a log.
   */
  @Override
  public String toString() {
    return "Command[" + display() + ", timeout=" + timeout + ", env=" + env.keySet()
        + (inheritEnvironment ? "" : " (clean)") + ", stdin=" + (stdin == null ? "closed" : stdin.length() + " chars")
        + (directory == null ? "" : ", directory=" + directory) + "]";
  }

  /** The argv joined by spaces, quoting arguments that need it; for display only. */
  public String display() {
    var sb = new StringBuilder();
    for (String arg : argv) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      if (!arg.isEmpty() && arg.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./=:,@%+".indexOf(c) >= 0)) {
        sb.append(arg);
      } else {
        sb.append('\'').append(arg.replace("'", "'\\''")).append('\'');
      }
    }
    return sb.toString();
  }
}
