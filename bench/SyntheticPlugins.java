import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Writes N real PF4J plugin jars of M checks each, for bench/scale.sh. Each plugin is compiled on
 * its own against the distribution's doctor-api and pf4j jars, with PF4J's annotation processor
 * writing its {@code META-INF/extensions.idx}, and packed with a plugin manifest, as a third
 * party's build would. Each check runs one short real process through the host's command runner
 * ({@code true}), or, with work {@code none}, returns at once, to isolate the runner's own cost.
 *
 * <p>Usage: {@code java bench/SyntheticPlugins.java OUT_DIR PLUGINS CHECKS true|none DIST_LIB_DIR}
 */
public final class SyntheticPlugins {

  public static void main(String[] args) throws IOException {
    if (args.length != 5 || !(args[3].equals("true") || args[3].equals("none"))) {
      System.err.println("usage: java SyntheticPlugins.java OUT_DIR PLUGINS CHECKS true|none DIST_LIB_DIR");
      System.exit(2);
    }
    Path out = Files.createDirectories(Path.of(args[0]));
    int plugins = Integer.parseInt(args[1]);
    int checks = Integer.parseInt(args[2]);
    boolean runTrue = args[3].equals("true");
    String classPath = classPath(Path.of(args[4]));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no Java compiler: run this with a JDK");
    }
    Path work = Files.createTempDirectory("synthetic-plugins");
    try {
      for (int p = 0; p < plugins; p++) {
        String id = String.format("scale-%03d", p);
        Path src = work.resolve(id + "/src");
        Path classes = Files.createDirectories(work.resolve(id + "/classes"));
        List<String> files = new ArrayList<>();
        for (int c = 0; c < checks; c++) {
          Path file = src.resolve("scale/p" + p + "/Check" + c + ".java");
          Files.createDirectories(file.getParent());
          Files.writeString(file, source(p, c, id, runTrue));
          files.add(file.toString());
        }
        compile(javac, classPath, files, classes);
        pack(id, classes, out.resolve(id + ".jar"));
      }
    } finally {
      try (Stream<Path> walk = Files.walk(work)) {
        walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static String source(int plugin, int check, String id, boolean runTrue) {
    String body = runTrue
        ? """
            CommandResult result = context.commands().run(Duration.ofSeconds(5), "true");
            return result.succeeded()
                ? CheckResult.passed()
                : CheckResult.findings(Finding.builder(id() + ".failed", Severity.ERROR, "true: " + result.summary()).build());
          """
        : "    return CheckResult.passed();\n";
    return """
        package scale.p%d;

        import dev.doctor.api.*;
        import java.time.Duration;

        @org.pf4j.Extension
        public final class Check%d implements Check {
          @Override public String id() { return "%s/c%d"; }
          @Override public String title() { return "Synthetic check %d of %s"; }
          @Override public String description() { return "A bench check."; }
          @Override public CheckResult run(CheckContext context) {
        %s  }
        }
        """.formatted(plugin, check, id, check, check, id, body);
  }

  private static String classPath(Path lib) throws IOException {
    try (Stream<Path> jars = Files.list(lib)) {
      List<String> wanted = jars.map(Path::toString)
          .filter(j -> j.contains("doctor-api-") || j.contains("pf4j-"))
          .toList();
      if (wanted.size() != 2) {
        throw new IllegalStateException("doctor-api and pf4j jars not found in " + lib + ": " + wanted);
      }
      return String.join(java.io.File.pathSeparator, wanted);
    }
  }

  private static void compile(JavaCompiler javac, String classPath, List<String> files, Path classes) {
    List<String> args = new ArrayList<>(List.of(
        "-d", classes.toString(), "-classpath", classPath,
        "-processor", "org.pf4j.processor.ExtensionAnnotationProcessor",
        "--release", "17", "-nowarn", "-Xlint:none"));
    args.addAll(files);
    StringWriter diagnostics = new StringWriter();
    OutputStream sink = new WriterStream(diagnostics);
    if (javac.run(null, sink, sink, args.toArray(String[]::new)) != 0) {
      throw new IllegalStateException("synthetic plugin does not compile:\n" + diagnostics);
    }
  }

  private static void pack(String id, Path classes, Path jar) throws IOException {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Plugin-Id", id);
    main.putValue("Plugin-Version", "1.0.0");
    main.putValue("Plugin-Provider", "doctor bench");
    main.putValue("Plugin-Requires", ">=1.0.0");
    try (JarOutputStream zip = new JarOutputStream(Files.newOutputStream(jar), manifest);
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, zip);
        zip.closeEntry();
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Lets javac's output land in a string. */
  private static final class WriterStream extends OutputStream {
    private final Writer target;

    WriterStream(Writer target) {
      this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
      target.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      target.write(new String(b, off, len, StandardCharsets.UTF_8));
    }
  }
}
