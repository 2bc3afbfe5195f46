package dev.doctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.ReportOptions;
import dev.doctor.core.report.AtomicFile;
import dev.doctor.core.report.PrometheusReporter;
import dev.doctor.core.testing.PluginJar;
import dev.doctor.core.testing.Programs;
import dev.doctor.core.testing.Sources;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus report as its real consumers take it: {@code promtool check metrics}, and
 * node_exporter's textfile collector serving it over HTTP on a loopback port while doctor
 * rewrites it. Skipped with a reason where the Debian packages {@code prometheus} and {@code
 * prometheus-node-exporter} are not installed (failed under CI, whose {@code .ci/run} installs them).
 */
class PrometheusTextfileTest {

  private static final Duration STARTUP = Duration.ofSeconds(20);

  @TempDir static Path plugins;
  @TempDir Path home;

  @BeforeAll
  static void buildPlugins() {
    PluginJar.builder("beta", "1.0.0")
        .source("beta.One", Sources.check("beta", "One", "beta/one",
            "return CheckResult.findings(Finding.builder(\"beta/one.warned\", Severity.WARNING, \"beta \\\"one\\\" warns\").build());"))
        .source("beta.Two", Sources.check("beta", "Two", "beta/two", "return CheckResult.skipped(\"not here\");"))
        .build(plugins);
  }

  private int doctor(String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("DOCTOR_PLUGINS_DIR", plugins.toString());
    env.put("OPENCLAW_STATE_DIR", home.resolve("state").toString());
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), Environment.of(env, home, false, null), args);
    assertTrue(code == 0 || code == 1, "doctor failed: " + err);
    return code;
  }

  @Test
  void promtoolAcceptsWhatDoctorWrites() throws Exception {
    Path promtool = Programs.require("Debian package prometheus", "promtool");
    Path prom = home.resolve("doctor.prom");
    doctor("--report", "prometheus=" + prom);
    Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectInput(prom.toFile()).redirectErrorStream(true).start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), output);
    assertEquals("", output.strip(), "promtool found lint problems");
  }

  @Test
  void nodeExporterServesDoctorsMetricsAndNeverSeesHalfAFile() throws Exception {
    Path exporter = Programs.require("Debian package prometheus-node-exporter", "prometheus-node-exporter", "node_exporter");

    Path textfiles = Files.createDirectories(home.resolve("textfile"));
    Path prom = textfiles.resolve("doctor.prom");
    assertEquals(1, doctor("--report", "prometheus=" + prom));

    Path log = home.resolve("node-exporter.log");
    Process process = null;
    try {
      int port = 0;
      for (int attempt = 0; attempt < 3 && process == null; attempt++) {
        port = freeLoopbackPort();
        Process started = new ProcessBuilder(exporter.toString(),
            "--web.listen-address=127.0.0.1:" + port,
            "--collector.disable-defaults",
            "--collector.textfile",
            "--collector.textfile.directory=" + textfiles)
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (waitUntilServing(started, port)) {
          process = started;
        } else {
          stop(started);
        }
      }
      assertTrue(process != null, "node_exporter did not come up:\n" + Files.readString(log));
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      URI metrics = URI.create("http://127.0.0.1:" + port + "/metrics");

      String body = get(http, metrics);
      assertTrue(body.contains("\nnode_textfile_scrape_error 0\n"), "the collector parsed doctor.prom:\n" + grep(body, "textfile"));
      assertTrue(body.contains("\ndoctor_up 1\n"), grep(body, "doctor_"));
      assertTrue(body.contains("\ndoctor_ok 0\n"));
      assertTrue(body.contains("\ndoctor_check_status{check=\"beta/one\",plugin=\"beta\",status=\"failed\"} 1\n"), grep(body, "doctor_check_status"));
      assertTrue(body.contains("\ndoctor_check_status{check=\"beta/two\",plugin=\"beta\",status=\"skipped\"} 1\n"));
      assertTrue(body.contains("\ndoctor_findings{check=\"beta/one\",severity=\"warning\"} 1\n"), grep(body, "doctor_findings"));
      assertTrue(body.contains("\ndoctor_findings{check=\"doctor\",severity=\"error\"} 0\n"));
      assertTrue(body.contains("\ndoctor_check_duration_seconds{check=\"beta/one\",plugin=\"beta\"} "));
      assertTrue(body.contains("\ndoctor_last_run_timestamp_seconds "));

      // doctor rewrites the file (as a cron job would) while Prometheus scrapes: every scrape
      // must see a whole file, never a parse error or a missing metric.
      AtomicReference<Throwable> writerFailed = new AtomicReference<>();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger writes = new AtomicInteger();
      Thread writer = new Thread(() -> {
        try {
          while (!stop.get() && writes.get() < 10_000) {
            dev.doctor.api.Report report = bigReport(writes.get());
            AtomicFile.write(prom, w -> new PrometheusReporter().write(report, new ReportOptions(false, false), w));
            writes.incrementAndGet();
          }
        } catch (Throwable t) {
          writerFailed.set(t);
        }
      }, "rewrite-doctor-prom");
      writer.start();
      List<String> bad = new ArrayList<>();
      try {
        long firstWrite = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writes.get() == 0 && writerFailed.get() == null && System.nanoTime() < firstWrite) {
          Thread.sleep(5);
        }
        for (int i = 0; i < 60 && writerFailed.get() == null; i++) {
          String scrape = get(http, metrics);
          if (!scrape.contains("\nnode_textfile_scrape_error 0\n") || !scrape.contains("\ndoctor_up 1\n")
              || !scrape.contains("doctor_check_duration_seconds{check=\"check-299\",plugin=\"p\"}")) {
            bad.add(grep(scrape, "textfile") + grep(scrape, "doctor_up"));
          }
        }
      } finally {
        stop.set(true);
        writer.join(TimeUnit.SECONDS.toMillis(30));
      }
      assertEquals(null, writerFailed.get());
      assertTrue(writes.get() > 1, "doctor rewrote the file while it was scraped (" + writes.get() + " writes)");
      assertEquals(List.of(), bad, "scrapes that saw a partial file");
      assertFalse(get(http, metrics).contains(".tmp"), "the temp file is never collected");
    } finally {
      if (process != null) {
        stop(process);
      }
    }
  }

  /**
   * The alert rules docs/formats.md tells operators to add: promtool loads them, and runs them on
   * sample series to show each alert fires when it should and stays quiet otherwise.
   */
  @Test
  void theDocumentedAlertRulesWork() throws Exception {
    Path promtool = Programs.require("Debian package prometheus", "promtool");
    String doc = Files.readString(Path.of(System.getProperty("basedir", "."), "..", "docs", "formats.md"));
    int section = doc.indexOf("### Alert rules");
    assertTrue(section > 0, "docs/formats.md has an Alert rules section");
    int start = doc.indexOf("```yaml\n", section) + "```yaml\n".length();
    Path rules = Files.writeString(home.resolve("doctor-rules.yml"), doc.substring(start, doc.indexOf("```", start)));
    assertEquals("SUCCESS", promtool(promtool, "check", "rules", rules.toString()).lines()
        .filter(l -> l.contains("SUCCESS") || l.contains("FAILED")).map(l -> l.contains("SUCCESS") ? "SUCCESS" : l).findFirst().orElse("?"));

    Path tests = Files.writeString(home.resolve("doctor-rules-test.yml"), """
        rule_files:
          - doctor-rules.yml
        evaluation_interval: 1m
        tests:
          - interval: 1m
            input_series:
              - series: 'doctor_check_status{check="codex-bwrap",plugin="codex-bwrap",status="failed",instance="gw1"}'
                values: '1x300'
              - series: 'doctor_check_status{check="codex-bwrap",plugin="codex-bwrap",status="failed",instance="gw2"}'
                values: '0x300'
              - series: 'doctor_findings{check="doctor",severity="error",instance="gw2"}'
                values: '1x300'
              - series: 'doctor_up{instance="gw1"}'
                values: '1x300'
              - series: 'doctor_up{instance="gw3"}'
                values: '0x300'
              - series: 'doctor_last_run_timestamp_seconds{instance="gw1"}'
                values: '0+60x300'
              - series: 'doctor_last_run_timestamp_seconds{instance="gw3"}'
                values: '0x300'
            alert_rule_test:
              - eval_time: 10m
                alertname: OpenClawDoctorCheckFailing
              - eval_time: 45m
                alertname: OpenClawDoctorCheckFailing
                exp_alerts:
                  - exp_labels: {severity: warning, check: codex-bwrap, plugin: codex-bwrap, status: failed, instance: gw1}
                    exp_annotations:
                      summary: "doctor check codex-bwrap on gw1: failed"
                      description: "Run `doctor --only codex-bwrap -v` on the host; `doctor explain CODE` explains each finding."
              - eval_time: 45m
                alertname: OpenClawDoctorHostProblem
                exp_alerts:
                  - exp_labels: {severity: warning, check: doctor, instance: gw2}
                    exp_annotations:
                      summary: "doctor itself reports a problem on gw2 (config, plugin or waiver)"
                      description: "Run `doctor` on the host to see it."
              - eval_time: 45m
                alertname: OpenClawDoctorDown
                exp_alerts:
                  - exp_labels: {severity: warning, instance: gw3}
                    exp_annotations:
                      summary: "doctor fails before any result on gw3"
                      description: "Run the timer's doctor command by hand on the host; it prints why on stderr and exits 2."
              - eval_time: 4h
                alertname: OpenClawDoctorStale
                exp_alerts:
                  - exp_labels: {severity: warning, instance: gw3}
                    exp_annotations:
                      summary: "doctor has not run on gw3 for over 3 hours"
                      description: "Check the systemd timer or cron job that runs doctor."
        """);
    String out = promtool(promtool, "test", "rules", tests.toString());
    assertTrue(out.contains("SUCCESS"), out);
  }

  private static String promtool(Path promtool, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(promtool.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "promtool " + String.join(" ", args) + ":\n" + out);
    return out;
  }

  /** Many checks, so that a file written in place would be caught half-written. */
  private static dev.doctor.api.Report bigReport(int round) {
    List<dev.doctor.api.CheckReport> checks = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      checks.add(new dev.doctor.api.CheckReport("check-" + i, "p", "t", dev.doctor.api.CheckStatus.PASSED,
          Duration.ofMillis(round + i), null, List.of(), Map.of()));
    }
    return new dev.doctor.api.Report("test", java.time.Instant.now(), Duration.ofMillis(round), dev.doctor.api.Severity.WARNING, checks);
  }

  private static String get(HttpClient http, URI uri) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return "\n" + response.body();
  }

  private static boolean waitUntilServing(Process process, int port) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return true;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    return false;
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String grep(String text, String part) {
    return String.join("\n", text.lines().filter(l -> l.contains(part)).toList()) + "\n";
  }
}
