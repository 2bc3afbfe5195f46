package dev.doctor.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.CheckReport;
import dev.doctor.api.CheckStatus;
import dev.doctor.api.Finding;
import dev.doctor.api.Report;
import dev.doctor.api.ReportOptions;
import dev.doctor.api.Severity;
import dev.doctor.core.testing.Golden;
import dev.doctor.core.testing.SampleReports;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class JunitReporterTest {

  @TempDir Path dir;

  private static String render(Report report, boolean verbose) throws IOException {
    StringWriter out = new StringWriter();
    new JunitReporter().write(report, new ReportOptions(verbose, false), out);
    return out.toString();
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && (name == null || e.getTagName().equals(name))) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * What Maven's surefire-report-plugin uses to read test reports. It splits a file into one
   * suite per test class ({@code classname}), as its HTML report shows them; this puts them
   * back together in file order.
   */
  private Surefire surefire(String xml) throws Exception {
    Path file = Files.writeString(dir.resolve("TEST-doctor.xml"), xml);
    TestSuiteXmlParser parser = new TestSuiteXmlParser(new NullConsoleLogger());
    List<ReportTestSuite> suites = parser.parse(file.toString());
    assertTrue(parser.isValid(), "Surefire's parser rejected the report");
    return new Surefire(suites);
  }

  private record Surefire(List<ReportTestSuite> suites) {
    List<ReportTestCase> cases() {
      return suites.stream().flatMap(s -> s.getTestCases().stream()).toList();
    }

    int sum(java.util.function.ToIntFunction<ReportTestSuite> count) {
      return suites.stream().mapToInt(count).sum();
    }
  }

  @Test
  void matchesGoldenFiles() throws IOException {
    Golden.assertMatches("junit-mixed.xml", render(SampleReports.mixed(), false));
    Golden.assertMatches("junit-mixed-verbose.xml", render(SampleReports.mixed(), true));
  }

  @Test
  void hasTheCommonJunitShapeWithConsistentCounts() throws Exception {
    for (Report report : List.of(SampleReports.mixed(), SampleReports.clean(), SampleReports.waived())) {
      Document doc = parse(render(report, true));
      Element root = doc.getDocumentElement();
      assertEquals("testsuites", root.getTagName());
      List<Element> suites = children(root, "testsuite");
      assertEquals(1, suites.size());
      Element suite = suites.get(0);
      for (String attribute : List.of("name", "tests", "failures", "errors", "skipped", "time", "timestamp")) {
        assertTrue(suite.hasAttribute(attribute), "testsuite needs " + attribute);
      }
      assertTrue(suite.getAttribute("timestamp").matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}"), "xs:dateTime without zone, as the Ant schema has it");
      List<Element> cases = children(suite, "testcase");
      assertEquals(report.checks().size(), cases.size());
      assertEquals(cases.size(), Integer.parseInt(suite.getAttribute("tests")));
      int failures = 0;
      int errors = 0;
      int skipped = 0;
      for (Element testcase : cases) {
        assertFalse(testcase.getAttribute("name").isEmpty());
        assertFalse(testcase.getAttribute("classname").isEmpty());
        assertTrue(testcase.getAttribute("time").matches("\\d+\\.\\d{3}"));
        List<String> verdicts = children(testcase, null).stream().map(Element::getTagName)
            .filter(t -> List.of("failure", "error", "skipped").contains(t)).toList();
        assertTrue(verdicts.size() <= 1, "at most one verdict per test case: " + verdicts);
        for (Element child : children(testcase, null)) {
          assertTrue(List.of("failure", "error", "skipped", "system-out").contains(child.getTagName()), child.getTagName());
        }
        failures += children(testcase, "failure").size();
        errors += children(testcase, "error").size();
        skipped += children(testcase, "skipped").size();
      }
      assertEquals(failures, Integer.parseInt(suite.getAttribute("failures")));
      assertEquals(errors, Integer.parseInt(suite.getAttribute("errors")));
      assertEquals(skipped, Integer.parseInt(suite.getAttribute("skipped")));
      assertEquals(suite.getAttribute("tests"), root.getAttribute("tests"));
    }
  }

  @Test
  void surefireReadsVerdictsBySeverity() throws Exception {
    Surefire report = surefire(render(SampleReports.mixed(), false));
    assertEquals(List.of("doctor.doctor", "doctor.codex-bwrap", "doctor.extra", "doctor.sandbox-docker", "doctor.slow"),
        report.suites().stream().map(ReportTestSuite::getFullClassName).toList(), "a class per plugin");
    assertEquals(5, report.sum(ReportTestSuite::getNumberOfTests));
    assertEquals(2, report.sum(ReportTestSuite::getNumberOfFailures), "the host's plugin warning and the timeout");
    assertEquals(1, report.sum(ReportTestSuite::getNumberOfErrors), "codex-bwrap's error finding");
    assertEquals(1, report.sum(ReportTestSuite::getNumberOfSkipped));
    List<ReportTestCase> cases = report.cases();
    assertEquals(List.of("doctor", "codex-bwrap", "extra/one", "sandbox-docker", "slow"), cases.stream().map(ReportTestCase::getName).toList());
    ReportTestCase bwrap = cases.get(1);
    assertTrue(bwrap.hasError());
    assertEquals("codex-bwrap.user-namespace-denied", bwrap.getFailureType());
    assertEquals("Codex cannot create the user namespace its bubblewrap sandbox needs", bwrap.getFailureMessage());
    assertTrue(bwrap.getFailureDetail().contains("fix: Allow unprivileged user namespaces"), bwrap.getFailureDetail());
    assertEquals(0.042f, bwrap.getTime(), 0.0001);
    assertTrue(cases.get(2).isSuccessful(), "an info finding below --fail-on does not fail its check");
    assertTrue(cases.get(3).hasSkipped());
    assertEquals("sandbox mode is off", cases.get(3).getFailureMessage());
    assertTrue(cases.get(4).hasFailure());
  }

  @Test
  void followsFailOnAndWaiversLikeTheExitCode() throws Exception {
    Report mixed = SampleReports.mixed();
    Report never = new Report(mixed.doctorVersion(), mixed.startedAt(), mixed.duration(), null, mixed.checks());
    Surefire neverFails = surefire(render(never, false));
    assertEquals(0, neverFails.sum(ReportTestSuite::getNumberOfFailures) + neverFails.sum(ReportTestSuite::getNumberOfErrors),
        "--fail-on never fails nothing");

    List<ReportTestCase> waived = surefire(render(SampleReports.waived(), false)).cases();
    assertTrue(waived.get(1).isSuccessful(), "a waived error does not fail its check");
    assertTrue(render(SampleReports.waived(), false).contains("waived until 2026-12-31: INFRA-42"));
    assertTrue(waived.get(0).hasFailure(), "the expired waiver is a warning");
  }

  @Test
  void awkwardTextStaysWellFormed() throws Exception {
    String nasty = "quotes \" ' <tag> & ]]> and a control \u0001 char";
    Finding f = Finding.builder("weird.thing", Severity.ERROR, nasty).remediation(nasty).build().withCheckId("weird");
    Report report = new Report("1", Instant.EPOCH, Duration.ZERO, Severity.WARNING, List.of(
        new CheckReport("weird", "weird", "Weird <title>", CheckStatus.FAILED, Duration.ZERO, null, List.of(f), Map.of())));
    String xml = render(report, true);
    Element error = (Element) parse(xml).getElementsByTagName("error").item(0);
    assertEquals("quotes \" ' <tag> & ]]> and a control \uFFFD char", error.getAttribute("message"));
    ReportTestCase testcase = surefire(xml).cases().get(0);
    assertTrue(testcase.hasError());
  }
}
