package dev.doctor.core.explain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a plugin's checks page (markdown): every {@code ### <code>} heading whose text is a
 * finding code starts that code's section, which runs to the next heading of level three or
 * higher. Headings inside fenced code blocks are text, not headings. Stateless.
 */
public final class Pages {

  /** A finding code, as {@code Finding} requires it. */
  static final Pattern CODE =
      Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)?\\.[a-z0-9]+(-[a-z0-9]+)*");

  private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?[ \\t#]*$");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");

  private Pages() {}

  /** The sections of {@code markdown} by code, in page order; a code given twice keeps its first section. */
  public static Map<String, String> sections(String markdown) {
    Map<String, String> sections = new LinkedHashMap<>();
    String code = null;
    StringBuilder body = new StringBuilder();
    String fence = null;
    for (String line : markdown.split("\\R", -1)) {
      if (fence == null) {
        Matcher open = FENCE.matcher(line);
        if (open.find()) {
          fence = open.group(1);
        } else {
          Matcher heading = HEADING.matcher(line);
          if (heading.matches() && heading.group(1).length() <= 3) {
            if (code != null) {
              sections.putIfAbsent(code, body.toString().strip());
            }
            String title = heading.group(2) == null ? "" : heading.group(2).strip().replace("`", "");
            code = heading.group(1).length() == 3 && CODE.matcher(title).matches() ? title : null;
            body.setLength(0);
            continue;
          }
        }
      } else if (closes(line, fence)) {
        fence = null;
      }
      if (code != null) {
        body.append(line).append('\n');
      }
    }
    if (code != null) {
      sections.putIfAbsent(code, body.toString().strip());
    }
    return sections;
  }

  /** A closing fence: the opening fence's character, at least as many times, and nothing else. */
  private static boolean closes(String line, String fence) {
    String t = line.strip();
    return t.startsWith(fence) && t.chars().allMatch(c -> c == fence.charAt(0));
  }

  /** Markdown inline text as plain text: emphasis, code marks and link targets dropped, lines joined. */
  static String plainText(String markdown) {
    return markdown
        .replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1")
        .replace("**", "")
        .replace("`", "")
        .replaceAll("\\s*\\R\\s*", " ")
        .strip();
  }
}
