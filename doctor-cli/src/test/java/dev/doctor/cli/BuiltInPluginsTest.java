package dev.doctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doctor.core.testing.ReportSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in plugins as the distribution ships them (target/doctor/plugins), loaded like anyone's. */
class BuiltInPluginsTest {

  private static final Path DIST_PLUGINS = Path.of(System.getProperty("basedir", "."), "target", "doctor", "plugins");

  @TempDir Path home;

  private CliTest.Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> env = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "HOME", home.toString());
    int code = Main.run(new PrintWriter(out), new PrintWriter(err),
        Environment.of(env, home, false, DIST_PLUGINS.getParent()), args);
    return new CliTest.Result(code, out.toString(), err.toString());
  }

  @Test
  void theDistributionLoadsEveryBuiltInPlugin() throws IOException {
    CliTest.Result plugins = run("plugins", "--format", "json");
    assertEquals(0, plugins.code(), plugins.err());
    JsonNode list = new ObjectMapper().readTree(plugins.out());
    for (String id : new String[] {"codex-bwrap", "config-secrets", "sandbox-docker"}) {
      boolean started = false;
      for (JsonNode p : list) {
        started |= p.get("id").asText().equals(id) && p.get("state").asText().equals("started");
      }
      assertTrue(started, id + " should be started: " + plugins.out());
    }
  }

  @Test
  void codexBwrapIsSkippedWhenTheSandboxIsOffAndProbesWhenItIsOn() throws IOException {
    Path off = Files.writeString(home.resolve("off.json"), "{ agents: { defaults: { sandbox: { mode: 'off' } } } }");
    CliTest.Result skipped = run("--only", "codex-bwrap", "--format", "json", "--config", off.toString());
    assertEquals(0, skipped.code(), skipped.err());
    ReportSchema.assertValid(skipped.out());
    assertEquals("skipped", new ObjectMapper().readTree(skipped.out()).get("checks").get(0).get("status").asText());

    Path on = Files.writeString(home.resolve("on.json"), "{ agents: { defaults: { sandbox: { mode: 'all', docker: { network: 'bridge' } } } } }");
    CliTest.Result probed = run("--only", "codex-bwrap", "--format", "json", "--config", on.toString(), "-v");
    ReportSchema.assertValid(probed.out());
    JsonNode check = new ObjectMapper().readTree(probed.out()).get("checks").get(0);
    assertTrue(check.get("status").asText().matches("passed|failed"), probed.out());
    assertTrue(check.get("evidence").size() > 0, "the probes left evidence: " + probed.out());
  }
}
