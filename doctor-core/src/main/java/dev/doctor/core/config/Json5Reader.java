package dev.doctor.core.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.doctor.api.ConfigNode;
import dev.doctor.api.Json5Parse;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses JSON5 as users write it into a {@link ConfigNode} tree that keeps, for every value, its
 * 1-based line and column (of the value's first character: the opening quote of a string, the
 * bracket of an object or array), its dot path and the source file. Stateless and thread-safe.
 *
 * <p>Jackson's streaming parser does the tokenizing with its JSON5-ish read features; the tree is
 * built here, iteratively, so nesting depth costs heap, not stack, and is capped at
 * {@value #MAX_DEPTH}. Differences from the JSON5 spec that Jackson 2 cannot close:
 *
 * <ul>
 *   <li>Hexadecimal numbers ({@code 0x1F}) and signed NaN ({@code -NaN}, {@code +NaN}) are
 *       rejected with {@link ConfigParseException#unsupportedByDoctor()} set: Jackson 2.21 has no
 *       read feature for them.
 *   <li>Unquoted keys follow Java identifier rules, so an unquoted key written with a unicode
 *       escape (backslash-u) is rejected; quoted keys may use any escape.
 * </ul>
 *
 * Closed here on top of Jackson: string escapes are decoded by JSON5 rules ({@code \v}, {@code \0},
 * {@code \xHH}, line continuations; Jackson would read {@code \v} as {@code v}), a raw line break
 * inside a string is an error (Jackson accepts it once control characters are allowed, JSON5 does
 * not), Jackson's {@code +INF} and {@code -INF} are refused as JSON5 refuses them, and JSON5's
 * extra whitespace (vertical tab, form feed, no-break space, {@code U+FEFF}, {@code U+2028},
 * {@code U+2029}, other space separators) is accepted between tokens; {@code U+2028} and {@code
 * U+2029} do not start a new line for line numbers.
 *
 * <p>Numbers: exact ({@link BigDecimal}) within the range of a double; beyond it, what the
 * gateway's JavaScript reads: a number too large is {@code ±Infinity} (a {@code Double}), one too
 * small to tell from zero is 0.
 *
 * <p>Paths: a key is appended to its parent's path as it stands, so a key that itself contains a
 * dot, bracket or space ({@code "a.b"}) gives a path ({@code x.a.b}) that {@link ConfigNode#at}
 * cannot follow back; use {@link ConfigNode#get(String)} for such keys. Duplicate keys: the last
 * value wins and keeps the first one's position in key order, as {@code JSON5.parse} does.
 */
public final class Json5Reader {

  /** Deepest nesting of objects and arrays accepted, the root object counting as 1. */
  public static final int MAX_DEPTH = 500;

  /** Bounds the retries that turn JSON5-only whitespace into spaces (see {@link #parse}). */
  private static final int MAX_WHITESPACE_FIXES = 64;

  static final JsonFactory FACTORY =
      new JsonFactoryBuilder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
          .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
          .enable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
          // JSON5 strings may hold raw tabs and other control characters (not line breaks, which
          // decodeString rejects), and a line continuation after "\" + CR is a raw LF.
          .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
          // Jackson 2.21 has no feature for hex numbers (0x1F) or signed NaN: translate() reports
          // them as doctor's limitation, not the user's error.
          // Not JSON5, so left off: ALLOW_YAML_COMMENTS, ALLOW_MISSING_VALUES ([1,,2]),
          // ALLOW_LEADING_ZEROS_FOR_NUMBERS, ALLOW_RS_CONTROL_CHAR.
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          // Keys are not interned in a table that outlives the parse.
          .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
          // Our own depth check fires first, with our message; this is the backstop.
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 1).build())
          .build();

  private Json5Reader() {}

  /**
   * Parses {@code text}, whose root must be an object. A leading byte order mark is skipped.
   *
   * @param text the document; never null
   * @param file recorded on every node and in errors; nullable
   * @throws ConfigParseException when the text is not a JSON5 object; its message never quotes
   *     the text
   */
  public static ConfigNode parse(String text, Path file) throws ConfigParseException {
    return parse(text, file, true);
  }

  /**
   * Parses {@code text} like {@link #parse} but takes any root value (a check's other JSON files
   * may hold an array), and returns failure as a value; for {@link
   * dev.doctor.api.CheckContext#parseJson5}.
   *
   * @param text the document; never null
   * @param file recorded on every node; nullable
   * @return never null; its error is the one-line {@link ConfigParseException#getMessage()}
   */
  public static Json5Parse parseDocument(String text, Path file) {
    try {
      return Json5Parse.parsed(parse(text, file, false));
    } catch (ConfigParseException e) {
      return Json5Parse.failed(e.getMessage(), e.line(), e.column());
    }
  }

  private static ConfigNode parse(String text, Path file, boolean objectRoot) throws ConfigParseException {
    String source = text.startsWith("\uFEFF") ? text.substring(1) : text;
    Lines lines = new Lines(source);
    // Jackson stops at JSON5 whitespace it does not know. It can only stop there outside strings
    // and comments, where the character means nothing, so it is replaced by a space (same length,
    // not a line break: positions unchanged) and the parse retried.
    for (int fixes = 0; ; fixes++) {
      TreeBuilder builder = new TreeBuilder(source, lines, file, objectRoot);
      try {
        return builder.run();
      } catch (JsonProcessingException e) {
        int offset = errorOffset(e);
        if (fixes < MAX_WHITESPACE_FIXES && offset >= 0 && offset < source.length()
            && isJson5OnlyWhitespace(source.charAt(offset))) {
          source = source.substring(0, offset) + ' ' + source.substring(offset + 1);
          continue;
        }
        throw builder.translate(e, offset);
      } catch (IOException e) {
        // Reading a String does no I/O; anything else Jackson throws is a parse failure.
        throw new ConfigParseException("unreadable JSON5", file, 1, 1);
      }
    }
  }

  /** Offset of the character Jackson stopped at. */
  private static int errorOffset(JsonProcessingException e) {
    int offset = offset(e.getLocation());
    String detail = e.getOriginalMessage();
    // For a control character Jackson reports the position after it.
    if (offset > 0 && detail != null && detail.startsWith("Illegal character ((CTRL-CHAR")) {
      offset--;
    }
    return offset;
  }

  private static int offset(JsonLocation location) {
    return location == null ? -1 : (int) Math.max(-1, Math.min(location.getCharOffset(), Integer.MAX_VALUE));
  }

  /** Whitespace to JSON5 (ECMAScript), but not to Jackson. */
  static boolean isJson5OnlyWhitespace(char c) {
    return c == '\u00A0' || c == '\uFEFF' || c == '\u2028' || c == '\u2029' || c == '\u000B' || c == '\f'
        || (c > 0x7F && Character.getType(c) == Character.SPACE_SEPARATOR);
  }

  /**
   * Line and column of a char offset. Computed here rather than taken from Jackson, which does
   * not count line breaks inside strings (line continuations). LF, CR and CRLF end a line, as in
   * editors; columns count UTF-16 chars, a tab as one.
   */
  private static final class Lines {
    private final int[] starts;
    private final int count;

    Lines(String source) {
      int[] found = new int[16];
      int n = 1;
      for (int i = 0; i < source.length(); i++) {
        char c = source.charAt(i);
        if (c == '\n' || (c == '\r' && (i + 1 == source.length() || source.charAt(i + 1) != '\n'))) {
          if (n == found.length) {
            found = Arrays.copyOf(found, n * 2);
          }
          found[n++] = i + 1;
        }
      }
      this.starts = found;
      this.count = n;
    }

    int line(int offset) {
      int at = Arrays.binarySearch(starts, 0, count, Math.max(offset, 0));
      return at >= 0 ? at + 1 : -at - 1;
    }

    int column(int offset) {
      return Math.max(offset, 0) - starts[line(offset) - 1] + 1;
    }
  }

  /** One object or array being filled. */
  private static final class Frame {
    final boolean object;
    final String path;
    final int line;
    final int column;
    final Map<String, ConfigNode> fields;
    final List<ConfigNode> items;
    String key;

    Frame(boolean object, String path, int line, int column) {
      this.object = object;
      this.path = path;
      this.line = line;
      this.column = column;
      this.fields = object ? new LinkedHashMap<>() : null;
      this.items = object ? null : new ArrayList<>();
    }

    String childPath() {
      if (object) {
        return path.isEmpty() ? key : path + "." + key;
      }
      return path + "[" + items.size() + "]";
    }

    void add(ConfigNode node) {
      if (object) {
        fields.put(key, node);
        key = null;
      } else {
        items.add(node);
      }
    }

    ConfigNode build(Path file) {
      return object
          ? ConfigNode.object(fields, path, file, line, column)
          : ConfigNode.array(items, path, file, line, column);
    }
  }

  /** Turns one parser's tokens into nodes; one per parse attempt. */
  private static final class TreeBuilder {
    private final String source;
    private final Lines lines;
    private final Path file;
    private final boolean objectRoot;
    private final Deque<Frame> open = new ArrayDeque<>();

    TreeBuilder(String source, Lines lines, Path file, boolean objectRoot) {
      this.source = source;
      this.lines = lines;
      this.file = file;
      this.objectRoot = objectRoot;
    }

    ConfigNode run() throws IOException, ConfigParseException {
      try (JsonParser parser = FACTORY.createParser(source)) {
        JsonToken token = parser.nextToken();
        if (token == null) {
          throw error(objectRoot ? "the config is empty; it must be a JSON5 object, at least {}" : "the document is empty", 0);
        }
        int rootAt = offset(parser.currentTokenLocation());
        if (objectRoot && token != JsonToken.START_OBJECT) {
          throw error("the config must be a JSON5 object", rootAt);
        }
        ConfigNode root = null;
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          open.push(new Frame(token == JsonToken.START_OBJECT, "", lines.line(rootAt), lines.column(rootAt)));
        } else {
          root = scalar(parser, token, "", rootAt);
        }
        while (root == null) {
          token = parser.nextToken();
          if (token == null) {
            throw endOfInput(null, source.length());
          }
          Frame top = open.peek();
          int at = offset(parser.currentTokenLocation());
          switch (token) {
            case FIELD_NAME -> top.key = decodeString(parser, at);
            case START_OBJECT, START_ARRAY -> {
              if (open.size() >= MAX_DEPTH) {
                throw error("objects and arrays are nested deeper than " + MAX_DEPTH + " levels", at);
              }
              open.push(new Frame(token == JsonToken.START_OBJECT, top.childPath(), lines.line(at), lines.column(at)));
            }
            case END_OBJECT, END_ARRAY -> {
              ConfigNode done = open.pop().build(file);
              if (open.isEmpty()) {
                root = done;
              } else {
                open.peek().add(done);
              }
            }
            default -> top.add(scalar(parser, token, top.childPath(), at));
          }
        }
        if (parser.nextToken() != null) {
          throw error("unexpected content after the end of the document", offset(parser.currentTokenLocation()));
        }
        return root;
      }
    }

    private ConfigNode scalar(JsonParser parser, JsonToken token, String path, int at)
        throws IOException, ConfigParseException {
      int line = lines.line(at);
      int column = lines.column(at);
      return switch (token) {
        case VALUE_STRING -> ConfigNode.string(decodeString(parser, at), path, file, line, column);
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
          if (parser.isNaN()) {
            if (source.startsWith("INF", at + 1)) {
              throw error("invalid number (JSON5 writes infinity as Infinity)", at);
            }
            yield ConfigNode.number(parser.getDoubleValue(), path, file, line, column);
          }
          BigDecimal value;
          try {
            value = parser.getDecimalValue();
          } catch (NumberFormatException | ArithmeticException e) {
            throw error("a number is out of range", at);
          }
          // The gateway reads numbers into doubles, as JavaScript does: past their range a number is
          // Infinity, below it 0. Kept exact, 1e999999999 would be a billion digits to print.
          double approximate = value.doubleValue();
          if (Double.isInfinite(approximate)) {
            yield ConfigNode.number(approximate, path, file, line, column);
          }
          if (approximate == 0 && value.signum() != 0) {
            yield ConfigNode.number(BigDecimal.ZERO, path, file, line, column);
          }
          yield ConfigNode.number(value, path, file, line, column);
        }
        case VALUE_TRUE -> ConfigNode.bool(true, path, file, line, column);
        case VALUE_FALSE -> ConfigNode.bool(false, path, file, line, column);
        case VALUE_NULL -> ConfigNode.nullValue(path, file, line, column);
        default -> throw error("unexpected value", at);
      };
    }

    /**
     * A string or key as JSON5 reads it, decoded from the source between its quotes: Jackson's
     * any-character escaping would read {@code \v} as {@code v}, {@code \0} as {@code 0}, {@code
     * \x41} as {@code x41} and keep a line continuation's line break. Jackson has already found
     * the token's end and checked its {@code \}{@code u} escapes; this decodes the rest. Unquoted
     * keys are taken from Jackson.
     */
    private String decodeString(JsonParser parser, int start) throws IOException, ConfigParseException {
      String jacksonText = parser.getText();
      if (start < 0 || start >= source.length()) {
        return jacksonText;
      }
      char quote = source.charAt(start);
      if (quote != '"' && quote != '\'') {
        return jacksonText;
      }
      StringBuilder out = new StringBuilder();
      int end = source.length();
      int i = start + 1;
      while (i < end) {
        char c = source.charAt(i);
        if (c == quote) {
          return out.toString();
        }
        if (c == '\n' || c == '\r') {
          throw error("a string runs past the end of its line (write \\n for a line break)", i);
        }
        if (c != '\\') {
          out.append(c);
          i++;
          continue;
        }
        int escape = i;
        char e = i + 1 < end ? source.charAt(i + 1) : quote;
        i += 2;
        switch (e) {
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'v' -> out.append('\u000B');
          case '0' -> {
            if (i < end && Character.isDigit(source.charAt(i))) {
              throw error("invalid escape in a string (\\0 must not be followed by a digit)", escape);
            }
            out.append('\0');
          }
          case '1', '2', '3', '4', '5', '6', '7', '8', '9' ->
              throw error("invalid escape in a string (\\1 to \\9 are not allowed)", escape);
          case 'x', 'u' -> {
            int digits = e == 'x' ? 2 : 4;
            int code = hex(i, digits);
            if (code < 0) {
              throw error("invalid \\" + e + " escape in a string (needs " + digits + " hex digits)", escape);
            }
            out.append((char) code);
            i += digits;
          }
          // Line continuations: the escaped line break is dropped.
          case '\r' -> {
            if (i < end && source.charAt(i) == '\n') {
              i++;
            }
          }
          case '\n', '\u2028', '\u2029' -> { }
          default -> out.append(e);
        }
      }
      return jacksonText;
    }

    private int hex(int from, int digits) {
      if (from + digits > source.length()) {
        return -1;
      }
      int value = 0;
      for (int k = 0; k < digits; k++) {
        int d = Character.digit(source.charAt(from + k), 16);
        if (d < 0) {
          return -1;
        }
        value = value * 16 + d;
      }
      return value;
    }

    /** Our message for a Jackson failure; Jackson's own message is read to classify, never shown. */
    ConfigParseException translate(JsonProcessingException e, int offset) {
      String detail = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
      int at = offset < 0 ? source.length() : Math.min(offset, source.length());
      if (e instanceof JsonEOFException eof) {
        return detail.contains("comment")
            ? error("a /* comment is not closed", at)
            : endOfInput(eof.getTokenBeingDecoded(), at);
      }
      if (e instanceof StreamConstraintsException) {
        if (open.size() >= MAX_DEPTH) {
          return error("objects and arrays are nested deeper than " + MAX_DEPTH + " levels", at);
        }
        return error("a value is longer than the parser allows", at);
      }
      char here = at < source.length() ? source.charAt(at) : 0;
      char before = at >= 1 ? source.charAt(at - 1) : 0;
      if ((here == 'x' || here == 'X') && before == '0') {
        return new ConfigParseException(
            "hexadecimal numbers (0x...) are valid JSON5 but doctor cannot read them; write the number in decimal",
            file, lines.line(at - 1), lines.column(at - 1), true);
      }
      if (here == 'N' && (before == '-' || before == '+') && source.startsWith("NaN", at)) {
        return new ConfigParseException(
            "a signed NaN is valid JSON5 but doctor cannot read it; write NaN without a sign",
            file, lines.line(at - 1), lines.column(at - 1), true);
      }
      return error(syntaxReason(detail, here), at);
    }

    private static String syntaxReason(String detail, char at) {
      // Structural characters are safe to name; any other character could be part of a secret.
      String what = at != 0 && "{}[],:".indexOf(at) >= 0 ? "unexpected '" + at + "'" : "unexpected character";
      if (detail.startsWith("Unexpected close marker")) {
        return what + " (it closes nothing, or the wrong kind of bracket)";
      }
      if (detail.contains("comma to separate Object entries")) {
        return what + " (expected ',' or '}' after a value)";
      }
      if (detail.contains("comma to separate Array entries")) {
        return what + " (expected ',' or ']' after a value)";
      }
      if (detail.contains("to start field name")) {
        return what + " (expected a key or '}')";
      }
      if (detail.contains("colon to separate field name")) {
        return what + " (expected ':' after a key)";
      }
      if (detail.startsWith("Unrecognized token")) {
        return "unexpected word (strings need quotes; the words allowed bare are true, false, null, NaN and Infinity)";
      }
      if (detail.startsWith("Illegal character ((CTRL-CHAR")) {
        return "control character outside a string";
      }
      if (detail.contains("Leading zeroes")) {
        return "invalid number (leading zeros are not allowed)";
      }
      if (detail.startsWith("Invalid numeric value") || detail.contains("in numeric value")) {
        return "invalid number";
      }
      if (detail.contains("expected a valid value")) {
        return what + " (expected a value)";
      }
      if (detail.contains("escape")) {
        return "invalid escape in a string";
      }
      return what.equals("unexpected character") ? "syntax error" : what;
    }

    private ConfigParseException endOfInput(JsonToken decoding, int at) {
      if (decoding == JsonToken.VALUE_STRING || decoding == JsonToken.FIELD_NAME) {
        return error("unexpected end of file: a string is not closed", at);
      }
      Frame innermost = open.peek();
      if (innermost != null) {
        return error("unexpected end of file: the " + (innermost.object ? "object" : "array")
            + " opened at line " + innermost.line + ", column " + innermost.column + " is not closed", at);
      }
      return error("unexpected end of file", at);
    }

    private ConfigParseException error(String reason, int offset) {
      return new ConfigParseException(reason, file, lines.line(offset), lines.column(offset));
    }
  }
}
