package dev.doctor.core.report;

/**
 * Writing plain text into CommonMark (GitHub flavoured) so that it reads as the same text: no
 * emphasis, link, HTML or table cell boundary can come from a finding's message. Stateless.
 */
final class Markdown {

  private Markdown() {}

  /** {@code text} as inline markdown: one line, with every character that would mean something escaped. */
  static String text(String text) {
    StringBuilder b = new StringBuilder(text.length() + 16);
    String line = oneLine(text);
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      switch (c) {
        case '\\', '`', '*', '[', ']', '|', '~', '<' -> b.append('\\').append(c);
        // An entity reference (&amp;) would be decoded; a lone & is text already.
        case '&' -> b.append(i + 1 < line.length() && (Character.isLetter(line.charAt(i + 1)) || line.charAt(i + 1) == '#') ? "\\&" : "&");
        // Underscores inside a word never make emphasis in GFM; leave snake_case readable.
        case '_' -> b.append(inWord(line, i) ? "_" : "\\_");
        case '#', '-', '+', '=', '>' -> b.append(i == 0 ? "\\" + c : String.valueOf(c));
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** {@code text} as an inline code span, fenced with more backticks than it contains in a row. */
  static String code(String text) {
    String line = oneLine(text);
    String fence = "`".repeat(longestRun(line, '`') + 1);
    boolean pad = line.startsWith("`") || line.endsWith("`") || (line.startsWith(" ") && line.endsWith(" ") && !line.isBlank());
    String body = pad ? " " + line + " " : line;
    return fence + body + fence;
  }

  /** A code span fit for a GFM table cell, where {@code |} must be escaped even inside code. */
  static String cellCode(String text) {
    return code(text).replace("|", "\\|");
  }

  /** A fenced code block of {@code text} in language {@code lang} (may be empty), ending in a newline. */
  static String block(String lang, String text) {
    String body = text.endsWith("\n") ? text : text + "\n";
    String fence = "`".repeat(Math.max(3, longestRun(text, '`') + 1));
    return fence + lang + "\n" + body + fence + "\n";
  }

  private static boolean inWord(String s, int i) {
    return i > 0 && i < s.length() - 1 && Character.isLetterOrDigit(s.charAt(i - 1)) && Character.isLetterOrDigit(s.charAt(i + 1));
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ").replace('\t', ' ');
  }

  private static int longestRun(String text, char c) {
    int best = 0;
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      run = text.charAt(i) == c ? run + 1 : 0;
      best = Math.max(best, run);
    }
    return best;
  }
}
