package dev.doctor.testkit;

import dev.doctor.api.CheckResult;
import dev.doctor.api.Finding;
import java.util.List;
import java.util.Objects;

/**
 * Fluent assertions on a {@link CheckResult}; start with {@link FindingAssert#assertThat(CheckResult)}.
 * They throw {@link AssertionError} naming what the result actually was. Not thread-safe.
 */
public final class CheckResultAssert {

  private final CheckResult result;

  CheckResultAssert(CheckResult result) {
    this.result = result;
  }

  /** The check applied and found nothing (not even an info finding). */
  public CheckResultAssert passed() {
    return expect(result instanceof CheckResult.Passed, "a passed result");
  }

  /** The check did not apply, for a reason that contains {@code reasonFragment}. */
  public CheckResultAssert skipped(String reasonFragment) {
    return expect(result instanceof CheckResult.Skipped s && s.reason().contains(reasonFragment),
        "a result skipped because of \"" + reasonFragment + "\"");
  }

  /** Exactly one finding has {@code code}; goes on with assertions on it. */
  public FindingAssert hasFinding(String code) {
    List<Finding> matching = CheckResults.findings(result).stream().filter(f -> f.code().equals(code)).toList();
    expect(matching.size() == 1, "exactly one finding " + code);
    return new FindingAssert(matching.get(0), this);
  }

  /** The findings' codes are exactly {@code codes}, in this order. */
  public CheckResultAssert hasFindings(String... codes) {
    return expect(CheckResults.codes(result).equals(List.of(codes)), "findings " + List.of(codes));
  }

  public CheckResultAssert hasNoFinding(String code) {
    return expect(!CheckResults.codes(result).contains(code), "no finding " + code);
  }

  /** The result's own evidence (not a finding's) has {@code key} set to {@code value}. */
  public CheckResultAssert hasEvidence(String key, String value) {
    return expect(Objects.equals(result.evidence().get(key), value), "evidence " + key + "=" + value + " (evidence: " + result.evidence() + ")");
  }

  /** The result itself, for assertions this class does not offer. */
  public CheckResult result() {
    return result;
  }

  private CheckResultAssert expect(boolean ok, String expected) {
    if (!ok) {
      throw new AssertionError("expected " + expected + " but the check returned " + CheckResults.describe(result));
    }
    return this;
  }
}
