package dev.doctor.testkit;

import dev.doctor.api.Command;
import dev.doctor.api.CommandResult;
import dev.doctor.api.CommandResult.Outcome;
import dev.doctor.api.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A {@link CommandRunner} that answers from a script instead of starting processes, and records
 * every command it was asked to run. Thread-safe.
 *
 * <pre>{@code
 * var runner = new ScriptedCommandRunner()
 *     .on("unshare", "--user", "--map-root-user", "true").exits(1, "", "unshare: Operation not permitted")
 *     .onProgram("docker").notFound();
 * }</pre>
 *
 * <p>Rules are tried in the order they were added; the first that matches answers. A command that
 * no rule matches fails the test with an {@link AssertionError} naming it, unless {@link
 * #otherwise()} says what to answer.
 */
public final class ScriptedCommandRunner implements CommandRunner {

  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<Command> calls = new CopyOnWriteArrayList<>();
  private volatile Answer fallback;

  /** Answers a command whose argv is exactly {@code argv}. */
  public Answer on(String... argv) {
    List<String> expected = List.of(argv);
    return add(c -> c.argv().equals(expected));
  }

  /** Answers a command whose argv starts with {@code prefix}. */
  public Answer onPrefix(String... prefix) {
    List<String> expected = List.of(prefix);
    return add(c -> c.argv().size() >= expected.size() && c.argv().subList(0, expected.size()).equals(expected));
  }

  /** Answers any command running {@code program} (argv[0]). */
  public Answer onProgram(String program) {
    return add(c -> c.argv().get(0).equals(program));
  }

  /** Answers any command {@code matcher} accepts. */
  public Answer when(Predicate<Command> matcher) {
    return add(matcher);
  }

  /** What to answer when no rule matches (by default such a command fails the test). */
  public Answer otherwise() {
    Answer answer = new Answer(this);
    fallback = answer;
    return answer;
  }

  private Answer add(Predicate<Command> matcher) {
    Answer answer = new Answer(this);
    rules.add(new Rule(matcher, answer));
    return answer;
  }

  @Override
  public CommandResult run(Command command) {
    calls.add(command);
    for (Rule rule : rules) {
      if (rule.matcher.test(command)) {
        return rule.answer.resultFor(command);
      }
    }
    if (fallback != null) {
      return fallback.resultFor(command);
    }
    throw new AssertionError("unexpected command: " + command.display());
  }

  /** Every command run so far, in order. */
  public List<Command> calls() {
    return List.copyOf(calls);
  }

  /** The argv of every command run so far, each joined by spaces. */
  public List<String> commandLines() {
    var lines = new ArrayList<String>();
    calls.forEach(c -> lines.add(String.join(" ", c.argv())));
    return lines;
  }

  /** True if some command run so far had exactly this argv. */
  public boolean ran(String... argv) {
    List<String> expected = List.of(argv);
    return calls.stream().anyMatch(c -> c.argv().equals(expected));
  }

  private record Rule(Predicate<Command> matcher, Answer answer) {}

  /** The scripted reply for one rule; each method completes the rule and returns the runner. */
  public static final class Answer {
    private final ScriptedCommandRunner runner;
    private Outcome outcome = Outcome.EXITED;
    private int exitCode;
    private String stdout = "";
    private String stderr = "";
    private String error = "";
    private Duration duration = Duration.ofMillis(1);

    private Answer(ScriptedCommandRunner runner) {
      this.runner = runner;
    }

    /** Exits 0 with {@code stdout}. */
    public ScriptedCommandRunner succeeds(String stdout) {
      return exits(0, stdout, "");
    }

    public ScriptedCommandRunner succeeds() {
      return exits(0, "", "");
    }

    public ScriptedCommandRunner exits(int exitCode, String stdout, String stderr) {
      this.outcome = Outcome.EXITED;
      this.exitCode = exitCode;
      this.stdout = stdout;
      this.stderr = stderr;
      return runner;
    }

    /** Behaves as if the command ran into its timeout (returns at once; nothing sleeps). */
    public ScriptedCommandRunner timesOut() {
      this.outcome = Outcome.TIMED_OUT;
      this.exitCode = -1;
      return runner;
    }

    /** Behaves as if the program is not installed. */
    public ScriptedCommandRunner notFound() {
      this.outcome = Outcome.NOT_FOUND;
      this.exitCode = -1;
      this.error = "No such file or directory";
      return runner;
    }

    public ScriptedCommandRunner failsToStart(String error) {
      this.outcome = Outcome.FAILED_TO_START;
      this.exitCode = -1;
      this.error = error;
      return runner;
    }

    CommandResult resultFor(Command command) {
      Duration took = outcome == Outcome.TIMED_OUT ? command.timeout() : duration;
      return new CommandResult(command, outcome, exitCode, stdout, stderr, false, false, took, error);
    }
  }
}
