package dev.doctor.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a check concluded: it {@link Passed passed}, produced {@link Failed findings}, or was
 * {@link Skipped skipped} because it does not apply here. Every variant may carry evidence: facts
 * the check gathered (probe results, versions), shown with {@code -v} and in JSON.
 */
public sealed interface CheckResult {

  /** Facts gathered by the check, in insertion order; never null, possibly empty. */
  Map<String, String> evidence();

  /** The check applied and found nothing to report. */
  record Passed(Map<String, String> evidence) implements CheckResult {
    public Passed {
      evidence = Values.orderedCopy(evidence);
    }
  }

  /** The check applied and has one or more findings (info findings alone still count as passed). */
  record Failed(List<Finding> findings, Map<String, String> evidence) implements CheckResult {
    public Failed {
      findings = List.copyOf(findings);
      if (findings.isEmpty()) {
        throw new IllegalArgumentException("a failed result needs at least one finding");
      }
      evidence = Values.orderedCopy(evidence);
    }
  }

  /** The check does not apply here (sandbox off, not Linux, ...); {@code reason} says why. */
  record Skipped(String reason, Map<String, String> evidence) implements CheckResult {
    public Skipped {
      Objects.requireNonNull(reason, "reason");
      evidence = Values.orderedCopy(evidence);
    }
  }

  static CheckResult passed() {
    return new Passed(Map.of());
  }

  static CheckResult passed(Map<String, String> evidence) {
    return new Passed(evidence);
  }

  /** Findings if there are any, else passed; convenient for checks that collect as they go. */
  static CheckResult of(List<Finding> findings, Map<String, String> evidence) {
    return findings.isEmpty() ? new Passed(evidence) : new Failed(findings, evidence);
  }

  static CheckResult findings(Finding first, Finding... more) {
    var all = new java.util.ArrayList<Finding>();
    all.add(first);
    all.addAll(List.of(more));
    return new Failed(all, Map.of());
  }

  static CheckResult skipped(String reason) {
    return new Skipped(reason, Map.of());
  }

  static CheckResult skipped(String reason, Map<String, String> evidence) {
    return new Skipped(reason, evidence);
  }

  /** Small helpers shared by the records of this package. */
  final class Values {
    private Values() {}

    static Map<String, String> orderedCopy(Map<String, String> map) {
      if (map == null || map.isEmpty()) {
        return Map.of();
      }
      var copy = new LinkedHashMap<String, String>();
      map.forEach((k, v) -> copy.put(Objects.requireNonNull(k), Objects.requireNonNull(v, k)));
      return java.util.Collections.unmodifiableMap(copy);
    }
  }
}
