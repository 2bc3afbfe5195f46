package dev.doctor.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What came of running a {@link Command}. A failing command is a value, not an exception.
 *
 * @param command what was run; never null
 * @param outcome never null
 * @param exitCode the exit status when {@link Outcome#EXITED}, else -1
 * @param stdout captured standard output (UTF-8, at most the host's cap); never null
 * @param stderr captured standard error, likewise; never null
 * @param stdoutTruncated whether output beyond the cap was dropped
 * @param stderrTruncated likewise for standard error
 * @param duration wall time from start to end (or to giving up); never null
 * @param error why it did not run (for {@code NOT_FOUND}, {@code FAILED_TO_START}); never null, empty otherwise
 */
public record CommandResult(
    Command command,
    Outcome outcome,
    int exitCode,
    String stdout,
    String stderr,
    boolean stdoutTruncated,
    boolean stderrTruncated,
    Duration duration,
    String error) {

  /** How a command ended. */
  public enum Outcome {
    /** The process exited by itself; see {@link #exitCode()}. */
    EXITED,
    /** The timeout passed (or the check was abandoned) and the process tree was ended. */
    TIMED_OUT,
    /** The program does not exist on {@code PATH} or at the path given. */
    NOT_FOUND,
    /** The program exists but could not be started (permissions, bad directory, ...). */
    FAILED_TO_START
  }

  public CommandResult {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(error, "error");
  }

  /** Exited with status 0. */
  public boolean succeeded() {
    return outcome == Outcome.EXITED && exitCode == 0;
  }

  /** The first non-blank line of stderr, trimmed; empty if none. */
  public String firstStderrLine() {
    return stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
  }

  /** Outcome and sizes only: captured output may hold secrets, so it is never part of the string form. */
  @Override
  public String toString() {
    return "CommandResult[" + command + ", " + summary() + ", stdout=" + stdout.length() + " chars"
        + (stdoutTruncated ? " (truncated)" : "") + ", stderr=" + stderr.length() + " chars"
        + (stderrTruncated ? " (truncated)" : "") + ", duration=" + duration.toMillis() + " ms]";
  }

  /** A short description such as {@code exit 1}, {@code timed out after 5s}, {@code not found}. */
  public String summary() {
    return switch (outcome) {
      case EXITED -> "exit " + exitCode;
      case TIMED_OUT -> "timed out after " + command.timeout().toMillis() / 1000.0 + "s";
      case NOT_FOUND -> "not found: " + command.argv().get(0);
      case FAILED_TO_START -> "failed to start: " + error;
    };
  }
}
