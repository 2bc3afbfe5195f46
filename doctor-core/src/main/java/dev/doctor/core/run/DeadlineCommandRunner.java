package dev.doctor.core.run;

import dev.doctor.api.Command;
import dev.doctor.api.CommandResult;
import dev.doctor.api.CommandRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Keeps a check's commands inside the check's deadline: each command's timeout is cut to the time
 * the check has left, so a check that ignores its deadline cannot leave processes running after
 * the host has given up on it.
 */
final class DeadlineCommandRunner implements CommandRunner {

  private static final Duration FLOOR = Duration.ofMillis(1);

  private final CommandRunner delegate;
  private final Instant deadline;

  DeadlineCommandRunner(CommandRunner delegate, Instant deadline) {
    this.delegate = delegate;
    this.deadline = deadline;
  }

  @Override
  public CommandResult run(Command command) {
    return delegate.run(bounded(command));
  }

  @Override
  public List<CommandResult> runAll(List<Command> commands) {
    return delegate.runAll(commands.stream().map(this::bounded).toList());
  }

  private Command bounded(Command command) {
    Duration left = Duration.between(Instant.now(), deadline);
    if (left.compareTo(FLOOR) < 0) {
      left = FLOOR;
    }
    return left.compareTo(command.timeout()) < 0 ? command.withTimeout(left) : command;
  }
}
