package dev.doctor.core.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.ConfigNode;
import dev.doctor.api.ConfigNode.Kind;
import dev.doctor.api.Json5Parse;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class Json5ReaderTest {

  private static final Path FILE = Path.of("/home/u/.openclaw/openclaw.json");
  private static final String CANARY = "sk-canary-SECRET123";

  private static ConfigNode parse(String... lines) throws ConfigParseException {
    return Json5Reader.parse(String.join("\n", lines), FILE);
  }

  private static ConfigParseException failure(String text) {
    ConfigParseException e = assertThrows(ConfigParseException.class, () -> Json5Reader.parse(text, FILE));
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    assertTrue(e.getMessage().startsWith("line " + e.line() + ", column " + e.column() + ": "), e.getMessage());
    assertEquals(FILE, e.file());
    return e;
  }

  private static void assertNumber(String expected, ConfigNode node) {
    assertEquals(Kind.NUMBER, node.kind(), node.toString());
    assertEquals(0, new BigDecimal(expected).compareTo((BigDecimal) node.number()), node.path() + " = " + node.number());
  }

  @Test
  void readsCommentsTrailingCommasUnquotedKeysAndSingleQuotes() throws Exception {
    ConfigNode root = parse(
        "// a line comment before the object",
        "{",
        "  /* a block",
        "     comment */ plain: 'single \"quoted\"', // after a value",
        "  \"quoted\": \"it's\",",
        "  $dollar_key1: 'it\\'s',",
        "  list: [1, 2,],",
        "}",
        "/* after the object */");
    assertAll(
        () -> assertEquals("single \"quoted\"", root.get("plain").text()),
        () -> assertEquals("it's", root.get("quoted").text()),
        () -> assertEquals("it's", root.get("$dollar_key1").text()),
        () -> assertEquals(2, root.get("list").items().size()),
        () -> assertEquals(List.of("plain", "quoted", "$dollar_key1", "list"), List.copyOf(root.fields().keySet())));
  }

  @Test
  void readsJson5Numbers() throws Exception {
    ConfigNode root = parse(
        "{plus: +3, lead: .5, trail: 5., negLead: -.5, exp: 1e3, big: 123456789012345678901234567890,",
        " nan: NaN, inf: Infinity, negInf: -Infinity, plusInf: +Infinity}");
    assertNumber("3", root.get("plus"));
    assertNumber("0.5", root.get("lead"));
    assertNumber("5", root.get("trail"));
    assertNumber("-0.5", root.get("negLead"));
    assertNumber("1000", root.get("exp"));
    assertNumber("123456789012345678901234567890", root.get("big"));
    assertTrue(Double.isNaN(root.get("nan").number().doubleValue()));
    assertEquals(Double.POSITIVE_INFINITY, root.get("inf").number());
    assertEquals(Double.NEGATIVE_INFINITY, root.get("negInf").number());
    assertEquals(Double.POSITIVE_INFINITY, root.get("plusInf").number());
  }

  @Test
  void numbersBeyondADoubleAreReadAsTheGatewayReadsThem() throws Exception {
    // Found by ConfigFuzzTest: kept exact, 1e999999999 printed as a billion digits (an OutOfMemoryError).
    ConfigNode root = parse("{huge: 1e999999999, negHuge: -1e999999999, tiny: 1e-999999999, max: 1e308, big: 1" + "0".repeat(400) + "}");
    assertEquals(Double.POSITIVE_INFINITY, root.get("huge").number());
    assertEquals(Double.NEGATIVE_INFINITY, root.get("negHuge").number());
    assertNumber("0", root.get("tiny"));
    assertEquals("0", root.get("tiny").scalarText());
    assertNumber("1e308", root.get("max"));
    assertEquals(Double.POSITIVE_INFINITY, root.get("big").number());
  }

  @Test
  void decodesStringEscapesAsJson5Does() throws Exception {
    ConfigNode root = Json5Reader.parse(
        "{\n"
            + "  lf: \"one \\\ntwo\",\n"
            + "  crlf: 'one \\\r\ntwo',\n"
            + "  escapes: \"\\t\\n\\u0041\\x41\\v\\0\\/\\q\",\n"
            + "  'key\\x2Ddash': 1,\n"
            + "  raw: \"tab\there\",\n"
            + "  after: true,\n"
            + "}",
        FILE);
    assertEquals("one two", root.get("lf").text());
    assertEquals("one two", root.get("crlf").text());
    assertEquals("\t\nAA\u000B\0/q", root.get("escapes").text());
    assertEquals(1, root.get("key-dash").number().intValue());
    assertEquals("tab\there", root.get("raw").text());
    // Line continuations move the following values down a line.
    assertEquals(9, root.get("after").line());
    assertEquals(10, root.get("after").column());
  }

  @Test
  void buildsNestedObjectsAndArraysWithKindsAndValues() throws Exception {
    ConfigNode root = parse("{agents: {defaults: {sandbox: {mode: 'all', on: true, off: false, none: null}}},",
        " matrix: [[1, 2], [], [{id: 'x'}]], empty: {}}");
    assertAll(
        () -> assertEquals(Kind.OBJECT, root.kind()),
        () -> assertEquals("", root.path()),
        () -> assertEquals("all", root.at("agents.defaults.sandbox.mode").text()),
        () -> assertEquals("agents.defaults.sandbox.mode", root.at("agents.defaults.sandbox.mode").path()),
        () -> assertTrue(root.at("agents.defaults.sandbox.on").bool(false)),
        () -> assertFalse(root.at("agents.defaults.sandbox.off").bool(true)),
        () -> assertEquals(Kind.NULL, root.at("agents.defaults.sandbox.none").kind()),
        () -> assertEquals(Kind.ARRAY, root.get("matrix").kind()),
        () -> assertEquals(Kind.ARRAY, root.at("matrix[1]").kind()),
        () -> assertEquals(0, root.at("matrix[1]").items().size()),
        () -> assertNumber("2", root.at("matrix[0][1]")),
        () -> assertEquals("matrix[0][1]", root.at("matrix[0][1]").path()),
        () -> assertEquals("x", root.at("matrix[2][0].id").text()),
        () -> assertEquals("matrix[2][0].id", root.at("matrix[2][0].id").path()),
        () -> assertEquals(Kind.OBJECT, root.get("empty").kind()),
        () -> assertEquals(FILE, root.at("matrix[2][0].id").file()));
  }

  @Test
  void keepsLineColumnAndPathOfEveryValue() throws Exception {
    ConfigNode root = parse(
        "{", //                                         line 1
        "  a: {", //                                    line 2, '{' at column 6
        "    b: [", //                                  line 3, '[' at column 8
        "      10,", //                                 line 4, column 7
        "      { c: 'x', d: -1.5 },", //                line 5: '{' 7, 'x' 12, -1.5 20
        "    ],",
        "  },",
        "  // a comment, with \"quotes\", { and [",
        "  /* block */ after: true,", //                line 9, column 22
        "\tname: \"z\",", //                            line 10, tab is one column: '"' at 8
        "}");
    assertLocation(root, "", 1, 1);
    assertLocation(root.get("a"), "a", 2, 6);
    assertLocation(root.at("a.b"), "a.b", 3, 8);
    assertLocation(root.at("a.b[0]"), "a.b[0]", 4, 7);
    assertLocation(root.at("a.b[1]"), "a.b[1]", 5, 7);
    assertLocation(root.at("a.b[1].c"), "a.b[1].c", 5, 12);
    assertLocation(root.at("a.b[1].d"), "a.b[1].d", 5, 20);
    assertLocation(root.get("after"), "after", 9, 22);
    assertLocation(root.get("name"), "name", 10, 8);
  }

  private static void assertLocation(ConfigNode node, String path, int line, int column) {
    assertEquals(path, node.path(), node.toString());
    assertEquals(line + ":" + column, node.line() + ":" + node.column(), node.toString());
    assertEquals(FILE, node.file(), node.toString());
  }

  @Test
  void lastDuplicateKeyWinsAndKeepsTheFirstPosition() throws Exception {
    ConfigNode root = parse("{a: 1, b: 2, a: 3}");
    assertEquals(List.of("a", "b"), List.copyOf(root.fields().keySet()));
    assertNumber("3", root.get("a"));
    assertEquals(17, root.get("a").column());
  }

  @Test
  void appendsOddKeysToThePathAsTheyStand() throws Exception {
    ConfigNode root = parse("{models: {'openai/gpt-5.1': {ctx: 1}, 'a b[0]': 2}}");
    ConfigNode model = root.get("models").get("openai/gpt-5.1");
    assertEquals("models.openai/gpt-5.1", model.path());
    assertEquals("models.openai/gpt-5.1.ctx", model.get("ctx").path());
    assertEquals("models.a b[0]", root.get("models").get("a b[0]").path());
  }

  @Test
  void acceptsJson5WhitespaceAndSkipsAByteOrderMark() throws Exception {
    ConfigNode root = Json5Reader.parse("\uFEFF{a:\u00A01,\u2028b: '\u00A0x',\u2003c:\u000B2\f}", FILE);
    assertNumber("1", root.get("a"));
    assertEquals("\u00A0x", root.get("b").text());
    assertNumber("2", root.get("c"));
    assertEquals(1, root.column());
  }

  @Test
  void unclosedObjectNamesWhereItOpened() {
    ConfigParseException e = failure("{\n  token: \"" + CANARY + "\",\n  nested: {a: 1\n");
    assertTrue(e.reason().contains("object opened at line 3, column 11 is not closed"), e.getMessage());
    assertSecretAbsent(e);
  }

  @Test
  void strayCommaIsReportedByPositionWithoutTheSecret() {
    ConfigParseException e = failure("{ token: \"" + CANARY + "\" , , }");
    assertEquals(1, e.line());
    assertEquals(34, e.column());
    assertEquals("line 1, column 34: unexpected ',' (expected a key or '}')", e.getMessage());
    assertSecretAbsent(e);
  }

  @Test
  void unquotedSecretIsNotEchoed() {
    ConfigParseException e = failure("{\n  token: " + CANARY + ",\n}");
    assertEquals(2, e.line());
    assertEquals(10, e.column());
    assertSecretAbsent(e);
    ConfigParseException inArray = failure("{a: [1, " + CANARY + "]}");
    assertSecretAbsent(inArray);
  }

  @Test
  void unclosedStringAndCommentAreErrors() {
    ConfigParseException string = failure("{a: '" + CANARY);
    assertTrue(string.reason().contains("string is not closed"), string.getMessage());
    assertSecretAbsent(string);
    assertTrue(failure("{a: 1 /* " + CANARY).reason().contains("comment is not closed"));
  }

  @Test
  void rawLineBreakInAStringIsAnError() {
    ConfigParseException e = failure("{a: 'one\ntwo " + CANARY + "'}");
    assertEquals(1, e.line());
    assertEquals(9, e.column());
    assertSecretAbsent(e);
  }

  @Test
  void invalidJson5EscapesAreErrors() {
    failure("{a: '\\1'}");
    failure("{a: '\\01'}");
    ConfigParseException hex = failure("{a: '" + CANARY + "\\xZZ'}");
    assertSecretAbsent(hex);
  }

  @Test
  void trailingContentAfterTheRootIsAnError() {
    assertEquals(1, failure("{a: 1} {b: 2}").line());
    assertSecretAbsent(failure("{a: 1}\n" + CANARY));
  }

  @Test
  void rootMustBeAnObject() {
    assertEquals("line 1, column 1: the config must be a JSON5 object", failure("[1,2]").getMessage());
    assertEquals("line 2, column 1: the config must be a JSON5 object", failure("// x\n\"x\"").getMessage());
    assertTrue(failure("").reason().contains("empty"));
    assertTrue(failure("  /* only a comment */ ").reason().contains("empty"));
  }

  @Test
  void absurdNestingIsAParseErrorNotAStackOverflow() {
    ConfigParseException e = failure("{a: " + "[".repeat(100_000));
    assertTrue(e.reason().contains("nested deeper than 500"), e.getMessage());
    assertEquals(1, e.line());
    assertEquals(4 + Json5Reader.MAX_DEPTH, e.column());
    failure("[".repeat(100_000));
  }

  @Test
  void nestingUpToTheLimitIsRead() throws Exception {
    int arrays = Json5Reader.MAX_DEPTH - 1;
    ConfigNode root = Json5Reader.parse("{a: " + "[".repeat(arrays) + "]".repeat(arrays) + "}", FILE);
    assertEquals(Kind.ARRAY, root.get("a").kind());
    failure("{a: " + "[".repeat(arrays + 1) + "]".repeat(arrays + 1) + "}");
  }

  @Test
  void hexNumbersAndSignedNanAreDoctorsLimitation() {
    ConfigParseException hex = failure("{port: 0x1F}");
    assertTrue(hex.unsupportedByDoctor());
    assertEquals(8, hex.column());
    ConfigParseException nan = failure("{n: -NaN}");
    assertTrue(nan.unsupportedByDoctor());
    assertFalse(failure("{a: 01}").unsupportedByDoctor());
  }

  @Test
  void jacksonOnlyNumbersAreRefused() {
    assertEquals(5, failure("{a: -INF}").column());
    failure("{a: +INF}");
    failure("{a: INF}");
  }

  @Test
  void parseDocumentTakesAnyRootAndReturnsFailureAsAValue() {
    Json5Parse array = Json5Reader.parseDocument("[1, {a: 'b'},]", null);
    assertTrue(array.ok());
    assertEquals("[1].a", array.root().at("[1].a").path());
    assertEquals("b", array.root().at("[1].a").text());
    assertNull(array.root().at("[1].a").file());

    Json5Parse failed = Json5Reader.parseDocument("{token: '" + CANARY + "',,}", FILE);
    assertFalse(failed.ok());
    assertEquals(1, failed.line());
    assertEquals(31, failed.column());
    assertFalse(failed.error().contains(CANARY));
  }

  private static void assertSecretAbsent(ConfigParseException e) {
    assertFalse(e.getMessage().contains(CANARY), e.getMessage());
    assertFalse(e.toString().contains(CANARY), e.toString());
    assertFalse(e.toString().contains("canary"), e.toString());
    assertNull(e.getCause(), "the parser's exception quotes the document, so it is not chained");
  }
}
