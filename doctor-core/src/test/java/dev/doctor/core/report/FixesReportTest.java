package dev.doctor.core.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.Report;
import dev.doctor.api.ReportOptions;
import dev.doctor.api.Reporter;
import dev.doctor.core.testing.Golden;
import dev.doctor.core.testing.ReportSchema;
import dev.doctor.core.testing.SampleReports;
import dev.doctor.core.testing.SarifSchema;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A report of a {@code --fix} run: the console's fixes section and the JSON {@code fixes} array. */
class FixesReportTest {

  private static String render(Reporter reporter, Report report, boolean verbose) throws IOException {
    StringWriter out = new StringWriter();
    reporter.write(report, new ReportOptions(verbose, false), out);
    return out.toString();
  }

  @Test
  void theConsoleListsEachFixWithItsOutcome() throws IOException {
    Golden.assertMatches("console-fixes.txt", render(new ConsoleReporter(), SampleReports.withFixes(), false));
    String verbose = render(new ConsoleReporter(), SampleReports.withFixes(), true);
    assertTrue(verbose.contains("          +    apiKey: { source: \"file\""), "with -v the diffs of applied fixes too: " + verbose);
  }

  @Test
  void jsonGainsTheFixesAndStaysValid() throws IOException {
    String json = render(new JsonReporter(), SampleReports.withFixes(), false);
    Golden.assertMatches("report-fixes.json", json);
    ReportSchema.assertValid(json);
    assertFalse(render(new JsonReporter(), SampleReports.mixed(), false).contains("\"fixes\""), "only runs with fixes have the field");
  }

  @Test
  void theOtherFormatsStillRenderARunWithFixes() throws IOException {
    SarifSchema.assertValid(render(new SarifReporter(e -> java.util.Optional.empty()), SampleReports.withFixes(), false));
    for (Reporter r : new Reporter[] {new JunitReporter(), new MarkdownReporter(), new PrometheusReporter()}) {
      assertFalse(render(r, SampleReports.withFixes(), false).isEmpty(), r.name());
    }
  }
}
