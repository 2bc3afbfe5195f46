package dev.doctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doctor.api.DoctorApi;
import dev.doctor.core.testing.PluginJar;
import dev.doctor.core.testing.ReportSchema;
import dev.doctor.core.testing.Sources;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Third-party plugins through the whole command line, as real jars. Every way a plugin can break
 * sits in one directory beside a good plugin: the good plugin's result stays right, the report
 * stays valid JSON, and each breakage is reported against its own plugin.
 */
class ThirdPartyPluginsTest {

  private static final String GOOD = Sources.check("good", "GoodCheck", "good", """
      ConfigNode port = context.config().at("gateway.port");
      return CheckResult.findings(Finding.builder("good.port-seen", Severity.WARNING, "gateway.port is " + port.scalarText())
          .at(port).evidence("port", port.scalarText()).build());""");

  @TempDir Path plugins;
  @TempDir Path home;

  /** Runs doctor with {@code --plugins-dir} set to this test's plugins. */
  private CliTest.Result run(String... args) {
    List<String> all = new ArrayList<>(List.of("--plugins-dir", plugins.toString()));
    all.addAll(List.of(args));
    return runAsIs(all.toArray(String[]::new));
  }

  private CliTest.Result runAsIs(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), Environment.of(Map.of(), home, false, null), args);
    return new CliTest.Result(code, out.toString(), err.toString());
  }

  @Test
  void everyKindOfBrokenPluginInOneRunLeavesTheGoodResultRightAndTheJsonValid() throws IOException {
    PluginJar.builder("good", "1.0.0").source("good.GoodCheck", GOOD).build(plugins);
    PluginJar.corrupt(plugins, "corrupt.jar");
    PluginJar.builder("noclass", "1.0.0").pluginClass("noclass.NoClassPlugin")
        .source("noclass.HelloCheck", Sources.helloCheck("noclass", "noclass")).build(plugins);
    PluginJar.builder("startfails", "1.0.0").pluginClass("startfails.Boom")
        .source("startfails.Boom", """
            package startfails;
            public class Boom extends org.pf4j.Plugin {
              @Override public void start() { throw new IllegalStateException("cannot start"); }
            }
            """)
        .source("startfails.HelloCheck", Sources.helloCheck("startfails", "startfails")).build(plugins);
    PluginJar.builder("ncdf", "1.0.0")
        .source("ncdf.Helper", "package ncdf; public class Helper { public String hi() { return \"hi\"; } }")
        .source("ncdf.NcdfCheck", Sources.check("ncdf", "NcdfCheck", "ncdf", "return CheckResult.skipped(new Helper().hi());"))
        .withoutClass("ncdf.Helper")
        .build(plugins);
    PluginJar.builder("overflow", "1.0.0").source("overflow.OverflowCheck", """
            package overflow;
            import dev.doctor.api.*;
            @org.pf4j.Extension
            public final class OverflowCheck implements Check {
              @Override public String id() { return "overflow"; }
              @Override public String title() { return "Recurses forever"; }
              @Override public String description() { return "d"; }
              @Override public CheckResult run(CheckContext context) { return deeper(context, 0); }
              private CheckResult deeper(CheckContext context, int depth) { return deeper(context, depth + 1); }
            }
            """).build(plugins);
    PluginJar.builder("hang", "1.0.0").source("hang.HangCheck", Sources.check("hang", "HangCheck", "hang", """
            while (true) {
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException ignored) {
                // a check that ignores interruption: the worst case
              }
            }"""))
        .build(plugins);
    PluginJar.builder("noisy", "1.0.0").source("noisy.NoisyCheck", Sources.check("noisy", "NoisyCheck", "noisy",
        "System.out.println(\"{ noisy was here\"); System.out.print(\"no newline\"); return CheckResult.passed();")).build(plugins);
    PluginJar.builder("future", "9.0.0").requires(">=2.0.0")
        .source("future.HelloCheck", Sources.helloCheck("future", "future")).build(plugins);
    PluginJar.builder("twin", "1.0.0").fileName("twin-1.0.0.jar").source("a.HelloCheck", Sources.helloCheck("a", "twin")).build(plugins);
    PluginJar.builder("twin", "1.1.0").fileName("twin-1.1.0.jar").source("b.HelloCheck", Sources.helloCheck("b", "twin")).build(plugins);
    Path config = Files.writeString(home.resolve("openclaw.json"), "{\n  // JSON5\n  gateway: { port: 8080, },\n}\n");

    long started = System.nanoTime();
    CliTest.Result r = run("--format", "json", "--timeout", "1", "--config", config.toString());
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertEquals(1, r.code(), r.err());
    ReportSchema.assertValid(r.out());
    assertTrue(tookMs < 8_000, "the hung check cost its deadline, not the run: " + tookMs + " ms");
    JsonNode report = new ObjectMapper().readTree(r.out());

    JsonNode good = check(report, "good");
    assertEquals("failed", good.get("status").asText());
    JsonNode seen = findings(report, "good").get(0);
    assertEquals("good.port-seen", seen.get("code").asText());
    assertEquals("gateway.port is 8080", seen.get("message").asText());
    assertEquals("gateway.port", seen.get("path").asText());
    assertEquals(3, seen.get("line").asInt());
    assertEquals(config.toString(), seen.get("file").asText());

    assertCrashed(report, "ncdf", "java.lang.NoClassDefFoundError: ncdf/Helper");
    assertCrashed(report, "overflow", "java.lang.StackOverflowError");
    JsonNode hang = check(report, "hang");
    assertEquals("timeout", hang.get("status").asText());
    assertEquals("doctor.check-timeout", findings(report, "hang").get(0).get("code").asText());
    assertEquals("passed", check(report, "noisy").get("status").asText());
    assertTrue(r.err().contains("{ noisy was here"), "a plugin's print goes to stderr: " + r.err());

    assertEquals(List.of("doctor", "good", "hang", "ncdf", "noisy", "overflow"), ids(report),
        "only checks of plugins that loaded and started run");
    Map<String, String> hostFindings = hostFindings(report);
    assertTrue(hostFindings.get("corrupt.jar").startsWith("plugin corrupt.jar could not be loaded: not a readable jar file"), hostFindings.toString());
    assertEquals("plugin noclass could not be loaded: Plugin-Class noclass.NoClassPlugin is not in the jar", hostFindings.get("noclass"));
    assertTrue(hostFindings.get("startfails").contains("cannot start"), hostFindings.toString());
    assertEquals("plugin future is disabled: it requires doctor API >=2.0.0 but this doctor provides " + DoctorApi.version(),
        hostFindings.get("future"));
    assertEquals("plugin twin could not be loaded: 2 jars declare plugin id 'twin' (twin-1.0.0.jar, twin-1.1.0.jar);"
        + " none of them is loaded: keep one", hostFindings.get("twin"));
    long twinFindings = findings(report, "doctor").stream()
        .filter(f -> f.get("evidence").get("plugin").asText().equals("twin")).count();
    assertEquals(2, twinFindings, "both jars of the duplicated plugin id are reported, one finding each");
  }

  @Test
  void aPluginNeedingANewerApiIsListedDisabledWithTheReasonAndWarnedAboutInARun() throws IOException {
    PluginJar.builder("good", "1.0.0").requires(">=1.0.0 & <2.0.0").source("good.GoodCheck", GOOD).build(plugins);
    PluginJar.builder("future", "9.0.0").requires(">=2.0.0")
        .source("future.HelloCheck", Sources.helloCheck("future", "future")).build(plugins);
    String reason = "requires doctor API >=2.0.0 but this doctor provides " + DoctorApi.version();

    CliTest.Result table = run("plugins");
    assertEquals(0, table.code(), table.err());
    String futureRow = table.out().lines().filter(l -> l.startsWith("future ")).findFirst().orElseThrow();
    assertTrue(futureRow.matches("future +9\\.0\\.0 +disabled +" + java.util.regex.Pattern.quote(reason)), futureRow);
    assertTrue(table.out().lines().anyMatch(l -> l.matches("good +1\\.0\\.0 +started *")), table.out());

    JsonNode list = new ObjectMapper().readTree(run("plugins", "--format", "json").out());
    JsonNode future = StreamSupport.stream(list.spliterator(), false).filter(p -> p.get("id").asText().equals("future")).findFirst().orElseThrow();
    assertEquals("disabled", future.get("state").asText());
    assertEquals(reason, future.get("reason").asText());

    CliTest.Result everything = run("--format", "json");
    assertEquals(1, everything.code(), everything.err());
    ReportSchema.assertValid(everything.out());
    JsonNode report = new ObjectMapper().readTree(everything.out());
    JsonNode warning = findings(report, "doctor").get(0);
    assertEquals("doctor.plugin-failed", warning.get("code").asText());
    assertEquals("warning", warning.get("severity").asText());
    assertEquals("plugin future is disabled: it " + reason, warning.get("message").asText());
    assertEquals("disabled", warning.get("evidence").get("state").asText());
    assertEquals(List.of("doctor", "good"), ids(report), "the disabled plugin's check does not run");

    CliTest.Result list2 = run("list");
    assertFalse(list2.out().contains("future"), "a disabled plugin has no checks to list: " + list2.out());
    JsonNode goodOnly = new ObjectMapper().readTree(run("--format", "json", "--only", "good").out());
    assertEquals(List.of("good"), ids(goodOnly), "the warning belongs to runs that select the plugin");
  }

  @Test
  void aPluginsDirectoryMayBeNamedLikeASubcommand() {
    // The distribution's own folder is called plugins: `doctor --plugins-dir plugins plugins` must parse.
    CliTest.Result listed = runAsIs("--plugins-dir", "plugins", "plugins");
    assertEquals(2, listed.code());
    assertEquals("doctor: plugins directory plugins (from --plugins-dir) does not exist or is not a directory\n", listed.err());
    CliTest.Result ran = runAsIs("--plugins-dir", "list");
    assertEquals("doctor: plugins directory list (from --plugins-dir) does not exist or is not a directory\n", ran.err());
  }

  private static void assertCrashed(JsonNode report, String id, String what) {
    assertEquals("error", check(report, id).get("status").asText());
    JsonNode finding = findings(report, id).get(0);
    assertEquals("doctor.check-crashed", finding.get("code").asText());
    assertTrue(finding.get("message").asText().endsWith("crashed: " + what), finding.get("message").asText());
  }

  private static JsonNode check(JsonNode report, String id) {
    return StreamSupport.stream(report.get("checks").spliterator(), false)
        .filter(c -> c.get("id").asText().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no check " + id + " in " + report));
  }

  /** The report's findings of one check, in order. */
  private static List<JsonNode> findings(JsonNode report, String checkId) {
    return StreamSupport.stream(report.get("findings").spliterator(), false)
        .filter(f -> f.get("checkId").asText().equals(checkId)).toList();
  }

  private static List<String> ids(JsonNode report) {
    return StreamSupport.stream(report.get("checks").spliterator(), false).map(c -> c.get("id").asText()).toList();
  }

  /** The host's plugin findings by plugin id (the last one wins for a duplicated id). */
  private static Map<String, String> hostFindings(JsonNode report) {
    Map<String, String> byPlugin = new java.util.TreeMap<>();
    for (JsonNode f : findings(report, "doctor")) {
      assertEquals("doctor.plugin-failed", f.get("code").asText(), f.toString());
      byPlugin.put(f.get("evidence").get("plugin").asText(), f.get("message").asText());
    }
    return byPlugin;
  }
}
