package dev.doctor.core.fix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doctor.api.ConfigNode;
import dev.doctor.core.config.ConfigParseException;
import dev.doctor.core.config.Json5Layout;
import dev.doctor.core.config.Json5Layout.Kind;
import dev.doctor.core.config.Json5Layout.Member;
import dev.doctor.core.config.Json5Layout.Span;
import dev.doctor.core.config.Json5Layout.Value;
import dev.doctor.core.config.Json5Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sets one value in a JSON5 text and changes nothing else: the characters of the old value are
 * replaced (found by {@link Json5Layout}), or, for a key that is not there, one member is added to
 * its object. Comments, key order, quoting and whitespace elsewhere stay byte for byte. New text is
 * written in the document's own style: its quote character, unquoted keys where its objects use
 * them, its line ending, indentation and trailing commas. Every edit is checked by parsing the
 * result: everything but the edited value must read as before, and the value as intended.
 * Stateless and thread-safe.
 */
public final class ConfigEditor {

  /** An edit that cannot be made; the message names paths and positions, never values. */
  public static final class EditException extends Exception {
    private static final long serialVersionUID = 1L;

    EditException(String message) {
      super(message, null, false, false);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
  /** Longest inline rendering of a new object or array before it is laid out over several lines. */
  private static final int INLINE_WIDTH = 100;

  private ConfigEditor() {}

  /**
   * {@code text} with the value at {@code path} set to {@code valueJson}.
   *
   * @param text a JSON5 document; never null
   * @param path keys from the root, decimal indexes for array items; never empty
   * @param valueJson the new value, strict JSON
   * @throws EditException when the text does not parse, the path cannot be followed, the value is
   *     not JSON, or the result would not read back as intended
   */
  public static String set(String text, List<String> path, String valueJson) throws EditException {
    JsonNode value = parseValue(valueJson);
    Json5Layout layout = layout(text);
    if (layout.root() == null || layout.root().kind() != Kind.OBJECT) {
      throw new EditException("the document is not an object");
    }
    Style style = Style.of(layout);
    Value current = layout.root();
    String edited = null;
    for (int i = 0; i < path.size(); i++) {
      String segment = path.get(i);
      if (current.kind() == Kind.OBJECT) {
        Member member = current.member(segment);
        if (member == null) {
          edited = insert(layout, style, current, path.subList(i, path.size()), value);
          break;
        }
        current = member.value();
      } else if (current.kind() == Kind.ARRAY) {
        Value item = Json5Layout.child(current, segment);
        if (item == null) {
          throw new EditException(display(path.subList(0, i + 1)) + " is not an item of the array at " + display(path.subList(0, i)));
        }
        current = item;
      } else {
        throw new EditException(display(path.subList(0, i)) + " is a " + current.kind().name().toLowerCase(java.util.Locale.ROOT)
            + ", not an object");
      }
    }
    if (edited == null) {
      edited = replace(layout, style, current, value);
    }
    verify(text, edited, path, value);
    return edited;
  }

  /** The strings {@code valueJson} holds (values and keys), for deciding what a diff may show. */
  public static List<String> strings(String valueJson) {
    List<String> out = new ArrayList<>();
    try {
      collect(JSON.readTree(valueJson), out);
    } catch (JsonProcessingException e) {
      // Not JSON: nothing to show from it; the edit itself will fail with a reason.
    }
    return out;
  }

  private static void collect(JsonNode node, List<String> out) {
    if (node.isTextual()) {
      out.add(node.textValue());
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      out.add(f.getKey());
      collect(f.getValue(), out);
    }
    if (node.isArray()) {
      node.forEach(item -> collect(item, out));
    }
  }

  /** The string at {@code path} in {@code text}, or null when it is absent or not a string. */
  public static String stringAt(String text, List<String> path) {
    try {
      ConfigNode node = Json5Reader.parse(text, null);
      for (String segment : path) {
        node = node.isArray() && segment.matches("0|[1-9][0-9]{0,8}") ? node.get(Integer.parseInt(segment)) : node.get(segment);
      }
      return node.text();
    } catch (ConfigParseException e) {
      return null;
    }
  }

  static Json5Layout layout(String text) throws EditException {
    try {
      return Json5Layout.parse(text);
    } catch (ConfigParseException e) {
      throw new EditException("the file does not parse (line " + e.line() + ", column " + e.column() + ": " + e.reason() + ")");
    }
  }

  private static JsonNode parseValue(String valueJson) throws EditException {
    try {
      JsonNode node = JSON.readTree(valueJson);
      if (node == null || node.isMissingNode()) {
        throw new EditException("the new value is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new EditException("the new value is not JSON");
    }
  }

  // ------------------------------------------------------------------ edits

  private static String replace(Json5Layout layout, Style style, Value old, JsonNode value) {
    String text = layout.text();
    char quote = old.kind() == Kind.STRING ? text.charAt(old.start()) : style.quote;
    String indent = layout.indentOf(old.start());
    String rendered = render(value, style.withQuote(quote), indent, true, style.keysUnquoted);
    return text.substring(0, old.start()) + rendered + text.substring(old.end());
  }

  /** Adds {@code path.get(0)} to {@code object}, with objects for the rest of the path around {@code value}. */
  private static String insert(Json5Layout layout, Style style, Value object, List<String> path, JsonNode value) {
    String text = layout.text();
    JsonNode nested = value;
    for (int i = path.size() - 1; i >= 1; i--) {
      nested = JSON.createObjectNode().set(path.get(i), nested);
    }
    boolean unquoted = keysUnquoted(layout, object, style);
    style = style.withQuote(localQuote(layout, object, style.quote));
    String key = key(path.get(0), style.quote, unquoted);
    int open = object.start();
    int close = object.end() - 1;
    List<Member> members = object.members();
    if (members.isEmpty()) {
      String inner = text.substring(open + 1, close);
      if (!layout.lineBreakBetween(open, close)) {
        String member = key + ": " + render(nested, style, layout.indentOf(open), false, unquoted);
        return text.substring(0, open + 1) + (inner.isBlank() ? " " + member + " " : " " + member + "," + inner) + text.substring(close);
      }
      String closeIndent = layout.indentOf(close);
      String childIndent = closeIndent + style.unit;
      String member = key + ": " + render(nested, style, childIndent, true, unquoted) + (style.trailingCommas ? "," : "");
      if (inner.isBlank()) {
        return text.substring(0, open + 1) + style.eol + childIndent + member + style.eol + closeIndent + text.substring(close);
      }
      // Only comments inside: the new member goes first, the comments stay after it.
      return text.substring(0, open + 1) + style.eol + childIndent + member + text.substring(open + 1);
    }
    Member last = members.get(members.size() - 1);
    int after = layout.skipTrivia(last.value().end());
    boolean comma = after < text.length() && text.charAt(after) == ',';
    String separator = separator(text, last);
    boolean multiLine = layout.lineBreakBetween(last.value().end(), close) || layout.lineBreakBetween(open, last.keyStart());
    if (!multiLine) {
      String member = key + separator + render(nested, style, layout.indentOf(open), false, unquoted);
      return comma
          ? text.substring(0, after + 1) + " " + member + "," + text.substring(after + 1)
          : text.substring(0, last.value().end()) + ", " + member + text.substring(last.value().end());
    }
    String childIndent = layout.firstOnLine(last.keyStart()) ? layout.indentOf(last.keyStart()) : layout.indentOf(open) + style.unit;
    String member = key + separator + render(nested, style, childIndent, true, unquoted) + (comma ? "," : "");
    // The new member starts a line of its own after the last one, past any comment that ends its line.
    int from = comma ? after + 1 : last.value().end();
    int at = layout.lineEnd(from);
    if (at > close || !restIsTrivia(layout, from, at)) {
      at = from;
    }
    String withMember = text.substring(0, at) + style.eol + childIndent + member + text.substring(at);
    return comma ? withMember : withMember.substring(0, last.value().end()) + "," + withMember.substring(last.value().end());
  }

  /** Whether {@code [from, to)} holds only whitespace and comments that end inside it. */
  private static boolean restIsTrivia(Json5Layout layout, int from, int to) {
    String text = layout.text();
    int i = from;
    while (i < to) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
      } else if (text.startsWith("//", i)) {
        return true;
      } else if (text.startsWith("/*", i)) {
        int close = text.indexOf("*/", i + 2);
        if (close < 0 || close + 2 > to) {
          return false;
        }
        i = close + 2;
      } else {
        return false;
      }
    }
    return true;
  }

  /** What stands between the last member's key and its value ({@code ": "}), if it is plain. */
  private static String separator(String text, Member member) {
    String between = text.substring(member.keyEnd(), member.value().start());
    return between.matches("[ \\t]*:[ \\t]*") ? between : ": ";
  }

  /** The quote character most strings inside {@code object} use; {@code fallback} when it has none. */
  private static char localQuote(Json5Layout layout, Value object, char fallback) {
    int single = 0;
    int doubles = 0;
    for (Span s : layout.strings()) {
      if (s.start() > object.start() && s.end() < object.end()) {
        if (layout.text().charAt(s.start()) == '\'') {
          single++;
        } else {
          doubles++;
        }
      }
    }
    return single == doubles ? fallback : single > doubles ? '\'' : '"';
  }

  private static boolean keysUnquoted(Json5Layout layout, Value object, Style style) {
    int unquoted = 0;
    int quoted = 0;
    for (Member m : object.members()) {
      char c = layout.text().charAt(m.keyStart());
      if (c == '"' || c == '\'') {
        quoted++;
      } else {
        unquoted++;
      }
    }
    return unquoted + quoted == 0 ? style.keysUnquoted : unquoted > quoted;
  }

  // ------------------------------------------------------------------ rendering

  static String render(JsonNode v, Style style, String indent, boolean multiLineAllowed, boolean unquotedKeys) {
    if (v.isTextual()) {
      return quote(v.textValue(), style.quote);
    }
    if (v.isObject() || v.isArray()) {
      if (v.isEmpty()) {
        return v.isObject() ? "{}" : "[]";
      }
      String inline = inline(v, style, unquotedKeys);
      boolean nestedContainers = false;
      for (JsonNode child : v) {
        nestedContainers |= child.isContainerNode() && !child.isEmpty();
      }
      if (!multiLineAllowed || (!nestedContainers && indent.length() + inline.length() <= INLINE_WIDTH)) {
        return inline;
      }
      String inner = indent + style.unit;
      StringBuilder sb = new StringBuilder(v.isObject() ? "{" : "[");
      Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
      int i = 0;
      int size = v.size();
      if (v.isObject()) {
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> f = fields.next();
          sb.append(style.eol).append(inner).append(key(f.getKey(), style.quote, unquotedKeys)).append(": ")
              .append(render(f.getValue(), style, inner, true, unquotedKeys));
          if (++i < size || style.trailingCommas) {
            sb.append(',');
          }
        }
      } else {
        for (JsonNode item : v) {
          sb.append(style.eol).append(inner).append(render(item, style, inner, true, unquotedKeys));
          if (++i < size || style.trailingCommas) {
            sb.append(',');
          }
        }
      }
      return sb.append(style.eol).append(indent).append(v.isObject() ? "}" : "]").toString();
    }
    return v.toString();
  }

  private static String inline(JsonNode v, Style style, boolean unquotedKeys) {
    List<String> parts = new ArrayList<>();
    if (v.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        parts.add(key(f.getKey(), style.quote, unquotedKeys) + ": " + render(f.getValue(), style, "", false, unquotedKeys));
      }
      return "{ " + String.join(", ", parts) + " }";
    }
    for (JsonNode item : v) {
      parts.add(render(item, style, "", false, unquotedKeys));
    }
    return "[" + String.join(", ", parts) + "]";
  }

  static String key(String key, char quote, boolean unquoted) {
    return unquoted && IDENTIFIER.matcher(key).matches() ? key : quote(key, quote);
  }

  /** {@code text} as a JSON5 string literal in {@code quote}s. */
  static String quote(String text, char quote) {
    StringBuilder sb = new StringBuilder(text.length() + 2).append(quote);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == quote || c == '\\') {
        sb.append('\\').append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == 0x7F) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append(quote).toString();
  }

  /** How a document is written, read from the document itself. */
  record Style(char quote, boolean keysUnquoted, String eol, String unit, boolean trailingCommas) {

    Style withQuote(char q) {
      return new Style(q, keysUnquoted, eol, unit, trailingCommas);
    }

    static Style of(Json5Layout layout) {
      String text = layout.text();
      int single = 0;
      int doubles = 0;
      for (Span s : layout.strings()) {
        if (text.charAt(s.start()) == '\'') {
          single++;
        } else {
          doubles++;
        }
      }
      int unquoted = 0;
      int quoted = 0;
      for (Span k : layout.keys()) {
        char c = text.charAt(k.start());
        if (c == '\'') {
          single++;
          quoted++;
        } else if (c == '"') {
          doubles++;
          quoted++;
        } else {
          unquoted++;
        }
      }
      String eol = text.contains("\r\n") ? "\r\n" : "\n";
      int[] commas = {0, 0};
      Map<String, Integer> steps = new java.util.HashMap<>();
      survey(layout, layout.root(), commas, steps);
      String unit = steps.entrySet().stream()
          .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
          .map(Map.Entry::getKey)
          .orElse("  ");
      return new Style(single > doubles ? '\'' : '"', unquoted > quoted, eol, unit, commas[0] > commas[1]);
    }

    /** Counts multi-line containers with and without a trailing comma, and finds the indentation step. */
    private static void survey(Json5Layout layout, Value v, int[] commas, Map<String, Integer> steps) {
      if (v == null) {
        return;
      }
      List<Value> children = new ArrayList<>();
      List<Integer> starts = new ArrayList<>();
      if (v.kind() == Kind.OBJECT) {
        for (Member m : v.members()) {
          children.add(m.value());
          starts.add(m.keyStart());
        }
      } else if (v.kind() == Kind.ARRAY) {
        for (Value item : v.items()) {
          children.add(item);
          starts.add(item.start());
        }
      }
      if (!children.isEmpty() && layout.lineBreakBetween(children.get(children.size() - 1).end(), v.end())) {
        int after = layout.skipTrivia(children.get(children.size() - 1).end());
        commas[layout.text().charAt(after) == ',' ? 0 : 1]++;
        if (layout.firstOnLine(starts.get(0))) {
          String outer = layout.indentOf(v.start());
          String inner = layout.indentOf(starts.get(0));
          if (inner.length() > outer.length() && inner.startsWith(outer)) {
            steps.merge(inner.substring(outer.length()), 1, Integer::sum);
          }
        }
      }
      children.forEach(c -> survey(layout, c, commas, steps));
    }
  }

  // ------------------------------------------------------------------ checking

  private static void verify(String before, String after, List<String> path, JsonNode value) throws EditException {
    ConfigNode old;
    ConfigNode neu;
    try {
      old = Json5Reader.parse(before, null);
    } catch (ConfigParseException e) {
      throw new EditException("the file does not parse (line " + e.line() + ", column " + e.column() + ": " + e.reason() + ")");
    }
    try {
      neu = Json5Reader.parse(after, null);
    } catch (ConfigParseException e) {
      throw new EditException("doctor's edit at " + display(path) + " would not parse (line " + e.line() + ", column " + e.column()
          + "); nothing was changed");
    }
    if (!sameBut(old, neu, path, 0, value)) {
      throw new EditException("doctor's edit at " + display(path) + " would change more than that value; nothing was changed");
    }
  }

  private static boolean sameBut(ConfigNode old, ConfigNode neu, List<String> path, int i, JsonNode value) {
    if (i == path.size()) {
      return matches(neu, value);
    }
    String segment = path.get(i);
    if (old.isMissing() || old.isObject()) {
      if (!neu.isObject()) {
        return false;
      }
      List<String> expected = new ArrayList<>(old.fields().keySet());
      if (!expected.contains(segment)) {
        expected.add(segment);
      }
      if (!expected.equals(new ArrayList<>(neu.fields().keySet()))) {
        return false;
      }
      for (String k : expected) {
        boolean ok = k.equals(segment) ? sameBut(old.get(k), neu.get(k), path, i + 1, value) : same(old.get(k), neu.get(k));
        if (!ok) {
          return false;
        }
      }
      return true;
    }
    if (old.isArray() && neu.isArray() && old.items().size() == neu.items().size()) {
      int index = Integer.parseInt(segment);
      for (int k = 0; k < old.items().size(); k++) {
        boolean ok = k == index ? sameBut(old.get(k), neu.get(k), path, i + 1, value) : same(old.get(k), neu.get(k));
        if (!ok) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /** Equal values, wherever they stand. */
  static boolean same(ConfigNode a, ConfigNode b) {
    if (a.kind() != b.kind()) {
      return false;
    }
    return switch (a.kind()) {
      case OBJECT -> {
        if (!new ArrayList<>(a.fields().keySet()).equals(new ArrayList<>(b.fields().keySet()))) {
          yield false;
        }
        for (String k : a.fields().keySet()) {
          if (!same(a.get(k), b.get(k))) {
            yield false;
          }
        }
        yield true;
      }
      case ARRAY -> {
        if (a.items().size() != b.items().size()) {
          yield false;
        }
        for (int k = 0; k < a.items().size(); k++) {
          if (!same(a.get(k), b.get(k))) {
            yield false;
          }
        }
        yield true;
      }
      case STRING -> a.text().equals(b.text());
      case NUMBER -> numbersEqual(a.number(), b.number());
      case BOOLEAN -> a.bool(false) == b.bool(false);
      case NULL, MISSING -> true;
    };
  }

  private static boolean matches(ConfigNode n, JsonNode v) {
    if (v.isTextual()) {
      return n.isString() && n.text().equals(v.textValue());
    }
    if (v.isNumber()) {
      return n.kind() == ConfigNode.Kind.NUMBER && numbersEqual(n.number(), v.decimalValue());
    }
    if (v.isBoolean()) {
      return n.kind() == ConfigNode.Kind.BOOLEAN && n.bool(!v.booleanValue()) == v.booleanValue();
    }
    if (v.isNull()) {
      return n.kind() == ConfigNode.Kind.NULL;
    }
    if (v.isArray()) {
      if (!n.isArray() || n.items().size() != v.size()) {
        return false;
      }
      for (int k = 0; k < v.size(); k++) {
        if (!matches(n.get(k), v.get(k))) {
          return false;
        }
      }
      return true;
    }
    if (!n.isObject() || n.fields().size() != v.size()) {
      return false;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
    List<String> order = new ArrayList<>();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      order.add(f.getKey());
      if (!matches(n.get(f.getKey()), f.getValue())) {
        return false;
      }
    }
    return order.equals(new ArrayList<>(n.fields().keySet()));
  }

  private static boolean numbersEqual(Number a, Number b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    return a != null && b != null && Double.compare(a.doubleValue(), b.doubleValue()) == 0;
  }

  static String display(List<String> path) {
    return path.isEmpty() ? "the root" : String.join(".", path);
  }
}
