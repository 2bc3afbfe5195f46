package dev.doctor.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden/}. Run the tests with
 * {@code -Ddoctor.golden.update=true} to rewrite them on purpose, then review the diff.
 */
public final class Golden {

  private Golden() {}

  public static void assertMatches(String name, String actual) {
    Path file = Path.of(System.getProperty("basedir", "."), "src/test/resources/golden", name);
    try {
      if (Boolean.getBoolean("doctor.golden.update")) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(file)) {
        throw new AssertionError("missing golden file " + file + "; run with -Ddoctor.golden.update=true to create it");
      }
      assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "output differs from golden file " + file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
