package dev.doctor.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.ConfigNode;
import dev.doctor.api.GatewayConfig;
import dev.doctor.api.Json5Parse;
import dev.doctor.core.testing.ConfigInputs;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzing of config reading (jqwik): mutated JSON5, deep nesting, huge strings and keys, invalid
 * UTF-8 and random bytes. Whatever the input, {@link Json5Reader} either gives a tree or throws
 * {@link ConfigParseException} with a one-line message and a position, and {@link ConfigLoader}
 * never throws: a bad file is one of its findings. Anything else (another exception, a
 * StackOverflowError, an OutOfMemoryError) fails the property, and jqwik shrinks the input.
 */
class ConfigFuzzTest {

  private static final Path FILE = Path.of("/fuzz/openclaw.json");
  private static Path dir;

  @BeforeContainer
  static void createDir() throws IOException {
    dir = Files.createTempDirectory("doctor-config-fuzz");
  }

  @AfterContainer
  static void deleteDir() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  @Property(tries = 2_000)
  void mutatedJson5IsReadOrRefusedWithAPosition(@ForAll("mutatedJson5") String text) {
    Statistics.collect(assertReadOrRefused(text) ? "read" : "refused");
    // Mutations that never break a seed, or always do, would test one path only.
    Statistics.coverage(c -> {
      c.check("read").percentage(p -> p > 5);
      c.check("refused").percentage(p -> p > 20);
    });
  }

  @Property(tries = 1_000)
  void randomTextIsReadOrRefusedWithAPosition(@ForAll("json5ishText") String text) {
    assertReadOrRefused(text);
  }

  /**
   * Valid JSON5 with hostile values is read, and every number stays small enough to print: the
   * gateway (JavaScript) reads {@code 1e999999999} as Infinity, and a reader that kept it exact
   * would hand plugins a number whose plain text is a billion digits.
   */
  @Property(tries = 1_000)
  void hostileValuesAreReadAndNumbersStayPrintable(@ForAll("hostileTrees") String text) throws ConfigParseException {
    ArrayDeque<ConfigNode> todo = new ArrayDeque<>(List.of(Json5Reader.parse(text, FILE)));
    while (!todo.isEmpty()) {
      ConfigNode node = todo.pop();
      todo.addAll(node.fields().values());
      todo.addAll(node.items());
      if (node.number() instanceof BigDecimal b) {
        long plainLength = b.scale() <= 0 ? (long) b.precision() - b.scale() : Math.max(b.precision(), b.scale()) + 2L;
        assertTrue(plainLength <= 2_000, () -> node + " has " + plainLength + " digits in plain text");
      }
    }
  }

  @Property(tries = 60)
  void deepNestingIsRefusedNotAStackOverflow(
      @ForAll @IntRange(min = 1, max = 200_000) int depth, @ForAll boolean arrays, @ForAll boolean closed) {
    String text = nested(depth, arrays, closed);
    boolean fits = depth + 1 <= Json5Reader.MAX_DEPTH && closed;
    try {
      ConfigNode root = Json5Reader.parse(text, FILE);
      assertTrue(fits, "depth " + depth + " was accepted");
      assertTrue(root.get("k").isPresent());
    } catch (ConfigParseException e) {
      assertFalse(fits, () -> "depth " + depth + " was refused: " + e.getMessage());
      assertOneLine(e.getMessage());
    }
  }

  @Example
  void nestingUpToTheLimitIsReadAndOneMoreIsRefused() {
    assertReadOrRefused(nested(Json5Reader.MAX_DEPTH - 1, true, true));
    assertReadOrRefused(nested(Json5Reader.MAX_DEPTH, false, true));
    assertEquals(ConfigLoader.PARSE_ERROR, load(nested(Json5Reader.MAX_DEPTH, true, true).getBytes(StandardCharsets.UTF_8))
        .problem().orElseThrow().code());
  }

  /** Strings and keys up to past the 16 MiB file limit are read whole or refused, never half-read. */
  @Property(tries = 12)
  void hugeStringsAndKeysAreReadWholeOrRefused(
      @ForAll("hugeLength") int length, @ForAll boolean asKey, @ForAll("chunk") String chunk) {
    // Whole chunks only: cutting one would split a surrogate pair, which no file can hold.
    String huge = chunk.repeat(length / chunk.length());
    String text = asKey ? "{'" + huge + "': 1}" : "{ok: 1, huge: '" + huge + "'}";
    ConfigLoader.Loaded loaded = load(text.getBytes(StandardCharsets.UTF_8));
    if (loaded.problem().isPresent()) {
      assertTrue(Set.of(ConfigLoader.PARSE_ERROR, ConfigLoader.TOO_LARGE).contains(loaded.problem().get().code()),
          loaded.problem().get()::toString);
    } else if (asKey) {
      assertTrue(loaded.config().root().fields().containsKey(huge), "the key is kept whole");
    } else {
      assertEquals(huge, loaded.config().at("huge").text(), "the string is kept whole");
    }
  }

  @Property(tries = 1_000)
  void anyBytesLoadWithoutThrowing(@ForAll("configBytes") byte[] bytes) {
    ConfigLoader.Loaded loaded = load(bytes);
    assertNotNull(loaded.config());
  }

  /**
   * Reads {@code text} as the host does; only a tree or a positioned one-line refusal may come out.
   *
   * @return whether it was read
   */
  static boolean assertReadOrRefused(String text) {
    Json5Parse document = Json5Reader.parseDocument(text, null);
    assertNotNull(document);
    try {
      ConfigNode root = Json5Reader.parse(text, FILE);
      assertTrue(root.isObject(), "the root of a config is an object");
      return true;
    } catch (ConfigParseException e) {
      assertOneLine(e.getMessage());
      assertTrue(e.line() >= 1 && e.column() >= 1, e::getMessage);
      assertTrue(e.line() <= text.length() + 1, e::getMessage);
      assertEquals(FILE, e.file());
      return false;
    }
  }

  /** Loads {@code bytes} from a file; the host's contract is no exception, and one-line findings. */
  private static ConfigLoader.Loaded load(byte[] bytes) {
    Path file = dir.resolve("openclaw.json");
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    ConfigLoader.Loaded loaded = new ConfigLoader().load(file, dir);
    loaded.problem().ifPresent(problem -> {
      assertTrue(Set.of(ConfigLoader.PARSE_ERROR, ConfigLoader.UNSUPPORTED, ConfigLoader.TOO_LARGE).contains(problem.code()),
          problem::toString);
      assertOneLine(problem.message());
      assertEquals(GatewayConfig.Status.UNREADABLE, loaded.config().status());
    });
    if (loaded.problem().isEmpty()) {
      assertEquals(GatewayConfig.Status.LOADED, loaded.config().status());
    }
    return loaded;
  }

  static void assertOneLine(String message) {
    assertNotNull(message);
    assertFalse(message.isBlank(), "empty message");
    assertFalse(message.contains("\n") || message.contains("\r"), () -> "not one line: " + message);
  }

  private static String nested(int depth, boolean arrays, boolean closed) {
    return ConfigInputs.nested(depth, arrays, closed);
  }

  @Provide
  static Arbitrary<String> mutatedJson5() {
    return ConfigInputs.mutatedJson5();
  }

  @Provide
  static Arbitrary<String> hostileTrees() {
    return ConfigInputs.hostileTrees();
  }

  @Provide
  static Arbitrary<String> json5ishText() {
    return ConfigInputs.json5ishText();
  }

  @Provide
  static Arbitrary<byte[]> configBytes() {
    return ConfigInputs.notUtf8();
  }

  /** Uniform, not jqwik's default bias to small numbers: most tries should be big. */
  @Provide
  static Arbitrary<Integer> hugeLength() {
    return Arbitraries.integers().between(0, 18_000_000).withDistribution(RandomDistribution.uniform());
  }

  @Provide
  static Arbitrary<String> chunk() {
    // Taken as they are (no escapes), so the value read back must equal the repeated chunk.
    return Arbitraries.of("x", "ab", "é", "😀", "\t", "sk-ant-api03-");
  }
}
