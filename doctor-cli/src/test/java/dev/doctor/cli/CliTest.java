package dev.doctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doctor.core.testing.Golden;
import dev.doctor.core.testing.PluginJar;
import dev.doctor.core.testing.ReportSchema;
import dev.doctor.core.testing.Sources;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, with real plugin jars, captured output and exit codes. */
class CliTest {

  @TempDir static Path plugins;
  @TempDir Path home;

  record Result(int code, String out, String err) {}

  @BeforeAll
  static void buildPlugins() {
    PluginJar.builder("alpha", "1.0.0").source("alpha.HelloCheck", Sources.check("alpha", "HelloCheck", "alpha",
        "return CheckResult.passed(java.util.Map.of(\"mode\", context.config().at(\"agents.defaults.sandbox.mode\").text(\"unset\")));")).build(plugins);
    PluginJar.builder("beta", "1.0.0")
        .source("beta.One", Sources.check("beta", "One", "beta/one",
            "return CheckResult.findings(Finding.builder(\"beta/one.warned\", Severity.WARNING, \"beta one warns\")"
                + ".path(\"gateway.port\").evidence(\"seen\", \"yes\").remediation(\"Do the beta thing.\", \"beta --fix\").build());"))
        .source("beta.Two", Sources.check("beta", "Two", "beta/two", "return CheckResult.skipped(\"not applicable here\");"))
        .build(plugins);
    PluginJar.builder("noisy", "1.0.0").source("noisy.HelloCheck", Sources.check("noisy", "HelloCheck", "noisy",
        "System.out.println(\"{ this is not json\"); return CheckResult.passed();")).build(plugins);
  }

  private Result run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> vars = new HashMap<>(env);
    vars.putIfAbsent("DOCTOR_PLUGINS_DIR", plugins.toString());
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), Environment.of(vars, home, false, null), args);
    return new Result(code, out.toString(), err.toString());
  }

  private Result run(String... args) {
    return run(Map.of(), args);
  }

  private Path config(String json5) throws IOException {
    Path file = home.resolve("openclaw.json");
    Files.writeString(file, json5);
    return file;
  }

  @Test
  void versionAndHelpFitOnOneScreen() {
    Result version = run("--version");
    assertEquals(0, version.code());
    assertTrue(version.out().startsWith("doctor 0.1.0"), version.out());
    Result help = run("--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("Exit codes:"), help.out());
    assertTrue(help.out().lines().count() <= 45, "help is " + help.out().lines().count() + " lines");
    assertTrue(help.out().lines().allMatch(l -> l.length() <= 120), help.out());
  }

  @Test
  void exitCodeFollowsFailOn() {
    assertEquals(1, run("--skip", "noisy").code(), "beta/one warns and the default is --fail-on warning");
    assertEquals(0, run("--skip", "noisy", "--fail-on", "error").code());
    assertEquals(0, run("--fail-on", "never").code());
    assertEquals(0, run("--only", "alpha").code());
    assertEquals(1, run("--only", "beta/one", "--fail-on", "info").code());
  }

  @Test
  void badUsageIsOneLineAndExitTwo() {
    Result unknownOption = run("--frobnicate");
    assertEquals(2, unknownOption.code());
    assertTrue(unknownOption.err().startsWith("doctor: Unknown option: '--frobnicate'"), unknownOption.err());
    assertFalse(unknownOption.err().contains("\tat "), "no stack trace");

    Result unknownId = run("--only", "alpah");
    assertEquals(2, unknownId.code());
    assertEquals("doctor: unknown check id 'alpah'; did you mean 'alpha'? (see 'doctor list')\n", unknownId.err());

    assertEquals(2, run("--fail-on", "loud").code());
    assertEquals(2, run("--jobs", "0").code());
    assertEquals(2, run("--timeout", "-1").code());
    assertEquals(2, run("--format", "xml").code());
    assertTrue(run("--format", "xml").err().contains("available: console, json"));
    Result missingConfig = run("--config", home.resolve("nope.json").toString());
    assertEquals(2, missingConfig.code());
    assertTrue(missingConfig.err().startsWith("doctor: config file not found: "), missingConfig.err());
    Result noPlugins = run(Map.of("DOCTOR_PLUGINS_DIR", home.resolve("missing").toString()));
    assertEquals(2, noPlugins.code());
    assertTrue(noPlugins.err().contains("does not exist"), noPlugins.err());
  }

  @Test
  void onlyAndSkipTakePluginOrCheckIdsRepeatedOrCommaSeparated() throws IOException {
    JsonNode all = json(run("--format", "json", "--fail-on", "never").out());
    assertEquals(List.of("alpha", "beta/one", "beta/two", "noisy"), ids(all));
    assertEquals(List.of("beta/one", "beta/two"), ids(json(run("--format", "json", "--only", "beta").out())));
    assertEquals(List.of("alpha", "beta/two"), ids(json(run("--format", "json", "--only", "alpha,beta/two").out())));
    assertEquals(List.of("alpha", "beta/two"), ids(json(run("--format", "json", "--only", "alpha", "--only", "beta/two").out())));
    assertEquals(List.of("alpha", "noisy"), ids(json(run("--format", "json", "--fail-on", "never", "--skip", "beta").out())));
  }

  @Test
  void jsonOutputMatchesTheSchemaAndNothingElseReachesStdout() throws IOException {
    Path cfg = config("{ agents: { defaults: { sandbox: { mode: 'all', } } } // comment\n}");
    Result r = run("--format", "json", "--config", cfg.toString());
    assertEquals(1, r.code(), r.err());
    ReportSchema.assertValid(r.out());
    JsonNode root = json(r.out());
    assertFalse(root.get("ok").asBoolean());
    assertEquals(3, root.get("checksRun").asInt());
    assertEquals(1, root.get("checksSkipped").asInt());
    JsonNode finding = root.get("findings").get(0);
    assertEquals("beta/one", finding.get("checkId").asText());
    assertEquals("beta/one.warned", finding.get("code").asText());
    assertEquals("Do the beta thing.", finding.get("fixHint").asText());
    assertEquals("all", root.get("checks").get(0).get("evidence").get("mode").asText(), "the check saw the JSON5 config");
    assertTrue(r.err().contains("{ this is not json"), "a plugin's stray print goes to stderr: " + r.err());
  }

  @Test
  void anUnparsableConfigIsAFindingAndChecksThatDoNotNeedItStillRun() throws IOException {
    Path cfg = config("{\n  agents: {\n    defaults: { sandbox: { mode: 'all' ] }\n}\n");
    Result r = run("--format", "json", "--only", "alpha", "--config", cfg.toString());
    assertEquals(1, r.code(), r.err());
    ReportSchema.assertValid(r.out());
    JsonNode root = json(r.out());
    JsonNode parse = root.get("findings").get(0);
    assertEquals("doctor.config-parse-error", parse.get("code").asText());
    assertEquals("doctor", parse.get("checkId").asText());
    assertEquals(cfg.toString(), parse.get("file").asText());
    assertEquals(3, parse.get("line").asInt());
    assertTrue(parse.get("column").asInt() > 0);
    assertEquals("passed", root.get("checks").get(1).get("status").asText());
  }

  @Test
  void consoleOutputMatchesGoldenFileWithColourOff() throws IOException {
    Path cfg = config("{ agents: { defaults: { sandbox: { mode: 'all' } } } }");
    Result r = run("--config", cfg.toString(), "--skip", "noisy");
    assertEquals(1, r.code());
    Golden.assertMatches("cli-console.txt", stable(r.out()));
    Result verbose = run("--config", cfg.toString(), "--skip", "noisy", "-v");
    Golden.assertMatches("cli-console-verbose.txt", stable(verbose.out()));
    assertFalse(r.out().contains("\u001b["), "no colour when not a terminal");
  }

  @Test
  void colourFollowsTerminalNoColorAndTheFlag() {
    Map<String, String> env = Map.of("DOCTOR_PLUGINS_DIR", plugins.toString());
    StringWriter out = new StringWriter();
    Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), Environment.of(env, home, true, null), "--only", "alpha");
    assertTrue(out.toString().contains("\u001b["), "colour on a terminal");

    Map<String, String> noColor = new HashMap<>(env);
    noColor.put("NO_COLOR", "1");
    StringWriter plain = new StringWriter();
    Main.run(new PrintWriter(plain), new PrintWriter(new StringWriter()), Environment.of(noColor, home, true, null), "--only", "alpha", "--color", "always");
    assertFalse(plain.toString().contains("\u001b["), "NO_COLOR wins");

    assertTrue(run("--only", "alpha", "--color", "always").out().contains("\u001b["));
    StringWriter never = new StringWriter();
    Main.run(new PrintWriter(never), new PrintWriter(new StringWriter()), Environment.of(env, home, true, null), "--only", "alpha", "--color", "never");
    assertFalse(never.toString().contains("\u001b["));
  }

  @Test
  void outputFileIsWrittenInsteadOfStdout() throws IOException {
    Path report = home.resolve("report.json");
    Files.writeString(report, "old");
    Result r = run("--format", "json", "--only", "alpha", "--output", report.toString());
    assertEquals(0, r.code());
    assertEquals("", r.out());
    ReportSchema.assertValid(Files.readString(report));
    try (var files = Files.list(home)) {
      assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(), "no temp file left");
    }
  }

  @Test
  void listAndPluginsDescribeWhatIsInstalled() throws IOException {
    PluginJar.corrupt(plugins, "zz-corrupt.jar");
    try {
      Result list = run("list");
      assertEquals(0, list.code());
      assertTrue(list.out().startsWith("ID"), list.out());
      assertTrue(list.out().contains("beta/one  beta    Title of beta/one"), list.out());
      JsonNode listJson = json(run("list", "--format", "json").out());
      assertEquals("alpha", listJson.get(0).get("id").asText());

      Result pluginsOut = run("plugins");
      assertEquals(0, pluginsOut.code());
      assertTrue(pluginsOut.out().contains("alpha"), pluginsOut.out());
      assertTrue(pluginsOut.out().contains("zz-corrupt.jar"), pluginsOut.out());
      JsonNode pluginsJson = json(run("plugins", "--format", "json").out());
      JsonNode corrupt = pluginsJson.get(pluginsJson.size() - 1);
      assertEquals("failed", corrupt.get("state").asText());
      assertTrue(corrupt.get("reason").asText().startsWith("not a readable jar file"), corrupt.toString());

      Result runWithBroken = run("--format", "json", "--only", "alpha");
      assertEquals(0, runWithBroken.code(), "a broken plugin that was not selected does not fail the run");
      Result everything = run("--format", "json", "--fail-on", "error");
      JsonNode host = json(everything.out()).get("findings").get(0);
      assertEquals("doctor.plugin-failed", host.get("code").asText());
      assertEquals(0, everything.code(), "the plugin finding is a warning");
    } finally {
      Files.delete(plugins.resolve("zz-corrupt.jar"));
    }
  }

  @Test
  void subcommandsAreBuiltOnlyWhenTheArgumentsMayNameOne() {
    var root = new picocli.CommandLine(new DoctorCommand(Environment.of(Map.of(), home, false, null))).getCommandSpec();
    assertFalse(DoctorCommand.mayNameSubcommand(root));
    assertFalse(DoctorCommand.mayNameSubcommand(root, "--only", "list", "--format=json", "-v", "--plugins-dir", "plugins"));
    assertTrue(DoctorCommand.mayNameSubcommand(root, "list"));
    assertTrue(DoctorCommand.mayNameSubcommand(root, "--plugins-dir", "x", "plugins"));
    assertTrue(DoctorCommand.mayNameSubcommand(root, "--help"));
    assertTrue(DoctorCommand.mayNameSubcommand(root, "lsit"));
    Result typo = run("lsit");
    assertEquals(2, typo.code());
    assertTrue(typo.err().startsWith("doctor: Unmatched argument at index 0: 'lsit'"), typo.err());
    assertTrue(run("--help").out().contains("explain"), "help lists the subcommands");
  }

  private static JsonNode json(String text) throws IOException {
    return new ObjectMapper().readTree(text);
  }

  private static List<String> ids(JsonNode report) {
    return java.util.stream.StreamSupport.stream(report.get("checks").spliterator(), false)
        .map(c -> c.get("id").asText()).filter(id -> !id.equals("doctor")).toList();
  }

  /** Durations and temp paths vary from run to run. */
  private String stable(String text) {
    return text.replaceAll("\\(\\d+ ms\\)", "(N ms)").replaceAll("\\(\\d+\\.\\d+ s\\)", "(N s)").replace(home.toString(), "$HOME");
  }
}
