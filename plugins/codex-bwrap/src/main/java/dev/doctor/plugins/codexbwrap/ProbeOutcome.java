package dev.doctor.plugins.codexbwrap;

import dev.doctor.api.CommandResult;
import java.util.Objects;

/**
 * What one probe came to. Immutable.
 *
 * @param probe the probe; never null
 * @param result the command's result; never null
 */
record ProbeOutcome(Probe probe, CommandResult result) {

  ProbeOutcome {
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(result, "result");
  }

  /** It exited 0. */
  boolean passed() {
    return result.succeeded();
  }

  /** It ran and said something about the host: not missing, not unstartable. */
  boolean ran() {
    return result.outcome() == CommandResult.Outcome.EXITED || result.outcome() == CommandResult.Outcome.TIMED_OUT;
  }

  /** The program is not installed. */
  boolean notFound() {
    return result.outcome() == CommandResult.Outcome.NOT_FOUND;
  }

  Symptom symptom() {
    return Symptom.of(result);
  }

  /** The probe as a user would type it. */
  String command() {
    return result.command().display();
  }

  /** e.g. {@code exit 0}, {@code exit 1}, {@code timed out after 5.0s}, {@code not found: unshare}. */
  String summary() {
    return result.summary();
  }

  /** The first stderr line, or null when there was none (so evidence leaves the key out). */
  String firstStderrLine() {
    String line = result.firstStderrLine();
    return line.isEmpty() ? null : line;
  }

  /** Why the probe did not run at all (not found, could not start); null otherwise. */
  String startError() {
    return result.error().isEmpty() ? null : result.error();
  }

  /** stdout's first line, trimmed ({@code bubblewrap 0.8.0}); empty if none. */
  String firstStdoutLine() {
    return result.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
  }
}
