package dev.doctor.plugins.configsecrets;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Values that stand in a credential's place without being one: placeholders people type, markers
 * OpenClaw writes into generated files, and the redaction markers of OpenClaw's redacted output.
 */
final class NonSecretValues {

  private NonSecretValues() {}

  /** OpenClaw's own redaction sentinel (src/config/redact-sentinel.ts). */
  static final String OPENCLAW_REDACTED = "__OPENCLAW_REDACTED__";

  /** Every display marker OpenClaw treats as redacted output (isRedactedSecretValue). */
  private static final Set<String> REDACTION_MARKERS =
      Set.of(
          OPENCLAW_REDACTED,
          "REDACTED",
          "xoxb-REDACTED",
          "xapp-REDACTED",
          "***",
          "[redacted]",
          "[REDACTED]",
          "<redacted>",
          "[REDACTED_PRIVATE_KEY]",
          "[REDACTED CREDENTIAL]");

  /** Markers OpenClaw writes into models.json and auth stores in place of a key (model-auth-markers.ts). */
  private static final Set<String> AUTH_MARKERS =
      Set.of(
          "secretref-managed",
          "ollama-local",
          "custom-local",
          "codex-app-server",
          "gcp-vertex-credentials",
          "minimax-oauth",
          "AWS_PROFILE",
          "AWS_ACCESS_KEY_ID",
          "AWS_BEARER_TOKEN_BEDROCK");

  private static final Set<String> PLACEHOLDER_WORDS =
      Set.of(
          "changeme", "change-me", "change_me", "replaceme", "replace-me", "replace_me", "placeholder",
          "todo", "tbd", "fixme", "none", "null", "nil", "undefined", "example", "dummy", "fake",
          "secret", "password", "token", "apikey", "api-key", "api_key", "key", "xxx", "true", "false");

  private static final Pattern FILLER = Pattern.compile("[xX*•.#?_\\-0]+");
  private static final Pattern PLACEHOLDER_SHAPES =
      Pattern.compile(
          "(?i)(?:<[^>]*>|\\{\\{.*}}|(?:your|insert|enter)[-_ ].*|.*[-_ ](?:here|goes[-_ ]here)"
              + "|.*(?:\\.\\.\\.|…).*|.*(?:example|placeholder|changeme|change[-_]me|replace[-_]?me|dummy).*)");
  // Inside a token-shaped match only the unmistakable words count: random tokens never spell them.
  private static final Pattern PLACEHOLDER_IN_TOKEN =
      Pattern.compile("(?i).*(?:example|placeholder|changeme|dummy|your[-_]|[-_]here|xxxxx|00000000).*");
  // An upper-case variable name used as a marker ("OPENAI_API_KEY" in models.json means: read that env var).
  private static final Pattern ENV_NAME_MARKER = Pattern.compile("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+");

  /** True for OpenClaw's redaction sentinel anywhere in the value. */
  static boolean containsOpenClawSentinel(String value) {
    return value.contains(OPENCLAW_REDACTED);
  }

  /** True when the whole (trimmed) value is one of OpenClaw's redaction markers. */
  static boolean isRedactionMarker(String trimmed) {
    return REDACTION_MARKERS.contains(trimmed);
  }

  /** True for placeholders and markers that hold no credential. */
  static boolean isPlaceholderOrMarker(String trimmed) {
    String lower = trimmed.toLowerCase(Locale.ROOT);
    return PLACEHOLDER_WORDS.contains(lower)
        || FILLER.matcher(trimmed).matches()
        || PLACEHOLDER_SHAPES.matcher(trimmed).matches()
        || PLACEHOLDER_IN_TOKEN.matcher(trimmed).matches()
        || isAuthMarker(trimmed);
  }

  /** A token-shaped match that is nonetheless a placeholder ({@code sk-your-key-here-xxxxxxxxxxxx}). */
  static boolean isPlaceholderToken(String matched) {
    return PLACEHOLDER_IN_TOKEN.matcher(matched).matches();
  }

  private static boolean isAuthMarker(String trimmed) {
    return AUTH_MARKERS.contains(trimmed)
        || trimmed.startsWith("oauth:")
        || trimmed.startsWith("secretref-env:")
        || ENV_NAME_MARKER.matcher(trimmed).matches();
  }
}
