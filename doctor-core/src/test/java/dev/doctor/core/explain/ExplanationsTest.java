package dev.doctor.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.core.config.ConfigLoader;
import dev.doctor.core.plugin.PluginHost;
import dev.doctor.core.run.CheckRunner;
import dev.doctor.core.run.DoctorRun;
import dev.doctor.core.testing.PluginJar;
import dev.doctor.core.testing.Sources;
import dev.doctor.core.waiver.Waivers;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplanationsTest {

  @TempDir Path plugins;

  private static final String PAGE = """
      # hello: a test plugin

      ## Findings

      ### hello.hello

      **Warning.** The check said hello. It always does.

      ```sh
      ### hello.not-a-heading (a shell comment in a fence)
      echo hi
      ```

      Fix: say hello back.

      ### `hello/sub.quoted`

      **Info.** Headings may quote the code.

      ## See also

      Not part of any section.
      """;

  @Test
  void sectionsRunToTheNextHeadingAndIgnoreFencedCode() {
    Map<String, String> sections = Pages.sections(PAGE);
    assertEquals(List.of("hello.hello", "hello/sub.quoted"), List.copyOf(sections.keySet()));
    String hello = sections.get("hello.hello");
    assertTrue(hello.startsWith("**Warning.** The check said hello."), hello);
    assertTrue(hello.contains("### hello.not-a-heading"), "fenced text stays in the section");
    assertTrue(hello.endsWith("Fix: say hello back."), hello);
    assertEquals("**Info.** Headings may quote the code.", sections.get("hello/sub.quoted"));
  }

  @Test
  void summaryIsTheFirstSentenceWithoutTheSeverity() {
    assertEquals("The check said hello.", new Explanation("hello.hello", "hello", Pages.sections(PAGE).get("hello.hello"), "x").summary());
    assertEquals("The state directory is open.", new Explanation("a.b", "a", "- The state directory is open. Fix: close it.\n- More.", "x").summary());
  }

  @Test
  void everyHostCodeIsExplained() throws IllegalAccessException {
    List<String> codes = new ArrayList<>();
    for (Class<?> owner : List.of(CheckRunner.class, DoctorRun.class, ConfigLoader.class, Waivers.class)) {
      for (Field field : owner.getFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
            && String.valueOf(field.get(null)).startsWith("doctor.")) {
          codes.add((String) field.get(null));
        }
      }
    }
    assertTrue(codes.size() >= 10, "found the host's code constants: " + codes);
    Explanations explanations = Explanations.hostOnly();
    for (String code : codes) {
      assertTrue(explanations.find(code).isPresent(), "docs/checks/doctor.md has no '### " + code + "' section");
    }
    assertEquals(new java.util.TreeSet<>(codes), explanations.codes(), "and it explains no code the host does not have");
  }

  @Test
  void aPluginJarShipsItsOwnPageEvenWhenItCannotStart() {
    PluginJar.builder("hello", "1.0.0").source("hello.HelloCheck", Sources.helloCheck("hello", "hello"))
        .resource(Explanations.pageEntry("hello"), PAGE).build(plugins);
    PluginJar.builder("future", "1.0.0").requires(">=99.0.0").source("future.HelloCheck", Sources.helloCheck("future", "future"))
        .resource(Explanations.pageEntry("future"), "### future.hello\n\nFrom the future.\n").build(plugins);
    PluginJar.builder("silent", "1.0.0").source("silent.HelloCheck", Sources.helloCheck("silent", "silent")).build(plugins);
    PluginHost.Loaded loaded = new PluginHost(plugins).load();
    Explanations explanations = new Explanations(loaded.plugins());

    Explanation hello = explanations.find("hello.hello").orElseThrow();
    assertEquals("hello", hello.pluginId());
    assertTrue(hello.source().endsWith("hello.jar!/META-INF/doctor/checks/hello.md"), hello.source());
    assertTrue(explanations.find("hello/sub.quoted").isPresent(), "a sub-check's code belongs to its plugin");
    assertEquals("From the future.", explanations.find("future.hello").orElseThrow().markdown());
    assertFalse(explanations.find("silent.hello").isPresent(), "a plugin without a page explains nothing");
    assertFalse(explanations.find("hello.unknown").isPresent());
    assertFalse(explanations.find("nobody.hello").isPresent());
    assertTrue(explanations.codes().containsAll(List.of("hello.hello", "future.hello", "doctor.check-crashed")));
    assertTrue(explanations.pluginIds().containsAll(List.of("doctor", "hello", "future", "silent")));
  }

  @Test
  void pluginIdOfACode() {
    assertEquals("codex-bwrap", Explanations.pluginIdOf("codex-bwrap.user-namespace-denied"));
    assertEquals("extra", Explanations.pluginIdOf("extra/one.note"));
    assertEquals("doctor", Explanations.pluginIdOf("doctor.check-crashed"));
  }
}
