package dev.doctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher, {@code target/doctor/bin/doctor}, run as a user runs it: its AppCDS archive
 * is written by the first run that runs checks, mapped by later runs (picocli, doctor and the
 * plugins' classes among it), and never left half-written or in the way.
 */
class LauncherIT {

  private static final Path LAUNCHER =
      Path.of(System.getProperty("basedir", "."), "target", "doctor", "bin", "doctor").toAbsolutePath();

  @TempDir Path work;
  private Path home;
  private Path cache;
  private Path config;

  record Run(int code, String out, String err) {}

  @BeforeEach
  void sampleHome() throws IOException {
    home = Files.createDirectories(work.resolve("home"));
    cache = work.resolve("cache");
    config = Files.writeString(home.resolve("openclaw.json"), "{ gateway: { port: 18789 } }\n");
  }

  private Run run(Map<String, String> extraEnv, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("DOCTOR_") || k.startsWith("JAVA_TOOL") || k.startsWith("OPENCLAW_"));
    env.put("HOME", home.toString());
    env.put("XDG_CACHE_HOME", cache.toString());
    env.putAll(extraEnv);
    Path out = work.resolve("out.txt");
    Path err = work.resolve("err.txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher should finish");
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private Run check(Map<String, String> extraEnv) throws Exception {
    return run(extraEnv, "--only", "config-secrets", "--config", config.toString(), "--fail-on", "never");
  }

  private List<String> cacheFiles() throws IOException {
    Path dir = cache.resolve("doctor");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void theFirstRunThatRunsChecksWritesTheArchiveAndLaterRunsMapIt() throws Exception {
    Run version = run(Map.of(), "--version");
    assertEquals(0, version.code(), version.err());
    assertEquals(List.of(), cacheFiles(), "--version loads too little to be worth archiving");

    Run first = check(Map.of());
    assertEquals(0, first.code(), first.err());
    assertEquals("", first.err(), "writing the archive is silent");
    List<String> archives = cacheFiles();
    assertEquals(1, archives.size(), archives.toString());
    assertTrue(archives.get(0).matches("doctor-\\d+\\.jsa"), archives.toString());

    // Other JVM options make an archive of their own, written by their first run, mapped by the next.
    Path log = work.resolve("classes.log");
    Map<String, String> logging = Map.of("DOCTOR_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
    assertEquals(0, check(logging).code());
    List<String> both = cacheFiles();
    assertEquals(2, both.size(), both.toString());
    Run mapped = check(logging);
    assertEquals(0, mapped.code(), mapped.err());
    assertTrue(mapped.out().contains("config-secrets"), mapped.out());
    assertEquals(both, cacheFiles(), "a mapped archive is not rewritten");
    String loaded = Files.readString(log, StandardCharsets.UTF_8);
    for (String cls : List.of("dev.doctor.cli.Main", "picocli.CommandLine", "picocli.CommandLine$Model$CommandSpec",
        "com.fasterxml.jackson.core.JsonFactory", "org.pf4j.DefaultPluginManager",
        "dev.doctor.plugins.configsecrets.ConfigSecretsCheck")) {
      assertTrue(loaded.contains(" " + cls + " source: shared objects file"),
          cls + " should come from the archive; the log says: " + lineOf(loaded, " " + cls + " "));
    }
  }

  @Test
  void aRunThatFailsLeavesNoArchiveBehind() throws Exception {
    Run bad = run(Map.of(), "--format", "no-such-format", "--config", config.toString());
    assertEquals(2, bad.code(), bad.err());
    assertEquals(List.of(), cacheFiles(), "neither an archive nor its temporary file");
  }

  @Test
  void doctorRunsWithoutAnArchiveWhenTurnedOffOrTheCacheIsUnusable() throws Exception {
    Run off = check(Map.of("DOCTOR_CDS", "off"));
    assertEquals(0, off.code(), off.err());
    assertEquals(List.of(), cacheFiles());

    // The cache "directory" is a file: no archive can be written, and nothing is said about it.
    Files.writeString(cache, "not a directory");
    Run unusable = check(Map.of());
    assertEquals(0, unusable.code(), unusable.err());
    assertEquals("", unusable.err());
  }

  @Test
  void aDamagedArchiveIsIgnoredAndAnEmptyOneWrittenAgain() throws Exception {
    assertEquals(0, check(Map.of()).code());
    List<String> archives = cacheFiles();
    assertEquals(1, archives.size(), archives.toString());
    Path archive = cache.resolve("doctor").resolve(archives.get(0));

    Files.write(archive, "not an archive".getBytes(StandardCharsets.UTF_8));
    Run damaged = check(Map.of());
    assertEquals(0, damaged.code(), damaged.err());
    assertEquals("", damaged.err(), "the JVM's CDS warnings are off");
    assertTrue(damaged.out().contains("config-secrets"), damaged.out());

    Files.write(archive, new byte[0]);
    Run empty = check(Map.of());
    assertEquals(0, empty.code(), empty.err());
    assertEquals("", empty.err());
    assertTrue(Files.size(archive) > 1_000_000, "an empty archive is written again: " + Files.size(archive) + " bytes");
    assertEquals(archives, cacheFiles(), "and no temporary file is left");
  }

  private static String lineOf(String text, String needle) {
    return text.lines().filter(l -> l.contains(needle)).findFirst().orElse("(not loaded)");
  }
}
