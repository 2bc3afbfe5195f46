package dev.doctor.plugins.configsecrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.ConfigNode;
import org.junit.jupiter.api.Test;

class LenientJson5Test {

  private static ConfigNode parse(String text) {
    return LenientJson5.parse(text, null).root();
  }

  @Test
  void validJson5ReadsLikeTheHostReadsIt() {
    ConfigNode root = parse("{ a: { 'b': \"c\", d: [1, 'e', { f: true }], }, // note\n g: null, h: +1.5, i: Infinity }");
    assertEquals("c", root.at("a.b").text());
    assertEquals("e", root.at("a.d[1]").text());
    assertTrue(root.at("a.d[2].f").bool(false));
    assertEquals(ConfigNode.Kind.NULL, root.get("g").kind());
    assertEquals("1.5", root.get("h").scalarText());
    assertEquals("a.d[2].f", root.at("a.d[2].f").path());
  }

  @Test
  void missingCommasAndColonsAreForgiven() {
    ConfigNode root = parse("{\n  a: 'x'\n  b 'y'\n  c: { d: 1 e: 2 }\n}");
    assertEquals("x", root.get("a").text());
    assertEquals("y", root.get("b").text());
    assertEquals("2", root.at("c.e").scalarText());
  }

  @Test
  void unclosedBracesAndStringsEndWhereTheTextEnds() {
    ConfigNode root = parse("{ a: { b: 'unterminated\n c: 'next' \n d: [1, 2");
    assertEquals("unterminated", root.at("a.b").text());
    assertEquals("next", root.at("a.c").text());
    assertEquals(2, root.at("a.d").items().size());
  }

  @Test
  void aMismatchedBracketClosesTheRightContainer() {
    ConfigNode root = parse("{ list: [ { a: 1 ], after: 'x' }");
    assertEquals("1", root.at("list[0].a").scalarText());
    assertEquals("x", root.get("after").text());
  }

  @Test
  void strayValuesAndUnquotedTextAreKeptForScanning() {
    ConfigNode root = parse("{ a: 1,\n 'pasted-token-value',\n b: unquoted-text }");
    assertEquals("pasted-token-value", root.get("<value without key, line 2>").text());
    assertEquals("unquoted-text", root.get("b").text());
  }

  @Test
  void extraClosingBracesDoNotEndTheDocument() {
    ConfigNode root = parse("{ a: { b: 1 } } }\n c: 'still read' }");
    assertEquals("still read", root.get("c").text());
  }

  @Test
  void positionsAreOneBased() {
    ConfigNode root = parse("{\n  key:\t'value'\n}");
    assertEquals(2, root.get("key").line());
    assertEquals(8, root.get("key").column());
  }

  @Test
  void commentsKeepTheirPlace() {
    var result = LenientJson5.parse("{\n a: { // inside a\n b: 1 },\n /* top\n level */ c: 2 }", null);
    assertEquals(2, result.comments().size());
    assertEquals(" inside a", result.comments().get(0).text());
    assertEquals("a", result.comments().get(0).context().display());
    assertEquals(2, result.comments().get(0).line());
    assertEquals(7, result.comments().get(0).column());
    assertEquals(null, result.comments().get(1).context().display());
  }

  @Test
  void escapesAreDecoded() {
    assertEquals("a\"b\nc\u00e9d", parse("{ s: \"a\\\"b\\nc\\u00e9\\\nd\" }").get("s").text());
  }

  @Test
  void deepNestingDoesNotOverflow() {
    String deep = "{ a: " + "[".repeat(5000) + "]".repeat(5000) + ", b: 'after' }";
    assertEquals("after", parse(deep).get("b").text());
  }
}
