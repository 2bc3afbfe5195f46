package dev.doctor.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.Report;
import dev.doctor.api.ReportOptions;
import dev.doctor.core.testing.Golden;
import dev.doctor.core.testing.Programs;
import dev.doctor.core.testing.SampleReports;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusReporterTest {

  private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (-?[0-9.]+(?:[eE][-+]?[0-9]+)?)");

  @TempDir Path dir;

  private static String render(Report report) throws IOException {
    StringWriter out = new StringWriter();
    new PrometheusReporter().write(report, new ReportOptions(false, false), out);
    return out.toString();
  }

  /** Sample lines by series ({@code name{labels}}), checking the text format on the way. */
  private static Map<String, String> samples(String text) {
    Map<String, String> samples = new LinkedHashMap<>();
    Set<String> typed = new HashSet<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        assertTrue(typed.add(line.split(" ")[2]), "one TYPE per family: " + line);
        continue;
      }
      if (line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertTrue(m.matches(), "a sample without timestamp: '" + line + "'");
      assertTrue(typed.contains(m.group(1)), "TYPE comes before the samples of " + m.group(1));
      assertEquals(null, samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), m.group(3)), "duplicate series " + line);
    }
    return samples;
  }

  @Test
  void matchesGoldenFile() throws IOException {
    Golden.assertMatches("prometheus-mixed.prom", render(SampleReports.mixed()));
  }

  @Test
  void exposesTheFleetMetrics() throws IOException {
    Map<String, String> s = samples(render(SampleReports.mixed()));
    assertEquals("1", s.get("doctor_up"));
    assertEquals("0", s.get("doctor_ok"));
    assertEquals("1795953601.234", s.get("doctor_last_run_timestamp_seconds"), "end of the run, 2026-11-29T12:00:01.234Z");
    assertEquals("1", s.get("doctor_check_status{check=\"codex-bwrap\",plugin=\"codex-bwrap\",status=\"failed\"}"));
    assertEquals("0", s.get("doctor_check_status{check=\"codex-bwrap\",plugin=\"codex-bwrap\",status=\"passed\"}"));
    assertEquals("1", s.get("doctor_check_status{check=\"slow\",plugin=\"slow\",status=\"timeout\"}"));
    assertEquals("0.042", s.get("doctor_check_duration_seconds{check=\"codex-bwrap\",plugin=\"codex-bwrap\"}"));
    assertEquals("1", s.get("doctor_findings{check=\"codex-bwrap\",severity=\"error\"}"));
    assertEquals("0", s.get("doctor_findings{check=\"codex-bwrap\",severity=\"warning\"}"), "zeros are written, not left out");
    assertEquals("1", s.get("doctor_findings{check=\"doctor\",severity=\"warning\"}"), "the host's own findings");
    assertFalse(s.keySet().stream().anyMatch(k -> k.startsWith("doctor_check_status{check=\"doctor\"")), "the pseudo-check has no status");

    Map<String, String> waived = samples(render(SampleReports.waived()));
    assertEquals("0", waived.get("doctor_findings{check=\"codex-bwrap\",severity=\"error\"}"));
    assertEquals("1", waived.get("doctor_findings_waived{check=\"codex-bwrap\",severity=\"error\"}"));

    Map<String, String> clean = samples(render(SampleReports.clean()));
    assertEquals("1", clean.get("doctor_ok"));
    assertEquals("0", clean.get("doctor_findings{check=\"doctor\",severity=\"error\"}"), "config errors can be alerted on even when there are none yet");
  }

  @Test
  void aFailedRunSaysDoctorIsDown() throws IOException {
    StringWriter out = new StringWriter();
    PrometheusReporter.writeFailedRun(Instant.parse("2026-11-29T12:00:00Z"), out);
    Map<String, String> s = samples(out.toString());
    assertEquals(Map.of("doctor_up", "0", "doctor_last_run_timestamp_seconds", "1795953600.000"), s);
  }

  @Test
  void labelValuesAreEscaped() {
    assertEquals("{check=\"a\\\"b\\\\c\\nd\"}", PrometheusReporter.labels("check", "a\"b\\c\nd"));
  }

  @Test
  void promtoolAcceptsEveryReport() throws Exception {
    Path promtool = Programs.require("Debian package prometheus", "promtool");
    StringWriter failed = new StringWriter();
    PrometheusReporter.writeFailedRun(Instant.now(), failed);
    for (String text : List.of(render(SampleReports.mixed()), render(SampleReports.clean()), render(SampleReports.waived()), failed.toString())) {
      Path file = Files.writeString(dir.resolve("doctor.prom"), text);
      Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectInput(file.toFile()).redirectErrorStream(true).start();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "promtool did not finish");
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), "promtool check metrics: " + output + "\n" + text);
      assertEquals("", output.strip(), "no lint problems");
    }
  }

  @Test
  void promtoolIsReallyChecking() throws Exception {
    Path promtool = Programs.require("Debian package prometheus", "promtool");
    Path file = Files.writeString(dir.resolve("bad.prom"), "doctor_thing{a=\"b\" 1\n");
    Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectInput(file.toFile()).redirectErrorStream(true).start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    p.getInputStream().readAllBytes();
    assertTrue(p.exitValue() != 0, "a malformed file fails");
  }
}
