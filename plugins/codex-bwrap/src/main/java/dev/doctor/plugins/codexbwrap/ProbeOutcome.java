package dev.doctor.plugins.codexbwrap;

import dev.doctor.api.CommandResult;
import java.util.Objects;

/**
 * What one namespace probe came to. Immutable.
 *
 * @param namespace the namespace kind probed; never null
 * @param result the probe command's result; never null
 */
record ProbeOutcome(Namespace namespace, CommandResult result) {

  ProbeOutcome {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(result, "result");
  }

  /** The host let the probe create the namespace: it exited 0. */
  boolean passed() {
    return result.succeeded();
  }

  /** {@code unshare} is not installed, so this probe says nothing about the namespace. */
  boolean unshareMissing() {
    return result.outcome() == CommandResult.Outcome.NOT_FOUND;
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
}
