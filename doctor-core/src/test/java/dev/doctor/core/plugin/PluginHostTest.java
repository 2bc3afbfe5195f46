package dev.doctor.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.CheckResult;
import dev.doctor.core.testing.PluginJar;
import dev.doctor.core.testing.Sources;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginHostTest {

  @TempDir Path plugins;

  private static Map<String, PluginInfo> byId(PluginHost.Loaded loaded) {
    return loaded.plugins().stream().collect(Collectors.toMap(PluginInfo::id, Function.identity()));
  }

  @Test
  void loadsARealPluginJarAndRunsItsCheck() {
    PluginJar.builder("hello", "1.2.3").requires(">=1.0.0 & <2.0.0")
        .source("hello.HelloCheck", Sources.helloCheck("hello", "hello"))
        .build(plugins);

    PluginHost.Loaded loaded = new PluginHost(plugins).load();

    assertEquals(1, loaded.checks().size());
    LoadedCheck check = loaded.checks().get(0);
    assertEquals("hello", check.id());
    assertEquals("hello", check.pluginId());
    assertEquals("1.2.3", check.pluginVersion());
    assertEquals("Title of hello", check.title());
    CheckResult result = check.check().run(null);
    assertTrue(result instanceof CheckResult.Failed, String.valueOf(result));
    PluginInfo info = byId(loaded).get("hello");
    assertEquals("started", info.state());
    assertEquals(null, info.reason());
  }

  @Test
  void brokenPluginsAreReportedAndTheOthersStillLoad() {
    PluginJar.builder("good", "1.0.0").source("good.HelloCheck", Sources.helloCheck("good", "good")).build(plugins);
    PluginJar.corrupt(plugins, "corrupt.jar");
    PluginJar.builder("future", "9.0.0").requires(">=2.0.0")
        .source("future.HelloCheck", Sources.helloCheck("future", "future")).build(plugins);
    PluginJar.builder(null, "1.0.0").fileName("anonymous.jar")
        .source("anon.HelloCheck", Sources.helloCheck("anon", "anon")).build(plugins);
    PluginJar.builder("startfails", "1.0.0").pluginClass("startfails.Boom")
        .source("startfails.Boom", """
            package startfails;
            public class Boom extends org.pf4j.Plugin {
              @Override public void start() { throw new IllegalStateException("cannot start"); }
            }
            """)
        .source("startfails.HelloCheck", Sources.helloCheck("startfails", "startfails")).build(plugins);
    PluginJar.builder("badid", "1.0.0").source("badid.HelloCheck", Sources.helloCheck("badid", "Not_Kebab")).build(plugins);
    PluginJar.builder("missingdep", "1.0.0")
        .source("missingdep.Helper", "package missingdep; public class Helper { public static String hi() { return \"hi\"; } }")
        .source("missingdep.HelloCheck", Sources.check("missingdep", "HelloCheck", "missingdep",
            "return CheckResult.skipped(Helper.hi());"))
        .source("missingdep.Base", "package missingdep; public class Base {}")
        .source("missingdep.Broken", """
            package missingdep;
            import dev.doctor.api.*;
            @org.pf4j.Extension
            public final class Broken extends Base implements Check {
              @Override public String id() { return "missingdep/broken"; }
              @Override public String title() { return "t"; }
              @Override public String description() { return "d"; }
              @Override public CheckResult run(CheckContext c) { return CheckResult.passed(); }
            }
            """)
        .withoutClass("missingdep.Base")
        .build(plugins);

    PluginHost.Loaded loaded = new PluginHost(plugins).load();
    Map<String, PluginInfo> infos = byId(loaded);

    assertEquals("started", infos.get("good").state());
    assertEquals("failed", infos.get("corrupt.jar").state());
    assertEquals("failed", infos.get("anonymous.jar").state());
    assertEquals("disabled", infos.get("future").state());
    assertEquals("requires doctor API >=2.0.0 but this doctor provides 1.1.0", infos.get("future").reason());
    assertEquals("failed", infos.get("startfails").state());
    assertTrue(infos.get("startfails").reason().contains("cannot start"), infos.get("startfails").reason());
    assertTrue(infos.get("badid").reason().contains("has id 'Not_Kebab'"), infos.get("badid").reason());
    assertEquals("started", infos.get("missingdep").state());
    assertTrue(infos.get("missingdep").reason().contains("missingdep.Broken"), infos.get("missingdep").reason());
    infos.values().forEach(i -> {
      if (i.reason() != null) {
        assertTrue(!i.reason().contains("\n"), "one-line reason: " + i.reason());
      }
    });
    assertEquals(java.util.List.of("good", "missingdep"), loaded.checks().stream().map(LoadedCheck::id).sorted().toList());
  }

  @Test
  void aPluginClassNamedInTheManifestButMissingFromTheJarIsNamedAsTheReason() {
    PluginJar.builder("good", "1.0.0").source("good.HelloCheck", Sources.helloCheck("good", "good")).build(plugins);
    PluginJar.builder("noclass", "1.0.0").pluginClass("noclass.NoClassPlugin")
        .source("noclass.HelloCheck", Sources.helloCheck("noclass", "noclass")).build(plugins);

    PluginHost.Loaded loaded = new PluginHost(plugins).load();

    PluginInfo info = byId(loaded).get("noclass");
    assertEquals("failed", info.state());
    assertEquals("Plugin-Class noclass.NoClassPlugin is not in the jar", info.reason());
    assertEquals(java.util.List.of("good"), loaded.checks().stream().map(LoadedCheck::id).toList());
  }

  @Test
  void aPluginPropertiesFileDescribesAPluginAndWinsOverTheManifest() {
    // Described by plugin.properties alone: the manifest has no Plugin-Id.
    PluginJar.builder(null, "0.0.0").fileName("props.jar")
        .resource("plugin.properties", "plugin.id=props\nplugin.version=2.0.0\nplugin.provider=props inc\n")
        .source("props.HelloCheck", Sources.helloCheck("props", "props")).build(plugins);
    // Both: plugin.properties wins, as docs/plugins.md says.
    PluginJar.builder("from-manifest", "1.0.0").fileName("both.jar")
        .resource("plugin.properties", "plugin.id=both\nplugin.version=3.0.0\n")
        .source("both.HelloCheck", Sources.helloCheck("both", "both")).build(plugins);

    PluginHost.Loaded loaded = new PluginHost(plugins).load();

    Map<String, PluginInfo> byId = byId(loaded);
    assertEquals(java.util.Set.of("props", "both"), byId.keySet());
    assertEquals("started", byId.get("props").state(), String.valueOf(byId.get("props").reason()));
    assertEquals("2.0.0", byId.get("props").version());
    assertEquals("3.0.0", byId.get("both").version());
    assertEquals(java.util.List.of("both", "props"), loaded.checks().stream().map(LoadedCheck::id).sorted().toList());
  }

  @Test
  void twoJarsWithOnePluginIdAreBothReportedAndNeitherLoads() {
    PluginJar.builder("good", "1.0.0").source("good.HelloCheck", Sources.helloCheck("good", "good")).build(plugins);
    PluginJar.builder("twin", "1.0.0").source("a.HelloCheck", Sources.helloCheck("a", "twin")).fileName("twin-1.0.0.jar").build(plugins);
    PluginJar.builder("twin", "1.1.0").source("b.HelloCheck", Sources.helloCheck("b", "twin")).fileName("twin-1.1.0.jar").build(plugins);

    PluginHost.Loaded loaded = new PluginHost(plugins).load();

    java.util.List<PluginInfo> twins = loaded.plugins().stream().filter(p -> p.id().equals("twin")).toList();
    assertEquals(java.util.List.of("1.0.0", "1.1.0"), twins.stream().map(PluginInfo::version).toList());
    for (PluginInfo twin : twins) {
      assertEquals("failed", twin.state());
      assertEquals("2 jars declare plugin id 'twin' (twin-1.0.0.jar, twin-1.1.0.jar); none of them is loaded: keep one",
          twin.reason());
    }
    assertEquals(java.util.List.of("good"), loaded.checks().stream().map(LoadedCheck::id).toList());
  }

  @Test
  void aPluginThatBundlesItsOwnCopyOfTheApiIsToldSoInsteadOfLosingItsChecksSilently() {
    // Plugin classes load plugin-first: a bundled dev.doctor.api.Check is not the host's Check.
    PluginJar.builder("bundler", "1.0.0")
        .source("dev.doctor.api.Check", """
            package dev.doctor.api;
            public interface Check extends org.pf4j.ExtensionPoint {
              String id();
              String title();
              String description();
              CheckResult run(CheckContext context);
            }
            """)
        .source("bundler.HelloCheck", Sources.helloCheck("bundler", "bundler"))
        .build(plugins);

    PluginHost.Loaded loaded = new PluginHost(plugins).load();

    assertEquals(java.util.List.of(), loaded.checks());
    PluginInfo info = byId(loaded).get("bundler");
    assertEquals("started", info.state());
    assertEquals("it bundles its own copy of doctor-api (dev.doctor.api.Check), which hides its extensions from doctor;"
        + " declare doctor-api and pf4j with <scope>provided</scope>", info.reason());
  }

  @Test
  void twoPluginsClaimingOneCheckIdAreBothReportedAndNeitherRuns() {
    PluginJar.builder("twin", "1.0.0").source("a.HelloCheck", Sources.helloCheck("a", "twin")).fileName("twin-a.jar").build(plugins);
    PluginJar.builder("twin2", "1.0.0")
        .source("b.HelloCheck", Sources.helloCheck("b", "twin2"))
        .source("b.Other", Sources.check("b", "Other", "twin2", "return CheckResult.passed();"))
        .build(plugins);

    PluginHost.Loaded loaded = new PluginHost(plugins).load();

    assertEquals(java.util.List.of("twin"), loaded.checks().stream().map(LoadedCheck::id).toList());
    assertTrue(byId(loaded).get("twin2").reason().contains("claimed more than once"), byId(loaded).get("twin2").reason());
  }
}
