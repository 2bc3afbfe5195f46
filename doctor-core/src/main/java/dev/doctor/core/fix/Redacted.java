package dev.doctor.core.fix;

import dev.doctor.core.config.ConfigParseException;
import dev.doctor.core.config.Json5Layout;
import dev.doctor.core.config.Json5Layout.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a diff may show of a file: the gateway config and secrets files hold credentials doctor
 * cannot always recognise, so their diffs show the structure (keys, brackets, numbers, booleans)
 * and only the strings a fix itself writes in the open; every other string is shown by its length,
 * e.g. {@code "«redacted: 51 chars»"}, and comments likewise. Keys are shown unless they look like
 * a credential. Stateless.
 */
final class Redacted {

  // A long run mixing upper case, lower case and digits, or a well-known credential prefix.
  private static final Pattern RANDOM_RUN = Pattern.compile("[A-Za-z0-9+/=_-]{20,}");
  private static final Pattern TOKEN_PREFIX =
      Pattern.compile("(?i)^(sk-|ghp_|gho_|ghu_|ghs_|ghr_|github_pat_|glpat-|xox[a-z]-|xapp-|AKIA|ASIA|AIza|hf_|npm_|-----BEGIN)");

  private Redacted() {}

  /** {@code text} as a JSON5 file's diff shows it; a text that does not parse is hidden whole. */
  static String json5(String text, Set<String> shown) {
    Json5Layout layout;
    try {
      layout = Json5Layout.parse(text);
    } catch (ConfigParseException e) {
      return hidden(text);
    }
    record Replacement(int start, int end, String with) {}
    List<Replacement> replacements = new ArrayList<>();
    for (Span s : layout.strings()) {
      String value = decode(text, s);
      if (!shown.contains(value)) {
        char q = text.charAt(s.start());
        replacements.add(new Replacement(s.start(), s.end(), q + "«redacted: " + value.length() + " chars»" + q));
      }
    }
    for (Span k : layout.keys()) {
      char q = text.charAt(k.start());
      boolean quoted = q == '"' || q == '\'';
      String key = quoted ? decode(text, k) : text.substring(k.start(), k.end());
      if (looksLikeCredential(key) && !shown.contains(key)) {
        char quote = quoted ? q : '"';
        replacements.add(new Replacement(k.start(), k.end(), quote + "«key: " + key.length() + " chars»" + quote));
      }
    }
    for (Span c : layout.comments()) {
      boolean block = text.startsWith("/*", c.start());
      int length = c.length() - (block ? 4 : 2);
      replacements.add(new Replacement(c.start(), c.end(), block ? "/* «comment: " + length + " chars» */" : "// «comment: " + length + " chars»"));
    }
    replacements.sort(Comparator.comparingInt(Replacement::start));
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (Replacement r : replacements) {
      if (r.start() < at) {
        continue;
      }
      out.append(text, at, r.start()).append(r.with());
      at = r.end();
    }
    return out.append(text.substring(at)).toString();
  }

  /** A text shown only by its size. */
  static String hidden(String text) {
    return text.isEmpty() ? "" : "«redacted: " + text.length() + " chars»\n";
  }

  static boolean looksLikeCredential(String text) {
    if (TOKEN_PREFIX.matcher(text).find()) {
      return true;
    }
    Matcher m = RANDOM_RUN.matcher(text);
    while (m.find()) {
      String run = m.group();
      if (run.chars().anyMatch(Character::isUpperCase) && run.chars().anyMatch(Character::isLowerCase)
          && run.chars().anyMatch(Character::isDigit)) {
        return true;
      }
    }
    return false;
  }

  /** A quoted string's value (JSON5 escapes); an unusual escape is kept as written, which only hides more. */
  static String decode(String text, Span s) {
    StringBuilder out = new StringBuilder();
    int end = s.end() - 1;
    for (int i = s.start() + 1; i < end; i++) {
      char c = text.charAt(i);
      if (c != '\\' || i + 1 >= end) {
        out.append(c);
        continue;
      }
      char e = text.charAt(++i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'v' -> out.append('\u000B');
        case '0' -> out.append('\0');
        case 'u', 'x' -> {
          int digits = e == 'u' ? 4 : 2;
          if (i + digits < end + 1 && text.substring(i + 1, i + 1 + digits).matches("[0-9A-Fa-f]+")) {
            out.append((char) Integer.parseInt(text.substring(i + 1, i + 1 + digits), 16));
            i += digits;
          } else {
            out.append('\\').append(e);
          }
        }
        case '\r' -> {
          if (i + 1 < end && text.charAt(i + 1) == '\n') {
            i++;
          }
        }
        case '\n', '\u2028', '\u2029' -> { }
        default -> out.append(e);
      }
    }
    return out.toString();
  }
}
