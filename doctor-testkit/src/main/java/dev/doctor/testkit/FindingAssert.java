package dev.doctor.testkit;

import dev.doctor.api.CheckResult;
import dev.doctor.api.Finding;
import dev.doctor.api.Severity;
import java.util.Objects;

/**
 * Fluent assertions on one {@link Finding}. They throw {@link AssertionError}, so they work under
 * any test framework. Not thread-safe; use one per assertion chain.
 *
 * <pre>{@code
 * FindingAssert.assertThat(check.run(context))
 *     .hasFinding("hello-check.privileged-port")
 *     .withSeverity(Severity.WARNING)
 *     .atPath("gateway.port")
 *     .withEvidence("port", "80");
 * }</pre>
 */
public final class FindingAssert {

  private final Finding finding;
  private final CheckResultAssert result;

  FindingAssert(Finding finding, CheckResultAssert result) {
    this.finding = Objects.requireNonNull(finding, "finding");
    this.result = result;
  }

  /** Starts assertions on what a check returned; {@code result} must not be null. */
  public static CheckResultAssert assertThat(CheckResult result) {
    if (result == null) {
      throw new AssertionError("the check returned null; Check.run must always return a result");
    }
    return new CheckResultAssert(result);
  }

  /** Starts assertions on a single finding. */
  public static FindingAssert assertThat(Finding finding) {
    if (finding == null) {
      throw new AssertionError("expected a finding but got null");
    }
    return new FindingAssert(finding, null);
  }

  public FindingAssert withSeverity(Severity severity) {
    return expect(finding.severity() == severity, "severity " + severity.id(), finding.severity().id());
  }

  /** The dot path into the gateway config, e.g. {@code gateway.port}; null for none. */
  public FindingAssert atPath(String path) {
    return expect(Objects.equals(finding.path(), path), "path " + path, String.valueOf(finding.path()));
  }

  /** Line and column in {@link Finding#file()} (1-based). */
  public FindingAssert atLocation(int line, int column) {
    return expect(finding.line() == line && finding.column() == column,
        "location " + line + ":" + column, finding.line() + ":" + finding.column());
  }

  public FindingAssert withMessageContaining(String text) {
    return expect(finding.message().contains(text), "a message containing \"" + text + "\"", "\"" + finding.message() + "\"");
  }

  /** One evidence entry, key and value exactly. */
  public FindingAssert withEvidence(String key, String value) {
    return expect(Objects.equals(finding.evidence().get(key), value), "evidence " + key + "=" + value, "evidence " + finding.evidence());
  }

  /** Remediation prose containing {@code text}. */
  public FindingAssert withRemediationContaining(String text) {
    return expect(finding.remediation().text().contains(text),
        "a remediation containing \"" + text + "\"", "\"" + finding.remediation().text() + "\"");
  }

  /** One of the remediation's shell commands, exactly. */
  public FindingAssert withRemediationCommand(String command) {
    return expect(finding.remediation().commands().contains(command),
        "the remediation command `" + command + "`", "commands " + finding.remediation().commands());
  }

  /** Back to the result, to assert on its other findings. */
  public CheckResultAssert and() {
    if (result == null) {
      throw new IllegalStateException("this FindingAssert was made from a single finding, not a result");
    }
    return result;
  }

  /** The finding itself, for assertions this class does not offer. */
  public Finding finding() {
    return finding;
  }

  private FindingAssert expect(boolean ok, String expected, String actual) {
    if (!ok) {
      throw new AssertionError("finding " + finding.code() + ": expected " + expected + " but was " + actual);
    }
    return this;
  }
}
