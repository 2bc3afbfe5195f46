package dev.doctor.plugins.codexbwrap;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The evidence of a run that applied, whatever its outcome (shown with -v and in JSON). Stateless. */
final class RunEvidence {

  private RunEvidence() {}

  /**
   * What was read and probed: why the check applies, the bwrap found, every probe with its result
   * (and, for those not run, why not), how each sandbox mode fared, and the host's facts.
   */
  static Map<String, String> of(Survey s, Verdict v) {
    var evidence = new LinkedHashMap<String, String>();
    evidence.put("platform", "linux");
    evidence.put("sandbox.mode", Applicability.modeEvidence(s.applies().defaults().mode()));
    evidence.put("sandbox.docker.network", s.applies().defaults().networkDescription());
    evidence.put("applies.because", s.because());
    evidence.put("network-isolation", s.isolatesNetwork() ? "needed" : "not needed: every trigger shares the network");
    evidence.putAll(s.bwrapFacts());
    evidence.put("probes", s.probes().all().stream().map(o -> o.probe().label()).collect(Collectors.joining(", ")));
    for (Probe probe : Probe.values()) {
      String prefix = "probe." + probe.label() + ".";
      var outcome = s.probes().get(probe);
      if (outcome.isPresent()) {
        evidence.put(prefix + "command", outcome.get().command());
        evidence.put(prefix + "result", outcome.get().summary());
        if (outcome.get().firstStderrLine() != null) {
          evidence.put(prefix + "stderr", outcome.get().firstStderrLine());
        }
      } else {
        evidence.put(prefix + "result", probe.isBwrap() && s.bwrap().isEmpty()
            ? "not run: no system bwrap"
            : "not run: no trigger isolates the network, so Codex asks for no network namespace");
      }
    }
    evidence.put("mode.sandbox", describe(v.sandbox(), v, Cause.Scope.ALL));
    evidence.put("mode.network-isolated", describe(v.networkIsolated(), v, Cause.Scope.NETWORK_ONLY));
    evidence.putAll(s.facts().evidence());
    return evidence;
  }

  private static String describe(Verdict.Mode mode, Verdict v, Cause.Scope scope) {
    if (mode == Verdict.Mode.FAILS) {
      return v.diagnosis()
          .filter(d -> d.scope() == scope || d.scope() == Cause.Scope.ALL)
          .map(d -> "fails: " + d.code())
          .orElse("fails");
    }
    return mode.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
