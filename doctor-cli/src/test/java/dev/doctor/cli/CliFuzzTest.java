package dev.doctor.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doctor.core.testing.ConfigInputs;
import dev.doctor.core.testing.PluginJar;
import dev.doctor.core.testing.Sources;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzing of the whole command line (jqwik) with configs that are only sometimes valid: mutated
 * JSON5, random text, valid trees of hostile values, bytes that are not UTF-8, deep nesting; and
 * likewise the waivers file and an agent's auth profiles beside the config. The built-in plugins
 * read them (with an empty PATH, so their probes find no programs and the tries stay fast), and so
 * does a plugin that visits every value. Every run must end with exit code 0, 1 or 2, a report
 * that parses, no crashed or hung check, and on stderr nothing or one line that names the
 * problem: no stack trace, no internal error.
 */
class CliFuzzTest {

  private static final Path DIST_PLUGINS = Path.of(System.getProperty("basedir", "."), "target", "doctor", "plugins");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path work;
  private static Path plugins;
  private static Path home;
  private static Map<String, String> env;

  @BeforeContainer
  static void setUp() throws IOException {
    work = Files.createTempDirectory("doctor-cli-fuzz");
    plugins = Files.createDirectories(work.resolve("plugins"));
    home = Files.createDirectories(work.resolve("home"));
    Files.createDirectories(home.resolve(".openclaw"));
    Path emptyPath = Files.createDirectories(work.resolve("bin"));
    env = Map.of("HOME", home.toString(), "PATH", emptyPath.toString(), "OPENCLAW_STATE_DIR", home.resolve(".openclaw").toString());
    for (String builtIn : new String[] {"codex-bwrap.jar", "sandbox-docker.jar", "config-secrets.jar"}) {
      Files.copy(DIST_PLUGINS.resolve(builtIn), plugins.resolve(builtIn));
    }
    PluginJar.builder("walker", "1.0.0").source("walker.WalkCheck", Sources.check("walker", "WalkCheck", "walker", """
        // Visits every value as a plugin may: kinds, text, numbers, scalars, paths.
        java.util.ArrayDeque<ConfigNode> todo = new java.util.ArrayDeque<>();
        todo.push(context.config().root());
        int seen = 0;
        while (!todo.isEmpty()) {
          ConfigNode node = todo.pop();
          seen++;
          node.fields().values().forEach(todo::push);
          node.items().forEach(todo::push);
          node.text("");
          node.bool(false);
          node.scalarText();
          Number n = node.number();
          if (n != null) { n.doubleValue(); }
          node.path();
          node.toString();
        }
        return CheckResult.passed(java.util.Map.of("values", Integer.toString(seen)));
        """)).build(plugins);
  }

  @AfterContainer
  static void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(work)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  @Property(tries = 200)
  void anyConfigEndsWithExitZeroOneOrTwoAndAClearMessage(
      @ForAll("configFiles") byte[] config, @ForAll("sideFiles") Optional<byte[]> waivers,
      @ForAll("sideFiles") Optional<byte[]> authProfiles, @ForAll("formats") String format,
      @ForAll("failOn") String failOn) throws IOException {
    Path state = home.resolve(".openclaw");
    Path file = state.resolve("openclaw.json");
    Files.write(file, config);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    // The other JSON5 files a run reads: doctor's waivers beside the config, and an agent's auth profiles.
    write(state.resolve("doctor-waivers.json5"), waivers);
    write(state.resolve("agents/main/agent/auth-profiles.json"), authProfiles);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = Main.run(new PrintWriter(out), new PrintWriter(err), Environment.of(env, home, false, null),
        "--config", file.toString(), "--plugins-dir", plugins.toString(), "--format", format, "--fail-on", failOn, "--timeout", "20");

    String stderr = err.toString();
    Statistics.collect("exit " + code);
    try {
      assertTrue(code == 0 || code == 1 || code == 2, () -> "exit " + code + "; stderr: " + stderr);
      assertTrue(stderr.isEmpty() || (stderr.startsWith("doctor: ") && stderr.indexOf('\n') == stderr.length() - 1),
          () -> "stderr is not one line: " + stderr);
      assertFalse(stderr.contains("internal error") || stderr.contains("\tat "), () -> "a config caused a bug: " + stderr);
      assertFalse(out.toString().contains("doctor.check-crashed"), () -> "a check crashed on this config: " + out);
      assertFalse(out.toString().contains("doctor.check-timeout"), () -> "a check hung on this config: " + out);
      if (format.equals("json") && code != 2) {
        assertDoesNotThrow(() -> JSON.readTree(out.toString()), out::toString);
      }
    } catch (AssertionError e) {
      throw new AssertionError("inputs kept in " + keep(state) + ": " + e.getMessage(), e);
    }
  }

  /** Copies the files of a failing try to target/cli-fuzz-failure (the last, most shrunk, wins). */
  private static Path keep(Path state) throws IOException {
    Path kept = Path.of(System.getProperty("basedir", "."), "target", "cli-fuzz-failure");
    try (Stream<Path> old = Files.exists(kept) ? Files.walk(kept) : Stream.empty()) {
      old.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
    try (Stream<Path> files = Files.walk(state)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path to = kept.resolve(state.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
    }
    return kept;
  }

  private static void write(Path file, Optional<byte[]> content) throws IOException {
    if (content.isPresent()) {
      Files.createDirectories(file.getParent());
      Files.write(file, content.get());
    } else {
      Files.deleteIfExists(file);
    }
  }

  @Provide
  static Arbitrary<byte[]> configFiles() {
    return ConfigInputs.configFiles();
  }

  /** Absent, or a file of hostile values, or any config-like bytes. */
  @Provide
  static Arbitrary<Optional<byte[]>> sideFiles() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just(Optional.<byte[]>empty())),
        Tuple.of(3, ConfigInputs.hostileTrees().map(t -> Optional.of(t.getBytes(StandardCharsets.UTF_8)))),
        Tuple.of(1, ConfigInputs.configFiles().map(Optional::of)));
  }

  @Provide
  static Arbitrary<String> formats() {
    return Arbitraries.of("console", "json");
  }

  @Provide
  static Arbitrary<String> failOn() {
    return Arbitraries.of("warning", "error", "never");
  }
}
