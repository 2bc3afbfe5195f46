package dev.doctor.plugins.codexbwrap;

import dev.doctor.api.Command;
import dev.doctor.api.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the namespace probes in order, stopping at the first that fails: the network probe needs
 * the user namespace as well, so after a failed user probe it would only fail the same way.
 * Thread-safe if its runner is.
 */
final class NamespaceProber {

  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  private final CommandRunner runner;

  NamespaceProber(CommandRunner runner) {
    this.runner = runner;
  }

  /** Probes {@code namespaces} one after another; the outcomes of those that ran, in order. */
  List<ProbeOutcome> probe(List<Namespace> namespaces) {
    var outcomes = new ArrayList<ProbeOutcome>();
    for (Namespace namespace : namespaces) {
      Command command = Command.of(namespace.probeArgv()).withTimeout(PROBE_TIMEOUT);
      ProbeOutcome outcome = new ProbeOutcome(namespace, runner.run(command));
      outcomes.add(outcome);
      if (!outcome.passed()) {
        break;
      }
    }
    return outcomes;
  }
}
