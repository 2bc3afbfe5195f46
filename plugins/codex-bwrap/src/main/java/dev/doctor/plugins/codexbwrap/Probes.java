package dev.doctor.plugins.codexbwrap;

import dev.doctor.api.Command;
import dev.doctor.api.CommandResult;
import dev.doctor.api.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The probes of one run and what each came to. All of them start at once ({@link
 * CommandRunner#runAll}); each has a 5 second timeout. Immutable once run.
 */
final class Probes {

  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  private final Map<Probe, ProbeOutcome> outcomes;

  private Probes(Map<Probe, ProbeOutcome> outcomes) {
    this.outcomes = Collections.unmodifiableMap(outcomes);
  }

  /**
   * Which probes a run needs: the bwrap ones when there is a bwrap, the network ones only when
   * Codex isolates the network; the unshare ones always, to narrow down a failure.
   */
  static List<Probe> plan(boolean haveBwrap, boolean isolateNetwork) {
    var plan = new ArrayList<Probe>();
    if (haveBwrap) {
      plan.add(Probe.BWRAP_VERSION);
      plan.add(Probe.BWRAP);
      if (isolateNetwork) {
        plan.add(Probe.BWRAP_NET);
      }
    }
    plan.add(Probe.USER);
    if (isolateNetwork) {
      plan.add(Probe.NETWORK);
    }
    plan.add(Probe.MOUNT);
    return plan;
  }

  /** Runs {@code plan} in parallel through {@code runner}. */
  static Probes run(CommandRunner runner, List<Probe> plan, Optional<BwrapBinary> bwrap) {
    String path = bwrap.map(BwrapBinary::realPath).orElse("bwrap");
    List<Command> commands = plan.stream()
        .map(p -> Command.of(p.argv(path)).withTimeout(PROBE_TIMEOUT))
        .toList();
    List<CommandResult> results = runner.runAll(commands);
    var outcomes = new EnumMap<Probe, ProbeOutcome>(Probe.class);
    for (int i = 0; i < plan.size() && i < results.size(); i++) {
      outcomes.put(plan.get(i), new ProbeOutcome(plan.get(i), results.get(i)));
    }
    return new Probes(outcomes);
  }

  Optional<ProbeOutcome> get(Probe probe) {
    return Optional.ofNullable(outcomes.get(probe));
  }

  /** Every outcome, in probe order. */
  List<ProbeOutcome> all() {
    return List.copyOf(outcomes.values());
  }

  /** The probe failed, having run (a missing unshare says nothing about the host). */
  boolean refused(Probe probe) {
    return get(probe).map(o -> !o.passed() && !o.notFound()).orElse(false);
  }

  /** The symptom of {@code probe}, {@link Symptom#NONE} if it did not run or passed. */
  Symptom symptom(Probe probe) {
    return get(probe).map(ProbeOutcome::symptom).orElse(Symptom.NONE);
  }

  /** The {@code bwrap --version} output, e.g. {@code 0.8.0}; empty when unknown. */
  String bwrapVersion() {
    return get(Probe.BWRAP_VERSION)
        .filter(ProbeOutcome::passed)
        .map(o -> o.firstStdoutLine().replaceFirst("(?i)^bubblewrap\\s+", ""))
        .orElse("");
  }
}
