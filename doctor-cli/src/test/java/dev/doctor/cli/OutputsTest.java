package dev.doctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doctor.core.explain.Explanations;
import dev.doctor.core.testing.PluginJar;
import dev.doctor.core.testing.ReportSchema;
import dev.doctor.core.testing.SarifSchema;
import dev.doctor.core.testing.Sources;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** Report files, waivers, explain and the progress line, end to end through {@link Main#run}. */
class OutputsTest {

  @TempDir static Path plugins;
  @TempDir static Path slowPlugins;
  @TempDir Path home;

  static final String BETA_PAGE = """
      # beta: test checks

      ### beta/one.warned

      **Warning.** Beta one is unhappy with the gateway port.

      Fix: do the beta thing.
      """;

  @BeforeAll
  static void buildPlugins() {
    PluginJar.builder("alpha", "1.0.0").source("alpha.HelloCheck", Sources.check("alpha", "HelloCheck", "alpha",
        "return CheckResult.passed();")).build(plugins);
    PluginJar.builder("beta", "1.0.0")
        .source("beta.One", Sources.check("beta", "One", "beta/one",
            "return CheckResult.findings(Finding.builder(\"beta/one.warned\", Severity.WARNING, \"beta one warns\")"
                + ".path(\"gateway.port\").remediation(\"Do the beta thing.\", \"beta --fix\").build());"))
        .resource(Explanations.pageEntry("beta"), BETA_PAGE)
        .build(plugins);
    PluginJar.builder("slow", "1.0.0").source("slow.SlowCheck", Sources.check("slow", "SlowCheck", "slow",
        "try { Thread.sleep(900); } catch (InterruptedException e) { Thread.currentThread().interrupt(); } return CheckResult.passed();"))
        .build(slowPlugins);
  }

  record Result(int code, String out, String err) {}

  private Result run(Map<String, String> env, boolean terminal, Path pluginsDir, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> vars = new HashMap<>(env);
    vars.putIfAbsent("DOCTOR_PLUGINS_DIR", pluginsDir.toString());
    vars.putIfAbsent("OPENCLAW_STATE_DIR", home.resolve("state").toString());
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), Environment.of(vars, home, terminal, null), args);
    return new Result(code, out.toString(), err.toString());
  }

  private Result run(String... args) {
    return run(Map.of(), false, plugins, args);
  }

  private Path config(String json5) throws IOException {
    Path dir = Files.createDirectories(home.resolve("state"));
    return Files.writeString(dir.resolve("openclaw.json"), json5);
  }

  private Path waivers(String json5) throws IOException {
    return Files.writeString(Files.createDirectories(home.resolve("state")).resolve("doctor-waivers.json5"), json5);
  }

  private static JsonNode json(String text) throws IOException {
    return new ObjectMapper().readTree(text);
  }

  @Test
  void oneFormatOnStdoutAndOthersInFilesAtOnce() throws Exception {
    config("{\n  gateway: {\n    port: 80,\n  },\n}\n");
    Path sarif = home.resolve("out.sarif");
    Path junit = home.resolve("out.xml");
    Path prom = home.resolve("doctor.prom");
    Path markdown = home.resolve("out.md");
    Path report = home.resolve("report.json");
    Result r = run("--format", "console", "--report", "sarif=" + sarif, "--report", "junit=" + junit,
        "--report", "prometheus=" + prom, "--report", "markdown=" + markdown, "--report", "json=" + report);
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("[FAIL]    beta/one"), "console on stdout: " + r.out());
    assertEquals("", r.err());

    SarifSchema.assertValid(Files.readString(sarif));
    JsonNode result = json(Files.readString(sarif)).get("runs").get(0).get("results").get(0);
    JsonNode region = result.get("locations").get(0).get("physicalLocation").get("region");
    assertEquals(3, region.get("startLine").asInt(), "the finding lands on the line of gateway.port");
    assertEquals(11, region.get("startColumn").asInt());
    assertEquals(home.resolve("state/openclaw.json").toUri().toString(),
        result.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText());
    JsonNode rule = json(Files.readString(sarif)).get("runs").get(0).get("tool").get("driver").get("rules").get(0);
    assertTrue(rule.get("help").get("markdown").asText().startsWith("**Warning.** Beta one is unhappy"), "help from the plugin's page");

    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
    assertEquals("testsuites", xml.getDocumentElement().getTagName());
    assertEquals(1, xml.getElementsByTagName("failure").getLength());

    assertTrue(Files.readString(prom).contains("doctor_findings{check=\"beta/one\",severity=\"warning\"} 1\n"));
    assertTrue(Files.readString(markdown).startsWith("## doctor: ❌ problems found"));
    ReportSchema.assertValid(Files.readString(report));
    assertEquals(3, json(Files.readString(report)).get("findings").get(0).get("line").asInt());
    try (Stream<Path> files = Files.list(home)) {
      assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(), "no temp file left");
    }
    assertFalse(Files.readString(markdown).contains("\u001b["), "never colour in a file");
  }

  @Test
  void badReportOptionsFailBeforeAnyCheckRuns() throws IOException {
    Result unknown = run("--report", "xml=" + home.resolve("x.xml"));
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().startsWith("doctor: unknown format 'xml' in --report"), unknown.err());
    assertTrue(unknown.err().contains("available: console, json, sarif, junit, markdown, prometheus"), unknown.err());
    assertEquals("", unknown.out());

    Result malformed = run("--report", "sarif");
    assertEquals(2, malformed.code());
    assertTrue(malformed.err().contains("--report takes NAME=FILE"), malformed.err());

    Result noDir = run("--report", "sarif=" + home.resolve("missing/out.sarif"));
    assertEquals(2, noDir.code());
    assertTrue(noDir.err().contains("does not exist"), noDir.err());

    Result twice = run("--report", "sarif=" + home.resolve("a"), "--report", "junit=" + home.resolve("a"));
    assertEquals(2, twice.code());
    assertTrue(twice.err().contains("two reports would be written to"), twice.err());
  }

  @Test
  void aFailedRunTellsPrometheusThatDoctorIsDown() throws IOException {
    Path prom = home.resolve("doctor.prom");
    Files.writeString(prom, "doctor_up 1\n");
    Result r = run("--only", "nosuch", "--report", "prometheus=" + prom);
    assertEquals(2, r.code());
    String metrics = Files.readString(prom);
    assertTrue(metrics.contains("\ndoctor_up 0\n"), metrics);
    assertTrue(metrics.contains("doctor_last_run_timestamp_seconds "), metrics);
  }

  @Test
  void aWaiverBesideTheConfigAcceptsAFindingUntilItExpires() throws IOException {
    config("{ gateway: { port: 80 } }");
    waivers("""
        { waivers: [
          { code: 'beta/one.warned', path: 'gateway', reason: 'OPS-1: port 80 behind the proxy', expires: '2999-12-31' },
        ] }
        """);
    Result waived = run("--format", "json");
    assertEquals(0, waived.code(), "the only warning is waived: " + waived.out());
    ReportSchema.assertValid(waived.out());
    JsonNode finding = json(waived.out()).get("findings").get(0);
    assertEquals("beta/one.warned", finding.get("code").asText());
    assertEquals("OPS-1: port 80 behind the proxy", finding.get("waived").get("reason").asText());
    assertEquals("passed", json(waived.out()).get("checks").get(1).get("status").asText());
    Result console = run();
    assertEquals(0, console.code());
    assertTrue(console.out().contains("waived warning beta one warns"), console.out());
    assertTrue(console.out().contains("waived until 2999-12-31: OPS-1: port 80 behind the proxy"), console.out());

    waivers("{ waivers: [ { code: 'beta/one.warned', reason: 'was fine last year', expires: '2020-01-01' } ] }");
    Result expired = run("--format", "json");
    assertEquals(1, expired.code());
    JsonNode findings = json(expired.out()).get("findings");
    assertEquals("doctor.waiver-expired", findings.get(0).get("code").asText());
    assertEquals("warning", findings.get(0).get("severity").asText());
    assertEquals(1, findings.get(0).get("line").asInt());
    assertFalse(findings.get(1).has("waived"), "an expired waiver waives nothing");

    waivers("{ waivers: [ { code: 'beta/one.warned', expires: '2999-01-01' } ] }");
    Result reasonless = run("--format", "json");
    assertEquals(1, reasonless.code());
    assertEquals("doctor.waiver-invalid", json(reasonless.out()).get("findings").get(0).get("code").asText());
  }

  @Test
  void waiversMayComeFromAnyFileButItMustExist() throws IOException {
    Path file = Files.writeString(home.resolve("fleet-waivers.json5"),
        "{ waivers: [ { code: 'beta/one.warned', reason: 'fleet-wide', expires: '2999-12-31' } ] }");
    assertEquals(0, run("--waivers", file.toString()).code());
    Result missing = run("--waivers", home.resolve("nope.json5").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().startsWith("doctor: waivers file not found: "), missing.err());
  }

  @Test
  void explainPrintsTheCodesSectionAndPointsFurther() {
    Result beta = run("explain", "beta/one.warned");
    assertEquals(0, beta.code(), beta.err());
    assertTrue(beta.out().startsWith("beta/one.warned\n\n**Warning.** Beta one is unhappy with the gateway port.\n\nFix: do the beta thing.\n"),
        beta.out());
    assertTrue(beta.out().contains("More: 'doctor explain beta' prints the whole page of beta (read from "), beta.out());

    Result host = run("explain", "doctor.check-timeout");
    assertEquals(0, host.code());
    assertTrue(host.out().contains("Usual causes:"), host.out());
    assertTrue(host.out().contains("Fix: run it alone with a longer deadline"), host.out());

    Result page = run("explain", "beta");
    assertEquals(0, page.code());
    assertTrue(page.out().startsWith("# beta: test checks"), page.out());

    Result list = run("explain", "--list");
    assertEquals(0, list.code());
    assertTrue(list.out().contains("beta/one.warned  Beta one is unhappy with the gateway port.\n"), list.out());
    assertTrue(list.out().contains("doctor.waiver-expired  "), list.out());
  }

  @Test
  void explainingAnUnknownCodeIsUsageWithTheNearestKnownOne() {
    Result typo = run("explain", "beta/one.warnd");
    assertEquals(2, typo.code());
    assertEquals("doctor: plugin beta has no explanation for 'beta/one.warnd'; did you mean 'beta/one.warned'? (see 'doctor explain --list')\n",
        typo.err());
    Result noPage = run("explain", "alpha.something");
    assertEquals(2, noPage.code());
    assertTrue(noPage.err().contains("plugin alpha ships no explanations (META-INF/doctor/checks/alpha.md in its jar)"), noPage.err());
    Result noPlugin = run("explain", "doctor.check-timeot");
    assertEquals(2, noPlugin.code());
    assertTrue(noPlugin.err().contains("did you mean 'doctor.check-timeout'?"), noPlugin.err());
    assertEquals(2, run("explain").code());

    Result hostWithoutPlugins = run(Map.of("DOCTOR_PLUGINS_DIR", home.resolve("none").toString()), false, plugins, "explain", "doctor.plugin-failed");
    assertEquals(0, hostWithoutPlugins.code(), "the host's codes need no plugins: " + hostWithoutPlugins.err());
  }

  @Test
  void progressIsALiveLineOnTheTerminalErasedAtTheEnd() {
    Result tty = run(Map.of(), true, slowPlugins, "--color", "never");
    assertEquals(0, tty.code(), tty.err());
    assertTrue(tty.err().contains(Progress.CLEAR + "doctor: 0 done, running slow ("), "a live line: " + tty.err().replace("\u001b", "ESC"));
    assertTrue(tty.err().endsWith(Progress.CLEAR), "erased when done: " + tty.err().replace("\u001b", "ESC"));
    assertFalse(tty.out().contains("\r"), "the report itself is untouched");
    assertTrue(tty.out().startsWith("[PASS]    slow"), tty.out());

    assertEquals("", run(Map.of(), false, slowPlugins).err(), "nothing when not on a terminal");
    assertEquals("", run(Map.of(), true, slowPlugins, "--format", "json").err(), "nothing in machine formats");
    assertEquals("", run(Map.of(), true, slowPlugins, "--output", home.resolve("r.txt").toString()).err(), "nothing when the report goes to a file");
    assertEquals("", run(Map.of("TERM", "dumb"), true, slowPlugins).err(), "nothing on a dumb terminal");
  }
}
