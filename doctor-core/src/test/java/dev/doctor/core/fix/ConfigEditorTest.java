package dev.doctor.core.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.ConfigNode;
import dev.doctor.core.config.Json5Reader;
import dev.doctor.core.fix.ConfigEditor.EditException;
import dev.doctor.core.testing.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Golden edits: a JSON5 file written the way people write it (comments, both quote styles, odd
 * spacing, trailing commas, tabs) with one value set; the result is a golden file, and every byte
 * outside the edited value is checked to be the input's.
 */
class ConfigEditorTest {

  private static String input(String name) throws IOException {
    Path file = Path.of(System.getProperty("basedir", "."), "src/test/resources/golden/fix", name);
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static String value(String text, List<String> path) throws Exception {
    var layout = dev.doctor.core.config.Json5Layout.parse(text);
    var v = layout.find(path);
    return text.substring(v.start(), v.end());
  }

  /** Asserts that {@code after} is {@code before} with exactly {@code [start, end)} replaced. */
  private static void onlyChanged(String before, String after, int start, int end) {
    int tail = before.length() - end;
    assertEquals(before.substring(0, start), after.substring(0, start), "bytes before the value are unchanged");
    assertEquals(before.substring(end), after.substring(after.length() - tail), "bytes after the value are unchanged");
  }

  @Test
  void replacingAStringWithARefChangesOnlyThatValue() throws Exception {
    String before = input("odd.input.json5");
    List<String> path = List.of("models", "providers", "openai", "apiKey");
    var layout = dev.doctor.core.config.Json5Layout.parse(before);
    var old = layout.find(path);
    String after = ConfigEditor.set(before, path,
        "{\"source\":\"file\",\"provider\":\"doctor\",\"id\":\"/models/providers/openai/apiKey\"}");
    Golden.assertMatches("fix/odd.replace-ref.json5", after);
    onlyChanged(before, after, old.start(), old.end());
    assertEquals("{ source: 'file', provider: 'doctor', id: '/models/providers/openai/apiKey' }", value(after, path),
        "the file's own quote style (single quotes here) and unquoted keys");
    ConfigNode ref = Json5Reader.parse(after, null).at("models.providers.openai.apiKey");
    assertEquals("doctor", ref.get("provider").text());
  }

  @Test
  void replacingANumberKeepsEveryOtherByte() throws Exception {
    String before = input("odd.input.json5");
    var old = dev.doctor.core.config.Json5Layout.parse(before).find(List.of("gateway", "port"));
    String after = ConfigEditor.set(before, List.of("gateway", "port"), "18790");
    onlyChanged(before, after, old.start(), old.end());
    assertEquals(before.replace("port: 18789", "port: 18790"), after);
  }

  @Test
  void aStringKeepsItsOwnQuoteCharacter() throws Exception {
    String before = input("odd.input.json5");
    String after = ConfigEditor.set(before, List.of("gateway", "bind"), "\"lan\"");
    assertEquals(before.replace("bind: \"loopback\"", "bind: \"lan\""), after);
    String single = ConfigEditor.set(before, List.of("agents", "defaults", "sandbox", "mode"), "\"it's\"");
    assertEquals(before.replace("mode:'all'", "mode:'it\\'s'"), single);
  }

  @Test
  void anArrayItemIsAddressedByIndex() throws Exception {
    String before = input("odd.input.json5");
    String after = ConfigEditor.set(before, List.of("list", "2"), "4");
    assertEquals(before.replace("/* three */ 3]", "/* three */ 4]"), after);
  }

  @Test
  void aNewKeyWithItsParentsJoinsTheRootInItsStyle() throws Exception {
    String before = input("odd.input.json5");
    String after = ConfigEditor.set(before, List.of("secrets", "providers", "doctor"),
        "{\"source\":\"file\",\"path\":\"~/.openclaw/secrets.json\",\"mode\":\"json\"}");
    Golden.assertMatches("fix/odd.insert-provider.json5", after);
    String tail = "  list: [1, 2, /* three */ 3],\n";
    int at = before.indexOf(tail) + tail.length();
    assertEquals(before.substring(0, at), after.substring(0, at), "everything before the new member is unchanged");
    assertEquals(before.substring(at), after.substring(after.length() - (before.length() - at)), "and everything after it");
  }

  @Test
  void aNewKeyInAOneLineObjectStaysOnThatLineInItsNeighboursQuotes() throws Exception {
    String before = input("odd.input.json5");
    String after = ConfigEditor.set(before, List.of("gateway", "auth"), "{\"mode\":\"token\"}");
    assertEquals(before.replace("{ port: 18789, bind: \"loopback\" }", "{ port: 18789, bind: \"loopback\", auth: { mode: \"token\" } }"),
        after);
  }

  @Test
  void aNewKeyAfterATrailingCommentKeepsTheComment() throws Exception {
    String text = "{\n  a: 1, // one\n  b: 2 // two\n}\n";
    assertEquals("{\n  a: 1, // one\n  b: 2, // two\n  c: 3\n}\n", ConfigEditor.set(text, List.of("c"), "3"));
    String trailing = "{\n  a: 1,\n  b: 2, // two\n}\n";
    assertEquals("{\n  a: 1,\n  b: 2, // two\n  c: 3,\n}\n", ConfigEditor.set(trailing, List.of("c"), "3"));
  }

  @Test
  void emptyObjectsGetTheirFirstMember() throws Exception {
    assertEquals("{ a: { x: true } }", ConfigEditor.set("{ a: {} }", List.of("a", "x"), "true"));
    assertEquals("{\n  \"a\": {\n    \"x\": true\n  }\n}\n", ConfigEditor.set("{\n  \"a\": {\n  }\n}\n", List.of("a", "x"), "true"));
    assertEquals("{\n  \"x\": 1\n}", ConfigEditor.set("{\n}", List.of("x"), "1"));
  }

  @Test
  void crlfFilesKeepCrlfAndAMissingFinalNewlineStaysMissing() throws Exception {
    String before = input("crlf.input.json");
    String after = ConfigEditor.set(before, List.of("b", "d"), "[1,2]");
    assertEquals("{\"a\":1,\r\n \"b\": {\"c\": \"x\", \"d\": [1, 2]}\r\n}", after);
    String root = ConfigEditor.set(before, List.of("z"), "null");
    assertEquals("{\"a\":1,\r\n \"b\": {\"c\": \"x\"},\r\n \"z\": null\r\n}", root);
  }

  @Test
  void duplicateKeysEditTheOneThatCounts() throws Exception {
    String text = "{ a: 1, a: 2 }";
    assertEquals("{ a: 1, a: 3 }", ConfigEditor.set(text, List.of("a"), "3"));
  }

  @Test
  void aBomAndJson5OnlyWhitespaceAreKept() throws Exception {
    String text = "\uFEFF{\u00A0a: 1,\u2028b: 'x' }";
    assertEquals("\uFEFF{\u00A0a: 1,\u2028b: 'y' }", ConfigEditor.set(text, List.of("b"), "\"y\""));
  }

  @Test
  void editsThatCannotBeMadeSaySoWithoutValues() {
    EditException through = assertThrows(EditException.class,
        () -> ConfigEditor.set("{ a: 'sk-secret-value' }", List.of("a", "b"), "1"));
    assertEquals("a is a string, not an object", through.getMessage());
    EditException broken = assertThrows(EditException.class, () -> ConfigEditor.set("{ a: 'sk-secret-value' ", List.of("a"), "1"));
    assertTrue(broken.getMessage().startsWith("the file does not parse (line 1"), broken.getMessage());
    assertFalse(broken.getMessage().contains("sk-secret"), broken.getMessage());
    assertThrows(EditException.class, () -> ConfigEditor.set("{ a: 1 }", List.of("a"), "{not json"));
    assertThrows(EditException.class, () -> ConfigEditor.set("{ a: [1] }", List.of("a", "3"), "1"));
  }

  @Test
  void theDiffOfASecretMoveShowsStructureNotSecrets() throws Exception {
    String before = input("odd.input.json5");
    String valueJson = "{\"source\":\"file\",\"provider\":\"doctor\",\"id\":\"/models/providers/openai/apiKey\"}";
    String after = ConfigEditor.set(before, List.of("models", "providers", "openai", "apiKey"), valueJson);
    Set<String> shown = Set.copyOf(ConfigEditor.strings(valueJson));
    String diff = UnifiedDiff.of("openclaw.json", "openclaw.json", Redacted.json5(before, shown), Redacted.json5(after, shown));
    Golden.assertMatches("fix/odd.replace-ref.diff", diff);
    assertFalse(diff.contains("sk-proj"), diff);
    assertFalse(diff.contains("api.openai.com"), "strings the fix does not write are hidden: " + diff);
    assertTrue(diff.contains("'«redacted: 48 chars»'"), diff);
  }

  @Test
  void aDiffOfANewFileAndOfAMissingFinalNewline() {
    assertEquals("--- /dev/null\n+++ f\n@@ -0,0 +1,2 @@\n+a\n+b\n", UnifiedDiff.of("/dev/null", "f", "", "a\nb\n"));
    assertEquals("--- f\n+++ f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n",
        UnifiedDiff.of("f", "f", "a", "b"));
    assertEquals("", UnifiedDiff.of("f", "f", "same", "same"));
  }

  @Test
  void farApartChangesMakeTwoHunks() {
    StringBuilder a = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      a.append("line ").append(i).append('\n');
    }
    String b = a.toString().replace("line 2\n", "line two\n").replace("line 18\n", "line eighteen\n");
    String diff = UnifiedDiff.of("f", "f", a.toString(), b);
    assertEquals(2, diff.lines().filter(l -> l.startsWith("@@")).count(), diff);
    assertTrue(diff.contains("@@ -1,5 +1,5 @@\n line 1\n-line 2\n+line two\n"), diff);
    assertTrue(diff.contains("@@ -15,6 +15,6 @@\n"), diff);
  }
}
