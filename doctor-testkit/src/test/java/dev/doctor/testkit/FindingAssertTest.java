package dev.doctor.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.CheckResult;
import dev.doctor.api.Finding;
import dev.doctor.api.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingAssertTest {

  private static final Finding PORT = Finding.builder("demo.privileged-port", Severity.WARNING, "gateway.port 80 is privileged")
      .path("gateway.port")
      .location(3, 11)
      .evidence("port", "80")
      .remediation("Use a port above 1023.", "openclaw config set gateway.port 18789")
      .build();
  private static final Finding NOTE = Finding.builder("demo.note", Severity.INFO, "a note").build();
  private static final CheckResult TWO = new CheckResult.Failed(List.of(PORT, NOTE), Map.of("seen", "yes"));

  @Test
  void aMatchingChainPasses() {
    FindingAssert.assertThat(TWO)
        .hasFindings("demo.privileged-port", "demo.note")
        .hasNoFinding("demo.other")
        .hasEvidence("seen", "yes")
        .hasFinding("demo.privileged-port")
        .withSeverity(Severity.WARNING)
        .atPath("gateway.port")
        .atLocation(3, 11)
        .withMessageContaining("80")
        .withEvidence("port", "80")
        .withRemediationContaining("above 1023")
        .withRemediationCommand("openclaw config set gateway.port 18789")
        .and()
        .hasFinding("demo.note")
        .withSeverity(Severity.INFO)
        .atPath(null);
    FindingAssert.assertThat(CheckResult.passed()).passed().hasFindings();
    FindingAssert.assertThat(CheckResult.skipped("sandbox is off")).skipped("off");
  }

  @Test
  void aMismatchSaysWhatWasExpectedAndWhatCame() {
    AssertionError severity = assertThrows(AssertionError.class,
        () -> FindingAssert.assertThat(TWO).hasFinding("demo.privileged-port").withSeverity(Severity.ERROR));
    assertEquals("finding demo.privileged-port: expected severity error but was warning", severity.getMessage());

    AssertionError missing = assertThrows(AssertionError.class, () -> FindingAssert.assertThat(TWO).hasFinding("demo.absent"));
    assertEquals("expected exactly one finding demo.absent but the check returned findings [demo.privileged-port, demo.note]",
        missing.getMessage());

    AssertionError passed = assertThrows(AssertionError.class, () -> FindingAssert.assertThat(CheckResult.skipped("not Linux")).passed());
    assertEquals("expected a passed result but the check returned skipped: not Linux", passed.getMessage());

    AssertionError path = assertThrows(AssertionError.class, () -> FindingAssert.assertThat(NOTE).atPath("gateway.port"));
    assertTrue(path.getMessage().endsWith("expected path gateway.port but was null"), path.getMessage());

    assertThrows(AssertionError.class, () -> FindingAssert.assertThat((CheckResult) null));
    assertThrows(AssertionError.class, () -> FindingAssert.assertThat(TWO).skipped(""));
    assertThrows(AssertionError.class, () -> FindingAssert.assertThat(TWO).hasFindings("demo.note", "demo.privileged-port"));
  }
}
