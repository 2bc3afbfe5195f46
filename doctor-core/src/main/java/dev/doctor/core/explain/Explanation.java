package dev.doctor.core.explain;

import java.util.Objects;

/**
 * What one finding code means, its usual causes, the fix, and where to read more: the code's
 * {@code ### <code>} section of its plugin's page. Immutable.
 *
 * @param code the finding code; never null
 * @param pluginId the plugin whose page holds it, {@code doctor} for the host's own codes; never null
 * @param markdown the section's body (without its heading), trimmed; never null
 * @param source where the page was read, for "read more" ({@code docs/checks/doctor.md}, or a
 *     plugin jar and the entry in it); never null
 */
public record Explanation(String code, String pluginId, String markdown, String source) {

  public Explanation {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(pluginId, "pluginId");
    Objects.requireNonNull(markdown, "markdown");
    Objects.requireNonNull(source, "source");
  }

  /**
   * The first sentence of the section as plain text, without a leading severity label such as
   * {@code **Error.**} or list marker; a short description for tools that show one line per rule.
   */
  public String summary() {
    String text = Pages.plainText(markdown.split("\\n\\s*\\n", 2)[0]);
    text = text.replaceFirst("^[-*+]\\s+", "").replaceFirst("^(Error|Warning|Info)\\.\\s+", "");
    int end = sentenceEnd(text);
    return end < 0 ? text : text.substring(0, end + 1);
  }

  private static int sentenceEnd(String text) {
    for (int i = 0; i < text.length() - 1; i++) {
      if (text.charAt(i) == '.' && text.charAt(i + 1) == ' ' && (i == 0 || Character.isLowerCase(text.charAt(i - 1))
          || Character.isDigit(text.charAt(i - 1)) || text.charAt(i - 1) == ')' || text.charAt(i - 1) == '`')) {
        return i;
      }
    }
    return text.endsWith(".") ? text.length() - 1 : -1;
  }
}
