package dev.doctor.core.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a real PF4J plugin jar from Java source text, for tests of plugin loading: the sources are
 * compiled against the test's class path with PF4J's annotation processor (so {@code
 * META-INF/extensions.idx} is written as in a real build), and the manifest carries the plugin
 * descriptor.
 *
 * <pre>{@code
 * Path jar = PluginJar.builder("hello", "1.0.0")
 *     .source("hello.HelloCheck", "package hello; ... @org.pf4j.Extension public final class HelloCheck implements Check { ... }")
 *     .build(tempDir);
 * }</pre>
 */
public final class PluginJar {

  private PluginJar() {}

  public static Builder builder(String pluginId, String version) {
    return new Builder(pluginId, version);
  }

  /** Writes a file named {@code name} that only looks like a jar. */
  public static Path corrupt(Path dir, String name) {
    try {
      return Files.write(dir.resolve(name), "this is not a zip file".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Collects the parts of a plugin jar. Not thread-safe. */
  public static final class Builder {
    private final Map<String, String> manifest = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, String> resources = new LinkedHashMap<>();
    private final List<String> excludedClasses = new ArrayList<>();
    private String fileName;

    private Builder(String pluginId, String version) {
      if (pluginId != null) {
        manifest.put("Plugin-Id", pluginId);
      }
      manifest.put("Plugin-Version", version);
      manifest.put("Plugin-Provider", "doctor tests");
      fileName = (pluginId == null ? "plugin" : pluginId) + ".jar";
    }

    /** Sets {@code Plugin-Requires}, e.g. {@code >=2.0.0}. */
    public Builder requires(String requires) {
      manifest.put("Plugin-Requires", requires);
      return this;
    }

    /** Sets {@code Plugin-Class}. */
    public Builder pluginClass(String className) {
      manifest.put("Plugin-Class", className);
      return this;
    }

    public Builder manifest(String name, String value) {
      manifest.put(name, value);
      return this;
    }

    /** Adds a Java source file; {@code className} is fully qualified. */
    public Builder source(String className, String code) {
      sources.put(className, code);
      return this;
    }

    /** Adds a resource file at {@code path} inside the jar. */
    public Builder resource(String path, String content) {
      resources.put(path, content);
      return this;
    }

    /** Leaves a compiled class out of the jar, to make a class the plugin needs go missing. */
    public Builder withoutClass(String className) {
      excludedClasses.add(className);
      return this;
    }

    public Builder fileName(String fileName) {
      this.fileName = fileName;
      return this;
    }

    /** Compiles, packs and writes the jar into {@code dir}; returns its path. */
    public Path build(Path dir) {
      try {
        Path work = Files.createTempDirectory(dir, ".plugin-build");
        Path src = work.resolve("src");
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> files = new ArrayList<>();
        for (var e : sources.entrySet()) {
          Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
          Files.createDirectories(file.getParent());
          Files.writeString(file, e.getValue());
          files.add(file.toString());
        }
        if (!files.isEmpty()) {
          compile(files, classes);
        }
        for (var e : resources.entrySet()) {
          Path file = classes.resolve(e.getKey());
          Files.createDirectories(file.getParent());
          Files.writeString(file, e.getValue());
        }
        for (String excluded : excludedClasses) {
          Files.deleteIfExists(classes.resolve(excluded.replace('.', '/') + ".class"));
        }
        Path jar = dir.resolve(fileName);
        pack(classes, jar);
        return jar;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static void compile(List<String> files, Path classes) {
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      if (javac == null) {
        throw new IllegalStateException("no Java compiler: tests must run on a JDK");
      }
      List<String> args = new ArrayList<>(List.of(
          "-d", classes.toString(),
          "-classpath", System.getProperty("java.class.path"),
          "-processor", "org.pf4j.processor.ExtensionAnnotationProcessor",
          "--release", "17",
          "-nowarn", "-Xlint:none"));
      args.addAll(files);
      StringWriter diagnostics = new StringWriter();
      int rc = javac.run(null, new WriterStream(diagnostics), new WriterStream(diagnostics), args.toArray(String[]::new));
      if (rc != 0) {
        throw new IllegalStateException("plugin sources do not compile:\n" + diagnostics);
      }
    }

    private void pack(Path classes, Path jar) throws IOException {
      Manifest mf = new Manifest();
      mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
      manifest.forEach((k, v) -> mf.getMainAttributes().putValue(k, v));
      try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, mf)) {
        Files.walkFileTree(classes, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
            Files.copy(file, zip);
            zip.closeEntry();
            return FileVisitResult.CONTINUE;
          }
        });
      }
    }
  }

  /** Lets javac's output land in a string. */
  private static final class WriterStream extends OutputStream {
    private final StringWriter target;

    WriterStream(StringWriter target) {
      this.target = target;
    }

    @Override
    public void write(int b) {
      target.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      target.write(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
