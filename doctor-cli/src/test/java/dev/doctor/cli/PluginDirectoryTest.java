package dev.doctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.doctor.core.plugin.PluginHost;
import dev.doctor.core.plugin.PluginInfo;
import dev.doctor.core.run.UsageException;
import dev.doctor.core.testing.PluginJar;
import dev.doctor.core.testing.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading plugins ahead of parsing must never load other plugins than the parsed command asks for. */
class PluginDirectoryTest {

  @TempDir Path work;
  private Path distribution;
  private Path other;

  @BeforeEach
  void twoPluginDirectories() throws IOException {
    distribution = work.resolve("doctor");
    Path builtIn = Files.createDirectories(distribution.resolve("plugins"));
    PluginJar.builder("built-in", "1.0.0").source("b.HelloCheck", Sources.helloCheck("b", "built-in")).build(builtIn);
    other = Files.createDirectories(work.resolve("other"));
    PluginJar.builder("elsewhere", "1.0.0").source("e.HelloCheck", Sources.helloCheck("e", "elsewhere")).build(other);
  }

  private Environment env(Map<String, String> variables) {
    return Environment.of(variables, work, false, distribution);
  }

  private static List<String> ids(PluginHost.Loaded loaded) {
    return loaded.plugins().stream().map(PluginInfo::id).toList();
  }

  @Test
  void aPlainRunLoadsTheDistributionsPluginsAhead() {
    PluginDirectory plugins = PluginDirectory.prefetch(env(Map.of()), "--format", "json", "--only", "built-in");
    assertEquals(distribution.resolve("plugins"), plugins.prefetched());
    assertEquals(List.of("built-in"), ids(plugins.load(null)));
  }

  @Test
  void theEnvironmentsDirectoryIsTheOneLoadedAhead() {
    PluginDirectory plugins = PluginDirectory.prefetch(env(Map.of("DOCTOR_PLUGINS_DIR", other.toString())), "list");
    assertEquals(other, plugins.prefetched());
    assertEquals(List.of("elsewhere"), ids(plugins.load(null)));
  }

  @Test
  void aCommandLineThatMayNameAnotherDirectoryLoadsNothingAhead() {
    for (String[] args : List.of(new String[] {"--plugins-dir", other.toString()}, new String[] {"--plugins-dir=" + other},
        new String[] {"list", "--plugins-dir", other.toString()}, new String[] {"@args.txt"})) {
      PluginDirectory plugins = PluginDirectory.prefetch(env(Map.of()), args);
      assertNull(plugins.prefetched(), String.join(" ", args));
      assertEquals(List.of("elsewhere"), ids(plugins.load(other)));
    }
  }

  @Test
  void anotherDirectoryAfterAllIsLoadedItselfNotTheOneLoadedAhead() {
    PluginDirectory plugins = PluginDirectory.prefetch(env(Map.of()), "--config", "x.json");
    assertNotNull(plugins.prefetched());
    assertEquals(List.of("elsewhere"), ids(plugins.load(other)));
  }

  @Test
  void helpAndVersionLoadNothingAhead() {
    for (String arg : List.of("--help", "-h", "--version", "-V", "completion")) {
      assertNull(PluginDirectory.prefetch(env(Map.of()), arg).prefetched(), arg);
    }
  }

  @Test
  void aMissingDirectoryIsStillAClearUsageError() {
    Path missing = work.resolve("missing");
    PluginDirectory plugins = PluginDirectory.prefetch(env(Map.of("DOCTOR_PLUGINS_DIR", missing.toString())));
    assertNull(plugins.prefetched());
    UsageException e = assertThrows(UsageException.class, () -> plugins.load(null));
    assertEquals("plugins directory " + missing + " (from DOCTOR_PLUGINS_DIR) does not exist or is not a directory", e.getMessage());

    PluginDirectory nowhere = PluginDirectory.prefetch(Environment.of(Map.of(), work, false, null));
    assertEquals("no plugins directory: pass --plugins-dir DIR or set DOCTOR_PLUGINS_DIR",
        assertThrows(UsageException.class, () -> nowhere.load(null)).getMessage());
  }
}
