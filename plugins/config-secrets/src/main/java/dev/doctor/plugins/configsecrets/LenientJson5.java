package dev.doctor.plugins.configsecrets;

import dev.doctor.api.ConfigNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON5 reader that never gives up: it recovers from missing commas, colons, quotes and braces
 * and returns every value it could place, with line, column and a best-effort path, plus the
 * comments of the text (a commented-out token is still a token on disk).
 *
 * <p>The host's reader is authoritative for files that parse; this one serves the files that do
 * not, so that one typo does not hide every secret in the file. Not thread-safe; one use per text.
 */
final class LenientJson5 {

  /** A comment and the path of the object or array it stands in. */
  record Comment(String text, int line, int column, ConfigPath context) {
    /** Position only: a comment may hold a commented-out credential. */
    @Override
    public String toString() {
      return "Comment[@" + line + ":" + column + "]";
    }
  }

  /** What was recovered: the root (an object unless the text starts with an array) and the comments. */
  record Result(ConfigNode root, List<Comment> comments) {}

  private static final int MAX_DEPTH = 200;

  private enum Type {
    LBRACE,
    RBRACE,
    LBRACK,
    RBRACK,
    COLON,
    COMMA,
    STRING,
    WORD,
    COMMENT,
    EOF
  }

  private record Token(Type type, String text, int line, int column) {
    @Override
    public String toString() {
      return "Token[" + type + " @" + line + ":" + column + "]";
    }
  }

  private final List<Token> tokens;
  private final Path file;
  private final List<Comment> comments = new ArrayList<>();
  private final Deque<ConfigPath> context = new ArrayDeque<>();
  private final Deque<Boolean> inArray = new ArrayDeque<>();
  private int pos;

  private LenientJson5(List<Token> tokens, Path file) {
    this.tokens = tokens;
    this.file = file;
  }

  static Result parse(String text, Path file) {
    var parser = new LenientJson5(new Tokenizer(text).all(), file);
    return new Result(parser.document(), List.copyOf(parser.comments));
  }

  private ConfigNode document() {
    context.push(ConfigPath.ROOT);
    Token first = peek();
    if (first.type == Type.LBRACK) {
      ConfigNode array = array(ConfigPath.ROOT);
      return array;
    }
    var fields = new LinkedHashMap<String, ConfigNode>();
    int line = first.line;
    int column = first.column;
    while (peek().type != Type.EOF) {
      Token t = peek();
      switch (t.type) {
        case LBRACE -> {
          next();
          inArray.push(false);
          members(fields, ConfigPath.ROOT);
          inArray.pop();
        }
        case STRING, WORD -> member(fields, ConfigPath.ROOT);
        case LBRACK -> strayArray(fields, ConfigPath.ROOT);
        default -> next();
      }
    }
    return ConfigNode.object(fields, "", file, line, column);
  }

  /** Members up to the closing brace (consumed) or a bracket that closes an enclosing array (left). */
  private void members(Map<String, ConfigNode> fields, ConfigPath path) {
    while (true) {
      Token t = peek();
      switch (t.type) {
        case EOF -> {
          return;
        }
        case RBRACE -> {
          next();
          return;
        }
        case RBRACK -> {
          if (enclosedBy(true)) {
            return;
          }
          next();
        }
        case COMMA, COLON -> next();
        case STRING, WORD -> member(fields, path);
        // A brace with no key before it: its members most likely belong here.
        case LBRACE -> next();
        case LBRACK -> strayArray(fields, path);
        default -> next();
      }
    }
  }

  private void member(Map<String, ConfigNode> fields, ConfigPath path) {
    Token key = next();
    Token t = peek();
    boolean valueFollows =
        t.type == Type.COLON
            || (t.line == key.line && (t.type == Type.STRING || t.type == Type.WORD || t.type == Type.LBRACE || t.type == Type.LBRACK));
    if (!valueFollows) {
      // A value without a key (a pasted token, a missing key): keep it so that it is still scanned.
      String synthetic = "<value without key, line " + key.line + ">";
      fields.put(synthetic, scalar(key, path.key(synthetic)));
      return;
    }
    if (t.type == Type.COLON) {
      next();
    }
    ConfigNode value = value(path.key(key.text));
    if (value != null) {
      fields.put(key.text, value);
    }
  }

  private void strayArray(Map<String, ConfigNode> fields, ConfigPath path) {
    Token t = peek();
    String synthetic = "<value without key, line " + t.line + ">";
    ConfigNode array = array(path.key(synthetic));
    if (array != null) {
      fields.put(synthetic, array);
    }
  }

  private ConfigNode value(ConfigPath path) {
    Token t = peek();
    return switch (t.type) {
      case LBRACE -> object(path);
      case LBRACK -> array(path);
      case STRING, WORD -> scalar(next(), path);
      default -> null;
    };
  }

  private ConfigNode object(ConfigPath path) {
    Token open = next();
    if (inArray.size() >= MAX_DEPTH) {
      skipContainer();
      return null;
    }
    var fields = new LinkedHashMap<String, ConfigNode>();
    context.push(path);
    inArray.push(false);
    members(fields, path);
    inArray.pop();
    context.pop();
    return ConfigNode.object(fields, raw(path), file, open.line, open.column);
  }

  private ConfigNode array(ConfigPath path) {
    Token open = next();
    if (inArray.size() >= MAX_DEPTH) {
      skipContainer();
      return null;
    }
    var items = new ArrayList<ConfigNode>();
    context.push(path);
    inArray.push(true);
    loop:
    while (true) {
      Token t = peek();
      switch (t.type) {
        case EOF -> {
          break loop;
        }
        case RBRACK -> {
          next();
          break loop;
        }
        case RBRACE -> {
          if (enclosedBy(false)) {
            break loop;
          }
          next();
        }
        case COMMA, COLON -> next();
        default -> {
          int before = pos;
          ConfigNode item = value(path.index(items.size()));
          if (item != null) {
            items.add(item);
          } else if (pos == before) {
            next();
          }
        }
      }
    }
    inArray.pop();
    context.pop();
    return ConfigNode.array(items, raw(path), file, open.line, open.column);
  }

  /** Whether some enclosing container (beyond the innermost) is an array ({@code true}) or object. */
  private boolean enclosedBy(boolean array) {
    boolean innermost = true;
    for (Boolean b : inArray) {
      if (innermost) {
        innermost = false;
        continue;
      }
      if (b == array) {
        return true;
      }
    }
    return false;
  }

  private void skipContainer() {
    int depth = 1;
    while (depth > 0 && peek().type != Type.EOF) {
      Type type = next().type;
      if (type == Type.LBRACE || type == Type.LBRACK) {
        depth++;
      } else if (type == Type.RBRACE || type == Type.RBRACK) {
        depth--;
      }
    }
  }

  private ConfigNode scalar(Token t, ConfigPath path) {
    String p = raw(path);
    if (t.type == Type.STRING) {
      return ConfigNode.string(t.text, p, file, t.line, t.column);
    }
    String w = t.text;
    switch (w) {
      case "true":
        return ConfigNode.bool(true, p, file, t.line, t.column);
      case "false":
        return ConfigNode.bool(false, p, file, t.line, t.column);
      case "null":
        return ConfigNode.nullValue(p, file, t.line, t.column);
      case "Infinity", "+Infinity":
        return ConfigNode.number(Double.POSITIVE_INFINITY, p, file, t.line, t.column);
      case "-Infinity":
        return ConfigNode.number(Double.NEGATIVE_INFINITY, p, file, t.line, t.column);
      case "NaN":
        return ConfigNode.number(Double.NaN, p, file, t.line, t.column);
      default:
        break;
    }
    try {
      return ConfigNode.number(new BigDecimal(w.startsWith("+") ? w.substring(1) : w), p, file, t.line, t.column);
    } catch (NumberFormatException e) {
      // Unquoted text where a value belongs: not JSON5, but it is what the user wrote, so scan it.
      return ConfigNode.string(w, p, file, t.line, t.column);
    }
  }

  private static String raw(ConfigPath path) {
    var sb = new StringBuilder();
    for (Object s : path.segments()) {
      if (s instanceof Integer i) {
        sb.append('[').append(i).append(']');
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append((String) s);
      }
    }
    return sb.toString();
  }

  private Token peek() {
    skipComments();
    return tokens.get(pos);
  }

  private Token next() {
    skipComments();
    Token t = tokens.get(pos);
    if (t.type != Type.EOF) {
      pos++;
    }
    return t;
  }

  private void skipComments() {
    while (tokens.get(pos).type == Type.COMMENT) {
      Token c = tokens.get(pos++);
      comments.add(new Comment(c.text, c.line, c.column, context.isEmpty() ? ConfigPath.ROOT : context.peek()));
    }
  }

  /** Splits text into tokens; never fails, an unterminated string ends at its line's end. */
  private static final class Tokenizer {
    private final String s;
    private int i;
    private int line = 1;
    private int column = 1;

    Tokenizer(String s) {
      this.s = s;
    }

    List<Token> all() {
      var out = new ArrayList<Token>();
      while (true) {
        skipWhitespace();
        if (i >= s.length()) {
          out.add(new Token(Type.EOF, "", line, column));
          return out;
        }
        int l = line;
        int c = column;
        char ch = s.charAt(i);
        if (ch == '/' && i + 1 < s.length() && (s.charAt(i + 1) == '/' || s.charAt(i + 1) == '*')) {
          out.add(new Token(Type.COMMENT, comment(), l, c));
          continue;
        }
        Type punct = switch (ch) {
          case '{' -> Type.LBRACE;
          case '}' -> Type.RBRACE;
          case '[' -> Type.LBRACK;
          case ']' -> Type.RBRACK;
          case ':' -> Type.COLON;
          case ',' -> Type.COMMA;
          default -> null;
        };
        if (punct != null) {
          advance();
          out.add(new Token(punct, String.valueOf(ch), l, c));
        } else if (ch == '"' || ch == '\'') {
          out.add(new Token(Type.STRING, string(ch), l, c));
        } else {
          out.add(new Token(Type.WORD, word(), l, c));
        }
      }
    }

    private static boolean isSpace(char ch) {
      return Character.isWhitespace(ch) || Character.isSpaceChar(ch) || ch == '\uFEFF';
    }

    private static boolean isLineBreak(char ch) {
      return ch == '\n' || ch == '\r' || ch == '\u2028' || ch == '\u2029';
    }

    private void skipWhitespace() {
      while (i < s.length() && isSpace(s.charAt(i))) {
        advance();
      }
    }

    private void advance() {
      char ch = s.charAt(i++);
      if (ch == '\r' && i < s.length() && s.charAt(i) == '\n') {
        i++;
        line++;
        column = 1;
      } else if (isLineBreak(ch)) {
        line++;
        column = 1;
      } else {
        column++;
      }
    }

    private String comment() {
      int start = i;
      if (s.charAt(i + 1) == '/') {
        while (i < s.length() && !isLineBreak(s.charAt(i))) {
          advance();
        }
        return s.substring(start + 2, i);
      }
      advance();
      advance();
      int body = i;
      while (i < s.length() && !(s.charAt(i) == '*' && i + 1 < s.length() && s.charAt(i + 1) == '/')) {
        advance();
      }
      String text = s.substring(body, i);
      if (i < s.length()) {
        advance();
        advance();
      }
      return text;
    }

    private String word() {
      int start = i;
      while (i < s.length()) {
        char ch = s.charAt(i);
        if (isSpace(ch) || "{}[]:,\"'".indexOf(ch) >= 0) {
          break;
        }
        if (ch == '/' && i + 1 < s.length() && (s.charAt(i + 1) == '/' || s.charAt(i + 1) == '*')) {
          break;
        }
        advance();
      }
      // A word is at least one character, so the tokenizer always moves on.
      if (i == start) {
        advance();
      }
      return s.substring(start, i);
    }

    private String string(char quote) {
      advance();
      var sb = new StringBuilder();
      while (i < s.length()) {
        char ch = s.charAt(i);
        if (ch == quote) {
          advance();
          return sb.toString();
        }
        if (isLineBreak(ch)) {
          return sb.toString();
        }
        if (ch == '\\' && i + 1 < s.length()) {
          advance();
          char e = s.charAt(i);
          if (isLineBreak(e)) {
            advance();
            continue;
          }
          advance();
          switch (e) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'v' -> sb.append('\u000B');
            case '0' -> sb.append('\0');
            case 'x' -> sb.append(hex(2));
            case 'u' -> sb.append(hex(4));
            default -> sb.append(e);
          }
          continue;
        }
        sb.append(ch);
        advance();
      }
      return sb.toString();
    }

    private String hex(int digits) {
      if (i + digits <= s.length()) {
        String h = s.substring(i, i + digits);
        try {
          int code = Integer.parseInt(h, 16);
          for (int k = 0; k < digits; k++) {
            advance();
          }
          return String.valueOf((char) code);
        } catch (NumberFormatException e) {
          // Not an escape after all; the letter stands for itself.
        }
      }
      return digits == 2 ? "x" : "u";
    }
  }
}
