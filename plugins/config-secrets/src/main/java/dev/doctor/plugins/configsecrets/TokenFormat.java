package dev.doctor.plugins.configsecrets;

import dev.doctor.api.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credential formats recognisable from the value alone, wherever it stands. Each knows its public
 * marker (the vendor prefix such as {@code sk-proj-}), the only part of a match that may be shown.
 */
enum TokenFormat {
  PRIVATE_KEY_BLOCK("private-key-block", "PEM private key", "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----", Severity.ERROR),
  // Before OPENAI_KEY: sk-ant- would otherwise pass for an OpenAI key.
  ANTHROPIC_KEY("anthropic-key", "Anthropic key", b("sk-ant-[A-Za-z0-9_-]{20,}"), Severity.ERROR),
  OPENAI_KEY("openai-key", "OpenAI-style key", b("sk-[A-Za-z0-9_-]{20,}"), Severity.ERROR),
  GITHUB_TOKEN("github-token", "GitHub token", b("(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})"), Severity.ERROR),
  GITLAB_TOKEN("gitlab-token", "GitLab token", b("glpat-[A-Za-z0-9_-]{20,}"), Severity.ERROR),
  SLACK_TOKEN("slack-token", "Slack token", b("(?:xox[abposr]|xapp)-[A-Za-z0-9-]{10,}"), Severity.ERROR),
  AWS_ACCESS_KEY("aws-access-key", "AWS access key id", b("(?:AKIA|ASIA)[0-9A-Z]{16}"), Severity.ERROR),
  GOOGLE_API_KEY("google-api-key", "Google API key", b("AIza[0-9A-Za-z_-]{35}"), Severity.ERROR),
  HUGGINGFACE_TOKEN("huggingface-token", "Hugging Face token", b("hf_[A-Za-z0-9]{30,}"), Severity.ERROR),
  NPM_TOKEN("npm-token", "npm token", b("npm_[A-Za-z0-9]{36}"), Severity.ERROR),
  TELEGRAM_BOT_TOKEN("telegram-bot-token", "Telegram bot token", b("[0-9]{6,12}:[A-Za-z0-9_-]{35}"), Severity.ERROR),
  DISCORD_BOT_TOKEN(
      "discord-bot-token", "Discord bot token", b("[A-Za-z0-9_-]{23,28}\\.[A-Za-z0-9_-]{6,7}\\.[A-Za-z0-9_-]{27,40}"), Severity.ERROR),
  // A password in a URL's user info; an env template in its place is not one. The scheme is bounded:
  // unbounded, every letter of a long word would start a scan to its end (quadratic; a 100 KB
  // value took minutes, found by CliFuzzTest).
  URL_PASSWORD("url-password", "password in a URL", "[A-Za-z][A-Za-z0-9+.-]{0,63}://[^\\s/:@]+:(?!\\$)[^\\s/@]+@", Severity.WARNING);

  private static final List<String> SK_MARKERS = List.of("sk-ant-", "sk-proj-", "sk-svcacct-", "sk-admin-", "sk-");

  private final String detector;
  private final String label;
  private final Pattern pattern;
  private final Severity severity;

  TokenFormat(String detector, String label, String regex, Severity severity) {
    this.detector = detector;
    this.label = label;
    this.pattern = Pattern.compile(regex);
    this.severity = severity;
  }

  /** Wraps a token pattern so it only matches a whole token, not the middle of a longer word. */
  private static String b(String regex) {
    return "(?<![A-Za-z0-9_-])" + regex + "(?![A-Za-z0-9_-])";
  }

  /** The detector name shown in evidence ({@code openai-key}). */
  String detector() {
    return detector;
  }

  String label() {
    return label;
  }

  Severity severity() {
    return severity;
  }

  /** The public vendor prefix of a match, or null when the format has none worth showing. */
  String markerOf(String matched) {
    return switch (this) {
      case ANTHROPIC_KEY, OPENAI_KEY -> SK_MARKERS.stream().filter(matched::startsWith).findFirst().orElse(null);
      case GITHUB_TOKEN -> matched.startsWith("github_pat_") ? "github_pat_" : matched.substring(0, 4);
      case SLACK_TOKEN -> matched.substring(0, matched.indexOf('-') + 1);
      case GITLAB_TOKEN -> "glpat-";
      case AWS_ACCESS_KEY, GOOGLE_API_KEY -> matched.substring(0, 4);
      case HUGGINGFACE_TOKEN -> "hf_";
      case NPM_TOKEN -> "npm_";
      default -> null;
    };
  }

  /** One recognised credential inside a text. The matched text itself is never kept. */
  record Match(TokenFormat format, String marker, int start, int length) {}

  /** The first credential found in {@code text}, if any. */
  static Optional<Match> first(String text) {
    List<Match> all = findAll(text);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /** Every credential found in {@code text}, without overlaps, in order. */
  static List<Match> findAll(String text) {
    var found = new ArrayList<Match>();
    if (text == null || text.length() < 8) {
      return found;
    }
    for (TokenFormat format : values()) {
      Matcher m = format.pattern.matcher(text);
      while (m.find()) {
        String matched = m.group();
        if (NonSecretValues.isPlaceholderToken(matched) || overlaps(found, m.start(), m.end())) {
          continue;
        }
        found.add(new Match(format, format.markerOf(matched), m.start(), matched.length()));
      }
    }
    found.sort((a, b) -> Integer.compare(a.start(), b.start()));
    return found;
  }

  private static boolean overlaps(List<Match> found, int start, int end) {
    for (Match m : found) {
      if (start < m.start() + m.length() && m.start() < end) {
        return true;
      }
    }
    return false;
  }
}
