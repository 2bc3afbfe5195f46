package dev.doctor.testkit;

import dev.doctor.api.CheckResult;
import dev.doctor.api.Finding;
import java.util.List;

/** Small accessors that make assertions on a {@link CheckResult} read well. */
public final class CheckResults {

  private CheckResults() {}

  /** The findings of a failed result; empty for passed and skipped ones. */
  public static List<Finding> findings(CheckResult result) {
    return result instanceof CheckResult.Failed failed ? failed.findings() : List.of();
  }

  /** The codes of {@link #findings}, in order. */
  public static List<String> codes(CheckResult result) {
    return findings(result).stream().map(Finding::code).toList();
  }

  /** The one finding with {@code code}; fails the test if there is none or more than one. */
  public static Finding single(CheckResult result, String code) {
    List<Finding> matching = findings(result).stream().filter(f -> f.code().equals(code)).toList();
    if (matching.size() != 1) {
      throw new AssertionError("expected one finding " + code + " but got " + codes(result) + " (result: " + describe(result) + ")");
    }
    return matching.get(0);
  }

  /** The skip reason; fails the test if the result is not skipped. */
  public static String skipReason(CheckResult result) {
    if (result instanceof CheckResult.Skipped skipped) {
      return skipped.reason();
    }
    throw new AssertionError("expected a skipped result but got " + describe(result));
  }

  /** A one-line description for assertion messages. */
  public static String describe(CheckResult result) {
    if (result instanceof CheckResult.Skipped s) {
      return "skipped: " + s.reason();
    }
    if (result instanceof CheckResult.Failed f) {
      return "findings " + codes(f);
    }
    return "passed";
  }
}
