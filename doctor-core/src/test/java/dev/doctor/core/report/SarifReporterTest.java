package dev.doctor.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doctor.api.Report;
import dev.doctor.api.ReportOptions;
import dev.doctor.core.explain.Explanation;
import dev.doctor.core.explain.Explanations;
import dev.doctor.core.testing.Golden;
import dev.doctor.core.testing.SampleReports;
import dev.doctor.core.testing.SarifSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SarifReporterTest {

  /** The host's real page for doctor.* codes, and one made-up section for codex-bwrap. */
  private static final Function<String, Optional<Explanation>> EXPLAIN = code -> code.startsWith("codex-bwrap.")
      ? Optional.of(new Explanation(code, "codex-bwrap",
          "**Error.** The user namespace probe failed. Codex shell commands fail.\n\nFix: allow `userns`.", "test"))
      : Explanations.hostOnly().find(code);

  private static String render(Report report) throws IOException {
    StringWriter out = new StringWriter();
    new SarifReporter(EXPLAIN).write(report, new ReportOptions(false, false), out);
    return out.toString();
  }

  @Test
  void matchesGoldenFileAndTheSarifSchema() throws IOException {
    String sarif = render(SampleReports.mixed());
    Golden.assertMatches("sarif-mixed.sarif", sarif);
    SarifSchema.assertValid(sarif);
    SarifSchema.assertValid(render(SampleReports.clean()));
    SarifSchema.assertValid(render(SampleReports.waived()));
  }

  @Test
  void theSchemaCheckIsReal() throws IOException {
    ObjectNode broken = (ObjectNode) new ObjectMapper().readTree(render(SampleReports.mixed()));
    ((ObjectNode) broken.get("runs").get(0).get("results").get(0)).put("level", "fatal");
    SarifSchema.assertInvalid(broken.toString());
    ObjectNode noVersion = (ObjectNode) new ObjectMapper().readTree(render(SampleReports.mixed()));
    noVersion.remove("version");
    SarifSchema.assertInvalid(noVersion.toString());
  }

  @Test
  void oneRulePerCodeWithItsHelpAndResultsAtTheirLine() throws IOException {
    JsonNode run = new ObjectMapper().readTree(render(SampleReports.mixed())).get("runs").get(0);
    JsonNode rules = run.get("tool").get("driver").get("rules");
    JsonNode results = run.get("results");
    assertEquals(4, rules.size(), "four distinct codes");
    assertEquals(4, results.size());
    for (JsonNode result : results) {
      JsonNode rule = rules.get(result.get("ruleIndex").asInt());
      assertEquals(rule.get("id").asText(), result.get("ruleId").asText());
    }

    JsonNode bwrapRule = rules.get(1);
    assertEquals("codex-bwrap.user-namespace-denied", bwrapRule.get("id").asText());
    assertEquals("UserNamespaceDenied", bwrapRule.get("name").asText());
    assertEquals("The user namespace probe failed.", bwrapRule.get("shortDescription").get("text").asText());
    assertTrue(bwrapRule.get("help").get("markdown").asText().startsWith("**Error.** The user namespace probe failed."));
    assertEquals("error", bwrapRule.get("defaultConfiguration").get("level").asText());

    JsonNode hostRule = rules.get(0);
    assertEquals("doctor.plugin-failed", hostRule.get("id").asText());
    assertTrue(hostRule.get("help").get("text").asText().contains("doctor plugins"), "the host's explain entry is the help");

    JsonNode bwrap = results.get(1);
    assertEquals("error", bwrap.get("level").asText());
    JsonNode location = bwrap.get("locations").get(0);
    assertEquals("file:///home/claw/.openclaw/openclaw.json", location.get("physicalLocation").get("artifactLocation").get("uri").asText());
    assertEquals(4, location.get("physicalLocation").get("region").get("startLine").asInt());
    assertEquals(15, location.get("physicalLocation").get("region").get("startColumn").asInt());
    assertEquals("agents.defaults.sandbox.mode", location.get("logicalLocations").get(0).get("fullyQualifiedName").asText());
    assertEquals("unshare --user --map-root-user true", bwrap.get("properties").get("evidence").get("probe.command").asText());

    assertEquals("note", results.get(2).get("level").asText(), "info is a SARIF note");
    assertFalse(results.get(2).has("locations"), "no invented location");
    assertFalse(run.get("invocations").get(0).get("properties").get("ok").asBoolean());
  }

  @Test
  void aWaivedFindingIsAnAcceptedSuppression() throws IOException {
    JsonNode results = new ObjectMapper().readTree(render(SampleReports.waived())).get("runs").get(0).get("results");
    JsonNode suppression = results.get(1).get("suppressions").get(0);
    assertEquals("external", suppression.get("kind").asText());
    assertEquals("accepted", suppression.get("status").asText());
    assertEquals("INFRA-42: bwrap is replaced by gVisor on this host (waived until 2026-12-31)", suppression.get("justification").asText());
    assertFalse(results.get(0).has("suppressions"));
  }

  @Test
  void fingerprintsAreStableAndDistinct() throws IOException {
    JsonNode a = new ObjectMapper().readTree(render(SampleReports.mixed())).get("runs").get(0).get("results");
    JsonNode b = new ObjectMapper().readTree(render(SampleReports.mixed())).get("runs").get(0).get("results");
    assertEquals(a.get(0).get("partialFingerprints"), b.get(0).get("partialFingerprints"));
    assertFalse(a.get(0).get("partialFingerprints").equals(a.get(1).get("partialFingerprints")));
  }
}
