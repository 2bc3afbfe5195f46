package dev.doctor.api;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Why the user accepts a {@link Finding} for now, from their waivers file. A waived finding stays in
 * the report, marked, but does not count for {@link Report#ok()} and so not for the exit code.
 * Immutable.
 *
 * @param reason why the finding is accepted, as the user wrote it; never null or blank
 * @param expires the last day (UTC) on which the waiver applies; never null
 */
public record Waiver(String reason, LocalDate expires) {

  public Waiver {
    Objects.requireNonNull(reason, "reason");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("a waiver needs a reason");
    }
    Objects.requireNonNull(expires, "expires");
  }
}
