package dev.doctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doctor.core.testing.PluginJar;
import dev.doctor.core.testing.ReportSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --dry-run}, {@code --fix} and {@code --yes} end to end: the distribution's config-secrets
 * plugin on a real state directory, captured output and exit codes, and checksums of every file
 * (content and mode) to show what changed and what did not.
 */
class FixCliTest {

  private static final Path DIST = Path.of(System.getProperty("basedir", "."), "target", "doctor");
  private static final String KEY = "sk-proj-Abc123Def456Ghi789Jkl012Mno345Pqr678Stu901Vwx";
  private static final String CONFIG = String.join("\n",
      "// my gateway, edited by hand",
      "{",
      "  models: {",
      "    providers: {",
      "      openai: {",
      "        baseUrl: 'https://api.openai.com/v1',",
      "        apiKey:  '" + KEY + "', // from the dashboard",
      "      },",
      "    },",
      "  },",
      "  gateway: { port: 18789 },",
      "}",
      "");

  @TempDir Path home;
  private Path state;
  private Path config;

  @BeforeEach
  void stateDirectory() throws IOException {
    state = Files.createDirectories(home.resolve(".openclaw"));
    Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx------"));
    config = Files.writeString(state.resolve("openclaw.json"), CONFIG);
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
  }

  private CliTest.Result run(Environment environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), environment, args);
    return new CliTest.Result(code, out.toString(), err.toString());
  }

  private Environment environment(boolean terminal, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of("HOME", home.toString(), "OPENCLAW_STATE_DIR", state.toString(),
        "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
    env.putAll(extra);
    return Environment.of(env, home, terminal, DIST);
  }

  private CliTest.Result run(String... args) {
    return run(environment(false, Map.of()), args);
  }

  /** Every file under the home directory: path and mode → SHA-256 of the content. */
  private Map<String, String> checksums() throws Exception {
    Map<String, String> sums = new TreeMap<>();
    try (Stream<Path> files = Files.walk(home)) {
      for (Path f : files.toList()) {
        String key = home.relativize(f) + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
        sums.put(key, Files.isRegularFile(f) ? HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))) : "dir");
      }
    }
    return sums;
  }

  private static JsonNode fix(JsonNode report, String id) {
    for (JsonNode f : report.get("fixes")) {
      if (f.get("id").asText().equals(id)) {
        return f;
      }
    }
    throw new AssertionError("no fix " + id + " in " + report);
  }

  @Test
  void fixYesMovesThePlaintextKeyTightensTheFileAndTheReauditPasses() throws Exception {
    CliTest.Result r = run("--only", "config-secrets", "--fix", "--yes", "--format", "json");

    assertEquals(0, r.code(), r.out() + r.err());
    ReportSchema.assertValid(r.out());
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertEquals("passed", report.get("checks").get(0).get("status").asText(), "the re-audit finds nothing: " + r.out());
    assertEquals("repaired", fix(report, "config-secrets.tighten-permissions").get("status").asText());
    JsonNode move = fix(report, "config-secrets.move-to-secretref");
    assertEquals("repaired", move.get("status").asText(), r.out());
    assertTrue(move.get("note").asText().startsWith("Rotate this credential"), move.toString());
    assertFalse(r.out().contains(KEY) || r.err().contains(KEY), "the secret is never printed");

    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
    String now = Files.readString(config);
    assertFalse(now.contains(KEY));
    assertTrue(now.contains("        apiKey:  { source: 'file', provider: 'filemain', id: '/models/providers/openai/apiKey' }, // from the dashboard\n"),
        "only the value changed, the comment and spacing stayed: " + now);
    assertTrue(now.startsWith(CONFIG.substring(0, CONFIG.indexOf("        apiKey"))), now);
    assertTrue(now.contains("filemain: { source: 'file', path: '~/.openclaw/secrets.json', mode: 'json' }"), now);

    Path secrets = state.resolve("secrets.json");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)));
    JsonNode stored = new ObjectMapper().readTree(Files.readString(secrets));
    assertEquals(KEY, stored.at("/models/providers/openai/apiKey").asText(), "the secrets file is strict JSON OpenClaw can read");

    Path backup = state.resolve("openclaw.json.bak");
    assertFalse(Files.readString(backup).contains(KEY), "the backup holds no secret");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)), "and is private");
  }

  @Test
  void fixWithoutATerminalOrYesChangesNothingAndSaysHow() throws Exception {
    Map<String, String> before = checksums();
    CliTest.Result r = run("--only", "config-secrets", "--fix");

    assertEquals(before, checksums(), "nothing on disk changed");
    assertEquals(1, r.code(), "the findings decide the exit code");
    assertTrue(r.err().contains("doctor: 2 fixes were not applied: standard input is not a terminal to ask on; run again with --fix"
        + " --yes to apply them"), r.err());
    assertTrue(r.out().contains("Fixes: 2 planned"), r.out());
    assertFalse(r.out().contains(KEY), r.out());
  }

  @Test
  void dryRunChangesNothingAndShowsRedactedDiffs() throws Exception {
    Map<String, String> before = checksums();
    CliTest.Result r = run("--only", "config-secrets", "--dry-run", "--format", "json");

    assertEquals(before, checksums(), "a dry run changes nothing");
    assertEquals(1, r.code());
    ReportSchema.assertValid(r.out());
    JsonNode move = fix(new ObjectMapper().readTree(r.out()), "config-secrets.move-to-secretref");
    assertEquals("planned", move.get("status").asText());
    assertEquals("config-edit", move.get("kind").asText());
    String diff = move.get("diff").asText();
    assertTrue(diff.contains("-        apiKey:  '«redacted: 53 chars»', // «comment: 19 chars»\n"), diff);
    assertTrue(diff.contains("+      \"openai\": { \"apiKey\": \"«redacted: 53 chars»\" }\n"), diff);
    assertFalse(r.out().contains(KEY) || r.err().contains(KEY));
  }

  @Test
  void onATerminalEachFixIsAskedForWithTheSafeDefault() throws Exception {
    // Enter for the chmod (safe: yes), "n" for the move.
    Environment terminal = environment(true, Map.of("NO_COLOR", "1")).withInput("\nn\n");
    CliTest.Result r = run(terminal, "--only", "config-secrets", "--fix");

    assertTrue(r.out().contains("Fix config-secrets.tighten-permissions (config-secrets): chmod 600 " + config), r.out());
    assertTrue(r.out().contains("Apply it? [Y/n] "), r.out());
    assertTrue(r.out().contains("Apply it? [y/N] "), r.out());
    assertTrue(r.out().contains("repaired  config-secrets.tighten-permissions"), r.out());
    assertTrue(r.out().contains("declined  config-secrets.move-to-secretref"), r.out());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
    assertTrue(Files.readString(config).contains(KEY), "the declined move changed nothing");
    assertEquals(1, r.code(), "the plaintext key is still there");
  }

  @Test
  void theEndOfInputDeclinesTheRest() throws Exception {
    Map<String, String> before = checksums();
    CliTest.Result r = run(environment(true, Map.of("NO_COLOR", "1")).withInput(""), "--only", "config-secrets", "--fix");
    assertEquals(before, checksums());
    assertTrue(r.out().contains("Fixes: 2 declined"), r.out());
  }

  @Test
  void anEnvRefIsUsedWhenTheUserNamesAVariableThatHoldsTheKey() throws Exception {
    CliTest.Result r = run(environment(false, Map.of("OPENAI_API_KEY", KEY)), "--only", "config-secrets", "--fix", "--yes",
        "--secret-env", "models.providers.openai.apiKey=OPENAI_API_KEY");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(Files.readString(config).contains("        apiKey:  '${OPENAI_API_KEY}', // from the dashboard\n"), Files.readString(config));
    assertFalse(Files.exists(state.resolve("secrets.json")));
    assertTrue(r.out().contains("repaired  config-secrets.use-env-ref"), r.out());

    Files.writeString(config, CONFIG);
    Map<String, String> before = checksums();
    CliTest.Result unset = run("--only", "config-secrets", "--fix", "--yes", "--fix-only", "config-secrets.use-env-ref",
        "--secret-env", "models.providers.openai.apiKey=OPENAI_API_KEY");
    assertEquals(before, checksums(), "without the variable the only copy of the key stays where it is");
    assertTrue(unset.out().contains("skipped   config-secrets.use-env-ref"), unset.out());
    assertTrue(unset.out().contains("OPENAI_API_KEY is not set in doctor's environment"), unset.out());
  }

  @Test
  void repairOptionsThatDoNotGoTogetherAreBadUsage() {
    assertEquals(2, run("--yes").code());
    assertEquals(2, run("--dry-run", "--fix").code());
    assertEquals(2, run("--fix-only", "config-secrets.tighten-permissions").code());
    assertEquals(2, run("--fix", "--fix-only", "Not An Id").code());
    assertEquals(2, run("--fix", "--secret-env", "a.b=lower").code());
    CliTest.Result r = run("--dry-run", "--fix");
    assertEquals("doctor: --dry-run and --fix exclude each other\n", r.err().lines().findFirst().orElse("") + "\n");
  }

  @Test
  void aThirdPartyFixIsAppliedAndAFixOfferThatCrashesBreaksNothing(@TempDir Path plugins) throws Exception {
    PluginJar.builder("flag", "1.0.0").source("flag.FlagCheck", """
        package flag;

        import dev.doctor.api.*;
        import java.util.List;

        @org.pf4j.Extension
        public final class FlagCheck implements Check {
          @Override public String id() { return "flag"; }
          @Override public String title() { return "Flag"; }
          @Override public String description() { return "Wants demo.flag true."; }
          @Override public CheckResult run(CheckContext context) {
            if (context.config().at("demo.flag").bool(false)) {
              return CheckResult.passed();
            }
            return CheckResult.findings(Finding.builder("flag.off", Severity.WARNING, "demo.flag is not true").path("demo.flag").build());
          }
          @Override public List<Fix> fixes(CheckContext context, List<Finding> findings) {
            return List.of(Fix.builder("flag.turn-on", "set demo.flag to true").addresses(findings)
                .change(Change.ConfigEdit.set(context.config().file(), "demo.flag", "true")).unattendedSafe().build());
          }
        }
        """).build(plugins);
    PluginJar.builder("crashy", "1.0.0").source("crashy.CrashyCheck", """
        package crashy;

        import dev.doctor.api.*;
        import java.util.List;

        @org.pf4j.Extension
        public final class CrashyCheck implements Check {
          @Override public String id() { return "crashy"; }
          @Override public String title() { return "Crashy"; }
          @Override public String description() { return "Crashes when asked for fixes."; }
          @Override public CheckResult run(CheckContext context) {
            return CheckResult.findings(Finding.builder("crashy.found", Severity.INFO, "something").build());
          }
          @Override public List<Fix> fixes(CheckContext context, List<Finding> findings) {
            throw new IllegalStateException("no fixes today");
          }
        }
        """).build(plugins);
    Path own = Files.writeString(home.resolve("demo.json"), "{\n  demo: { flag: false }, // keep me\n}\n");
    Environment env = environment(false, Map.of("DOCTOR_PLUGINS_DIR", plugins.toString()));

    CliTest.Result r = run(env, "--config", own.toString(), "--fix", "--yes");
    assertEquals(0, r.code(), r.out() + r.err());
    assertEquals("{\n  demo: { flag: true }, // keep me\n}\n", Files.readString(own));
    assertTrue(r.out().contains("repaired  flag.turn-on: set demo.flag to true"), r.out());
    assertTrue(r.err().contains("doctor: crashy could not offer fixes: crashed while planning fixes: java.lang.IllegalStateException:"
        + " no fixes today"), r.err());
  }
}
