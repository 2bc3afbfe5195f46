package dev.doctor.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one doctor run, handed to {@link Reporter}s. Immutable.
 *
 * @param doctorVersion version of the doctor host; never null
 * @param startedAt when the run started; never null
 * @param duration wall time of the run; never null
 * @param failOn the lowest severity that fails the run; null for {@code never}
 * @param checks every selected check in a stable order (by id), preceded by the host's
 *     pseudo-check {@code doctor} when the host itself has findings; never null. After {@code
 *     --fix}, the checks that were run again show their second run
 * @param fixes the fixes of a {@code --dry-run} or {@code --fix} run in the order they were
 *     offered; empty otherwise; never null
 */
public record Report(
    String doctorVersion, Instant startedAt, Duration duration, Severity failOn, List<CheckReport> checks, List<FixReport> fixes) {

  public Report {
    Objects.requireNonNull(doctorVersion, "doctorVersion");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(duration, "duration");
    checks = List.copyOf(checks);
    fixes = fixes == null ? List.of() : List.copyOf(fixes);
  }

  /** A report without fixes: the constructor of API 1.0, kept for code built against it. */
  public Report(String doctorVersion, Instant startedAt, Duration duration, Severity failOn, List<CheckReport> checks) {
    this(doctorVersion, startedAt, duration, failOn, checks, List.of());
  }

  /** This report with {@code fixes}. */
  public Report withFixes(List<FixReport> fixes) {
    return new Report(doctorVersion, startedAt, duration, failOn, checks, fixes);
  }

  /** Every finding of every check, in check order. */
  public List<Finding> findings() {
    return checks.stream().flatMap(c -> c.findings().stream()).toList();
  }

  /** True when no finding is at or above {@link #failOn()}, waived findings aside. */
  public boolean ok() {
    return failOn == null || findings().stream().noneMatch(f -> !f.waived() && f.severity().atLeast(failOn));
  }

  /** Checks that ran (not skipped), the host's pseudo-check excluded. */
  public long checksRun() {
    return checks.stream().filter(c -> !c.isHost() && c.status() != CheckStatus.SKIPPED).count();
  }

  public long checksSkipped() {
    return checks.stream().filter(c -> c.status() == CheckStatus.SKIPPED).count();
  }
}
