package dev.doctor.api;

import java.util.Locale;
import java.util.Objects;

/**
 * One {@link Fix} in a {@link Report}: what it plans, and what became of it. Holds only what may
 * be shown (never a change's content). Immutable.
 *
 * @param id the fix id; never null
 * @param checkId the check that offered it; never null
 * @param plan one line; never null
 * @param kind never null
 * @param needsRoot as the fix says
 * @param unattendedSafe as the fix says
 * @param optIn as the fix says
 * @param diff unified diff of every file it edits or writes, secrets redacted; null when it
 *     touches no file content (chmod, commands) or the diff could not be made
 * @param status never null
 * @param reason one line: why it was not applied (skipped, or planned under {@code --fix} with no way
 *     to confirm), why it failed or is partial, or why its effect is unknown; null otherwise
 * @param note the fix's note (e.g. rotate the key), for applied fixes; null when none
 */
public record FixReport(
    String id,
    String checkId,
    String plan,
    Fix.Kind kind,
    boolean needsRoot,
    boolean unattendedSafe,
    boolean optIn,
    String diff,
    Status status,
    String reason,
    String note) {

  /** What became of a fix. */
  public enum Status {
    /** Shown, not applied: {@code --dry-run}, or {@code --fix} with no way to confirm. */
    PLANNED,
    /** The user answered no. */
    DECLINED,
    /** Not applied for a reason in {@link #reason()}: needs root, opt-in not named, ... */
    SKIPPED,
    /** Applied, but the check's second run could not tell whether it worked. */
    APPLIED,
    /** Applied, and the check no longer reports what it addressed. */
    REPAIRED,
    /** Applied, and the check still reports some of what it addressed. */
    PARTIAL,
    /** A change could not be made, or the check still reports everything it addressed. */
    FAILED;

    /** Lower-case name as written in reports ({@code repaired}). */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public FixReport {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(checkId, "checkId");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
  }

  /** The report of {@code fix}, offered by {@code checkId}, with the given outcome. */
  public static FixReport of(Fix fix, String checkId, String diff, Status status, String reason) {
    return new FixReport(fix.id(), checkId, fix.plan(), fix.kind(), fix.needsRoot(), fix.unattendedSafe(), fix.optIn(),
        diff, status, reason, fix.note());
  }

  /** This report with another outcome. */
  public FixReport with(Status status, String reason) {
    return new FixReport(id, checkId, plan, kind, needsRoot, unattendedSafe, optIn, diff, status, reason, note);
  }

  /** True when the fix changed something on the host (whatever the check says now). */
  public boolean applied() {
    return status == Status.APPLIED || status == Status.REPAIRED || status == Status.PARTIAL;
  }
}
