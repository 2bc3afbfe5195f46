package dev.doctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.core.explain.Pages;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every finding code a built-in plugin can emit has an explanation: a {@code ### <code>} section
 * in {@code docs/checks/<plugin-id>.md}, which the plugin's jar carries and {@code doctor explain}
 * finds. Codes are read from the plugins' main sources: string literals {@code
 * "<plugin-id>.<name>"} (or {@code "<plugin-id>/<check>.<name>"}), and {@code ID + ".<name>"}
 * where {@code ID} is a constant whose value is the plugin id. (The host's own codes are covered
 * in doctor-core's ExplanationsTest.)
 */
class ExplainCoverageTest {

  private static final Path ROOT = Path.of(System.getProperty("basedir", "."), "..").normalize();
  private static final Path DIST = Path.of(System.getProperty("basedir", "."), "target", "doctor");

  @TempDir Path home;

  /** Plugin id → codes its main sources can emit. */
  static Map<String, Set<String>> emittedCodes() {
    Map<String, Set<String>> codes = new TreeMap<>();
    try (Stream<Path> modules = Files.list(ROOT.resolve("plugins"))) {
      for (Path module : modules.filter(m -> Files.isRegularFile(m.resolve("pom.xml"))).sorted().toList()) {
        Matcher id = Pattern.compile("<plugin\\.id>([a-z0-9-]+)</plugin\\.id>").matcher(Files.readString(module.resolve("pom.xml")));
        if (!id.find()) {
          continue;
        }
        codes.put(id.group(1), codesIn(id.group(1), module.resolve("src/main/java")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return codes;
  }

  static Set<String> codesIn(String pluginId, Path sources) throws IOException {
    Set<String> codes = new TreeSet<>();
    if (!Files.isDirectory(sources)) {
      return codes;
    }
    String quotedId = Pattern.quote(pluginId);
    Pattern literal = Pattern.compile("\"(" + quotedId + "(?:/[a-z0-9]+(?:-[a-z0-9]+)*)?\\.[a-z0-9]+(?:-[a-z0-9]+)*)\"");
    Pattern idConstant = Pattern.compile("\\b([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*\"" + quotedId + "\"\\s*;");
    List<String> texts = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        texts.add(Files.readString(file));
      }
    }
    Set<String> constants = new HashSet<>();
    for (String text : texts) {
      Matcher m = idConstant.matcher(text);
      while (m.find()) {
        constants.add(m.group(1));
      }
    }
    for (String text : texts) {
      Matcher m = literal.matcher(text);
      while (m.find()) {
        codes.add(m.group(1));
      }
      for (String constant : constants) {
        Matcher c = Pattern.compile("\\b" + Pattern.quote(constant) + "\\s*\\+\\s*\"(\\.[a-z0-9]+(?:-[a-z0-9]+)*)\"").matcher(text);
        while (c.find()) {
          codes.add(pluginId + c.group(1));
        }
      }
    }
    return codes;
  }

  @Test
  void everyCodeOfEveryBuiltInPluginHasASection() throws IOException {
    Map<String, Set<String>> emitted = emittedCodes();
    assertTrue(emitted.containsKey("codex-bwrap"), "found the built-in plugins: " + emitted.keySet());
    assertFalse(emitted.get("codex-bwrap").isEmpty(), "found codex-bwrap's codes");
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, Set<String>> plugin : emitted.entrySet()) {
      Path page = ROOT.resolve("docs/checks/" + plugin.getKey() + ".md");
      Set<String> explained = Files.exists(page) ? Pages.sections(Files.readString(page)).keySet() : Set.of();
      for (String code : plugin.getValue()) {
        if (!explained.contains(code)) {
          missing.add(code + " (docs/checks/" + plugin.getKey() + ".md needs a '### " + code + "' section)");
        }
      }
    }
    assertEquals(List.of(), missing, "finding codes without an explanation");
  }

  @Test
  void theScannerFindsLiteralsAndIdConcatenations(@TempDir Path src) throws IOException {
    Files.writeString(src.resolve("A.java"), """
        class A {
          static final String ID = "my-plugin";
          static final String ONE = ID + ".one-thing";
          static final String TWO = "my-plugin.two";
          static final String SUB = "my-plugin/sub.three";
          static final String FILE = ".json";
          static final String OTHER = "other-plugin.four";
        }
        """);
    assertEquals(Set.of("my-plugin.one-thing", "my-plugin.two", "my-plugin/sub.three"), codesIn("my-plugin", src));
  }

  /** Whether the pages are packed into the jars; which codes have a section is the test above. */
  @Test
  void theDistributionExplainsEveryDocumentedCodeItsPluginsEmit() throws IOException {
    Path plugins = DIST.resolve("plugins");
    assertTrue(Files.isDirectory(plugins), "no distribution at " + DIST);
    Map<String, String> env = Map.of("HOME", home.toString());
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, Set<String>> plugin : emittedCodes().entrySet()) {
      if (!Files.exists(plugins.resolve(plugin.getKey() + ".jar"))) {
        continue;
      }
      Path page = ROOT.resolve("docs/checks/" + plugin.getKey() + ".md");
      Set<String> documented = Files.exists(page) ? Pages.sections(Files.readString(page)).keySet() : Set.of();
      for (String code : plugin.getValue().stream().filter(documented::contains).toList()) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out), new PrintWriter(err), Environment.of(env, home, false, DIST), "explain", code);
        if (exit != 0 || !out.toString().startsWith(code + "\n\n")) {
          failures.add(code + ": exit " + exit + " " + err.toString().strip());
        }
      }
    }
    assertEquals(List.of(), failures, "doctor explain fails for codes of the distribution's plugins");
  }
}
