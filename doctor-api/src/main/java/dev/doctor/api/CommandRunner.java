package dev.doctor.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs external commands for checks, bounded by timeouts. Implementations are thread-safe and
 * never throw for a command that fails, times out or does not exist: that is in the result.
 */
public interface CommandRunner {

  /**
   * Runs one command and waits for it (at most its timeout, plus a short grace to end it). If the
   * calling thread is interrupted meanwhile (the host abandons a check that overran its deadline
   * that way), the process tree is ended, the result is {@code TIMED_OUT}, and the thread's
   * interrupt flag is set again.
   */
  CommandResult run(Command command);

  /** Shorthand for {@code run(Command.of(argv).withTimeout(timeout))}. */
  default CommandResult run(Duration timeout, String... argv) {
    return run(Command.of(argv).withTimeout(timeout));
  }

  /**
   * Runs several commands and returns their results in the same order. The host's runner starts
   * them all at once; this fallback runs them one after another.
   */
  default List<CommandResult> runAll(List<Command> commands) {
    var results = new ArrayList<CommandResult>(commands.size());
    for (Command command : commands) {
      results.add(run(command));
    }
    return results;
  }
}
