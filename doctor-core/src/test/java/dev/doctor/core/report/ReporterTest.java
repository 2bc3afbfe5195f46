package dev.doctor.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doctor.api.Report;
import dev.doctor.api.ReportOptions;
import dev.doctor.api.Reporter;
import dev.doctor.core.testing.Golden;
import dev.doctor.core.testing.ReportSchema;
import dev.doctor.core.testing.SampleReports;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ReporterTest {

  private static String render(Reporter reporter, Report report, boolean verbose, boolean color) throws IOException {
    StringWriter out = new StringWriter();
    reporter.write(report, new ReportOptions(verbose, color), out);
    return out.toString();
  }

  @Test
  void consoleMatchesGoldenFiles() throws IOException {
    Golden.assertMatches("console-mixed.txt", render(new ConsoleReporter(), SampleReports.mixed(), false, false));
    Golden.assertMatches("console-mixed-verbose.txt", render(new ConsoleReporter(), SampleReports.mixed(), true, false));
    Golden.assertMatches("console-clean.txt", render(new ConsoleReporter(), SampleReports.clean(), false, false));
  }

  @Test
  void consoleUsesColourOnlyWhenAsked() throws IOException {
    assertFalse(render(new ConsoleReporter(), SampleReports.mixed(), true, false).contains("\u001b["));
    String coloured = render(new ConsoleReporter(), SampleReports.mixed(), false, true);
    assertTrue(coloured.contains("\u001b[31m[FAIL]"), coloured);
  }

  @Test
  void jsonMatchesGoldenFileAndSchema() throws IOException {
    String json = render(new JsonReporter(), SampleReports.mixed(), false, true);
    Golden.assertMatches("report-mixed.json", json);
    ReportSchema.assertValid(json);
    ReportSchema.assertValid(render(new JsonReporter(), SampleReports.clean(), false, false));
  }

  @Test
  void waivedFindingsAreShownAsWaivedAndDoNotCount() throws IOException {
    String console = render(new ConsoleReporter(), SampleReports.waived(), false, false);
    Golden.assertMatches("console-waived.txt", console);
    assertTrue(console.contains("waived error Codex cannot create"), console);
    assertTrue(console.contains("0 errors, 1 warning, 0 info, 1 waived"), console);

    String json = render(new JsonReporter(), SampleReports.waived(), false, false);
    ReportSchema.assertValid(json);
    JsonNode waived = new ObjectMapper().readTree(json).get("findings").get(1);
    assertEquals("INFRA-42: bwrap is replaced by gVisor on this host", waived.get("waived").get("reason").asText());
    assertEquals("2026-12-31", waived.get("waived").get("expires").asText());
    assertFalse(new ObjectMapper().readTree(json).get("findings").get(0).has("waived"));
  }

  @Test
  void everyBuiltInFormatIsRegisteredAndPluginsCannotReplaceOne() {
    Reporters reporters = Reporters.builtIn();
    assertEquals(java.util.List.of("console", "json", "sarif", "junit", "markdown", "prometheus"), reporters.names());
    reporters.all().forEach(r -> assertFalse(r.description().isBlank(), r.name()));
    Reporter impostor = new Reporter() {
      @Override public String name() { return "sarif"; }
      @Override public String description() { return "not SARIF"; }
      @Override public void write(Report report, ReportOptions options, java.io.Writer out) {}
    };
    Reporters withPlugin = new Reporters(java.util.List.of(impostor));
    assertTrue(withPlugin.find("sarif").orElseThrow() instanceof SarifReporter);
    assertEquals(1, withPlugin.conflicts().size());
  }

  @Test
  void jsonKeepsLintFieldNamesAndCounts() throws IOException {
    JsonNode root = new ObjectMapper().readTree(render(new JsonReporter(), SampleReports.mixed(), false, false));
    assertEquals(1, root.get("schemaVersion").asInt());
    assertFalse(root.get("ok").asBoolean());
    assertEquals(3, root.get("checksRun").asInt());
    assertEquals(1, root.get("checksSkipped").asInt());
    JsonNode bwrap = root.get("findings").get(1);
    assertEquals("codex-bwrap", bwrap.get("checkId").asText());
    assertEquals("error", bwrap.get("severity").asText());
    assertEquals("agents.defaults.sandbox.mode", bwrap.get("path").asText());
    assertEquals(bwrap.get("remediation").get("text").asText(), bwrap.get("fixHint").asText());
    assertEquals(4, bwrap.get("line").asInt());
    assertFalse(root.get("findings").get(2).has("path"), "absent values are left out");
    assertEquals("skipped", root.get("checks").get(3).get("status").asText());
    assertEquals("sandbox mode is off", root.get("checks").get(3).get("reason").asText());
  }

  @Test
  void theListOfBuiltInNamesMatchesTheReporters() {
    assertEquals(Reporters.BUILT_IN, Reporters.builtIn().names());
  }
}
