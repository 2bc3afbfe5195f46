package dev.doctor.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * Where every value, key, string and comment of a JSON5 document stands in its text, as character
 * offsets, so that a value can be replaced or a key added without touching any other character.
 * Values are found with Jackson's token offsets (the tokenizer {@link Json5Reader} uses, with its
 * JSON5 read features); each token's end is found by reading the token itself from its start.
 * Immutable.
 *
 * <p>Only documents {@link Json5Reader} accepts are laid out: {@link #parse} refuses anything else
 * with the reader's own error.
 */
public final class Json5Layout {

  /** The kinds of value, as far as editing cares. */
  public enum Kind {
    OBJECT,
    ARRAY,
    STRING,
    /** Numbers, including {@code NaN} and {@code Infinity}. */
    NUMBER,
    /** {@code true}, {@code false}, {@code null}. */
    LITERAL
  }

  /** A character range {@code [start, end)} of the text. */
  public record Span(int start, int end) {
    public int length() {
      return end - start;
    }
  }

  /**
   * One value. For objects and arrays {@link #start} is the opening bracket and {@link #end} is just
   * past the closing one; for strings the span includes the quotes.
   */
  public static final class Value {
    private final Kind kind;
    private final int start;
    private int end;
    private final List<Member> members = new ArrayList<>();
    private final List<Value> items = new ArrayList<>();

    Value(Kind kind, int start) {
      this.kind = kind;
      this.start = start;
    }

    public Kind kind() {
      return kind;
    }

    public int start() {
      return start;
    }

    public int end() {
      return end;
    }

    /** An object's members in text order (duplicate keys included); empty for anything else. */
    public List<Member> members() {
      return Collections.unmodifiableList(members);
    }

    /** An array's items; empty for anything else. */
    public List<Value> items() {
      return Collections.unmodifiableList(items);
    }

    /** The member that counts for {@code key}: the last one, as JSON5 parsers read duplicates. */
    public Member member(String key) {
      for (int i = members.size() - 1; i >= 0; i--) {
        if (members.get(i).key().equals(key)) {
          return members.get(i);
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return kind + "[" + start + "," + end + ")";
    }
  }

  /**
   * One object member.
   *
   * @param key the key as the parser reads it
   * @param keyStart where the key starts (its quote, if quoted)
   * @param keyEnd just past the key (past its closing quote, if quoted)
   * @param value the member's value
   */
  public record Member(String key, int keyStart, int keyEnd, Value value) {}

  private final String text;
  private final Value root;
  private final List<Span> comments;
  private final List<Span> strings;
  private final List<Span> keys;

  private Json5Layout(String text, Value root, List<Span> comments, List<Span> strings, List<Span> keys) {
    this.text = text;
    this.root = root;
    this.comments = List.copyOf(comments);
    this.strings = List.copyOf(strings);
    this.keys = List.copyOf(keys);
  }

  /**
   * Lays out {@code text}, which must be a document {@link Json5Reader#parseDocument} accepts.
   *
   * @throws ConfigParseException with the reader's message when it does not parse
   */
  public static Json5Layout parse(String text) throws ConfigParseException {
    var checked = Json5Reader.parseDocument(text, null);
    if (!checked.ok()) {
      throw new ConfigParseException(checked.error().replaceFirst("^line \\d+, column \\d+: ", ""), null, checked.line(),
          checked.column());
    }
    int base = text.startsWith("\uFEFF") ? 1 : 0;
    String source = text.substring(base);
    for (int fixes = 0; ; fixes++) {
      try {
        Value root = values(source, base);
        List<Span> comments = new ArrayList<>();
        List<Span> strings = new ArrayList<>();
        List<Span> keys = new ArrayList<>();
        lex(text, comments, strings, keys);
        return new Json5Layout(text, root, comments, strings, keys);
      } catch (JsonProcessingException e) {
        int offset = e.getLocation() == null ? -1 : (int) e.getLocation().getCharOffset();
        if (fixes < 64 && offset >= 0 && offset < source.length() && Json5Reader.isJson5OnlyWhitespace(source.charAt(offset))) {
          source = source.substring(0, offset) + ' ' + source.substring(offset + 1);
          continue;
        }
        throw new ConfigParseException("the document cannot be laid out", null, 1, 1);
      } catch (IOException e) {
        throw new ConfigParseException("the document cannot be laid out", null, 1, 1);
      }
    }
  }

  /** The text laid out. */
  public String text() {
    return text;
  }

  /** The root value. */
  public Value root() {
    return root;
  }

  /** Every comment, {@code //} or {@code /*}, with its markers. */
  public List<Span> comments() {
    return comments;
  }

  /** Every string value (not key), quotes included. */
  public List<Span> strings() {
    return strings;
  }

  /** Every key, quotes included when quoted. */
  public List<Span> keys() {
    return keys;
  }

  /**
   * The value at {@code path} (keys, or decimal indexes for array items); null when something on
   * the way is missing or not a container.
   */
  public Value find(List<String> path) {
    Value current = root;
    for (String segment : path) {
      current = child(current, segment);
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  /** The child of {@code value} named by {@code segment}; null when there is none. */
  public static Value child(Value value, String segment) {
    if (value.kind() == Kind.OBJECT) {
      Member m = value.member(segment);
      return m == null ? null : m.value();
    }
    if (value.kind() == Kind.ARRAY && segment.matches("0|[1-9][0-9]{0,8}")) {
      int index = Integer.parseInt(segment);
      return index < value.items().size() ? value.items().get(index) : null;
    }
    return null;
  }

  /** Offset of the first character at or after {@code from} that is not whitespace or a comment. */
  public int skipTrivia(int from) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Json5Reader.isJson5OnlyWhitespace(c)) {
        i++;
      } else if (text.startsWith("//", i)) {
        int nl = lineEnd(i);
        i = nl;
      } else if (text.startsWith("/*", i)) {
        int close = text.indexOf("*/", i + 2);
        i = close < 0 ? text.length() : close + 2;
      } else {
        return i;
      }
    }
    return i;
  }

  /** Offset of the line break ending the line that holds {@code offset}, or the text's length. */
  public int lineEnd(int offset) {
    for (int i = offset; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        return i;
      }
    }
    return text.length();
  }

  /** Offset of the first character of the line that holds {@code offset}. */
  public int lineStart(int offset) {
    for (int i = Math.min(offset, text.length()) - 1; i >= 0; i--) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        return i + 1;
      }
    }
    return 0;
  }

  /** The spaces and tabs that start the line holding {@code offset}. */
  public String indentOf(int offset) {
    int start = lineStart(offset);
    int i = start;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return text.substring(start, i);
  }

  /** Whether only spaces and tabs stand before {@code offset} on its line. */
  public boolean firstOnLine(int offset) {
    return text.substring(lineStart(offset), offset).isBlank();
  }

  /** Whether a line break lies in {@code [from, to)}. */
  public boolean lineBreakBetween(int from, int to) {
    for (int i = from; i < to && i < text.length(); i++) {
      if (text.charAt(i) == '\n' || text.charAt(i) == '\r') {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ building

  private static Value values(String source, int base) throws IOException {
    try (JsonParser parser = Json5Reader.FACTORY.createParser(source)) {
      Deque<Value> open = new ArrayDeque<>();
      Value root = null;
      String key = null;
      int keyStart = -1;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        int at = (int) parser.currentTokenLocation().getCharOffset();
        switch (token) {
          case FIELD_NAME -> {
            key = parser.currentName();
            keyStart = at;
          }
          case START_OBJECT, START_ARRAY -> {
            Value v = new Value(token == JsonToken.START_OBJECT ? Kind.OBJECT : Kind.ARRAY, at + base);
            attach(open, v, key, keyStart, source, base);
            key = null;
            open.push(v);
          }
          case END_OBJECT, END_ARRAY -> {
            Value done = open.pop();
            done.end = at + base + 1;
            if (open.isEmpty()) {
              root = done;
            }
          }
          default -> {
            Value v = scalar(token, source, at, base);
            attach(open, v, key, keyStart, source, base);
            key = null;
            if (open.isEmpty()) {
              root = v;
            }
          }
        }
      }
      return root;
    }
  }

  private static void attach(Deque<Value> open, Value v, String key, int keyStart, String source, int base) {
    Value parent = open.peek();
    if (parent == null) {
      return;
    }
    if (parent.kind == Kind.OBJECT) {
      parent.members.add(new Member(key, keyStart + base, keyEnd(source, keyStart) + base, v));
    } else {
      parent.items.add(v);
    }
  }

  private static Value scalar(JsonToken token, String source, int at, int base) {
    Value v;
    switch (token) {
      case VALUE_STRING -> {
        v = new Value(Kind.STRING, at + base);
        v.end = stringEnd(source, at) + base;
      }
      case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> {
        v = new Value(Kind.LITERAL, at + base);
        v.end = at + base + (token == JsonToken.VALUE_FALSE ? 5 : 4);
      }
      default -> {
        v = new Value(Kind.NUMBER, at + base);
        int i = at;
        while (i < source.length() && (Character.isLetterOrDigit(source.charAt(i)) || "+-.".indexOf(source.charAt(i)) >= 0)) {
          i++;
        }
        v.end = i + base;
      }
    }
    return v;
  }

  /** Just past the closing quote of the string whose opening quote is at {@code start}. */
  static int stringEnd(String source, int start) {
    char quote = source.charAt(start);
    int i = start + 1;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == quote) {
        return i + 1;
      } else {
        i++;
      }
    }
    return source.length();
  }

  private static int keyEnd(String source, int start) {
    char c = source.charAt(start);
    if (c == '"' || c == '\'') {
      return stringEnd(source, start);
    }
    int i = start;
    while (i < source.length() && (Character.isJavaIdentifierPart(source.charAt(i)) || source.charAt(i) == '\\')) {
      i++;
    }
    return i;
  }

  /**
   * Finds comments and strings in one pass. Outside strings and comments only structure, numbers,
   * literals and unquoted keys occur, none of which holds a quote or a slash, so a quote starts a
   * string and a slash a comment. A string followed by a colon is a key.
   */
  private static void lex(String text, List<Span> comments, List<Span> strings, List<Span> keys) {
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        int end = stringEnd(text, i);
        int next = end;
        while (next < n && (Character.isWhitespace(text.charAt(next)) || Json5Reader.isJson5OnlyWhitespace(text.charAt(next)))) {
          next++;
        }
        // A comment between a key and its colon is legal but rare; such a key counts as a value here.
        (next < n && text.charAt(next) == ':' ? keys : strings).add(new Span(i, end));
        i = end;
      } else if (text.startsWith("//", i)) {
        int end = i;
        while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
          end++;
        }
        comments.add(new Span(i, end));
        i = end;
      } else if (text.startsWith("/*", i)) {
        int close = text.indexOf("*/", i + 2);
        int end = close < 0 ? n : close + 2;
        comments.add(new Span(i, end));
        i = end;
      } else if (Character.isJavaIdentifierStart(c)) {
        int start = i;
        while (i < n && (Character.isJavaIdentifierPart(text.charAt(i)) || text.charAt(i) == '\\')) {
          i++;
        }
        int next = i;
        while (next < n && (Character.isWhitespace(text.charAt(next)) || Json5Reader.isJson5OnlyWhitespace(text.charAt(next)))) {
          next++;
        }
        if (next < n && text.charAt(next) == ':') {
          keys.add(new Span(start, i));
        }
      } else {
        i++;
      }
    }
  }

  @Override
  public String toString() {
    return "Json5Layout[" + text.length() + " chars]";
  }
}
