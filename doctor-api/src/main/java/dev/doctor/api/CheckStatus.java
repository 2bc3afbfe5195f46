package dev.doctor.api;

import java.util.Locale;

/** How one check ended in a run, as reports show it. */
public enum CheckStatus {
  /** Applied and found nothing at warning or above that is not waived. */
  PASSED,
  /** Applied and has a warning or error finding that is not waived. */
  FAILED,
  /** Did not apply here. */
  SKIPPED,
  /** Threw, or its plugin broke: see its {@code doctor.check-crashed} finding. */
  ERROR,
  /** Overran its deadline and was abandoned: see its {@code doctor.check-timeout} finding. */
  TIMEOUT;

  /** Lower-case name as written in reports ({@code passed}). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
