package dev.doctor.plugins.configsecrets;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Field, header and variable names that say their value is a credential. */
final class CredentialNames {

  private CredentialNames() {}

  private static final Set<String> EXACT =
      Set.of("pat", "pass", "authorization", "proxyauthorization", "bearer", "credential", "credentials", "cookie");

  // Matched against the end of the name with separators removed: botToken, OPENAI_API_KEY, x-api-key.
  private static final List<String> SUFFIXES =
      List.of(
          "token", "secret", "password", "passwd", "passphrase", "apikey", "privatekey", "secretkey",
          "secretaccesskey", "authkey", "encryptkey", "encryptionkey", "signingkey", "masterkey", "accesskey",
          "clientsecret", "credential", "credentials");

  // Limits and counters that merely end in a credential word (maxToken) are settings, not secrets.
  private static final List<String> NOT_PREFIXES = List.of("max", "min", "num", "count");

  // model-provider-header-policy.ts: headers OpenClaw itself treats as credential-bearing.
  private static final Set<String> SENSITIVE_HEADERS =
      Set.of(
          "authorization", "proxy-authorization", "x-api-key", "api-key", "apikey", "x-auth-token", "auth-token",
          "x-access-token", "access-token", "x-secret-key", "secret-key");
  private static final List<String> SENSITIVE_HEADER_FRAGMENTS =
      List.of("api-key", "apikey", "token", "secret", "password", "credential");

  /** Lower case with {@code _ - . space} removed. */
  static String normalize(String name) {
    var sb = new StringBuilder(name.length());
    for (char c : name.toCharArray()) {
      if (c != '_' && c != '-' && c != '.' && c != ' ') {
        sb.append(Character.toLowerCase(c));
      }
    }
    return sb.toString();
  }

  /** Whether a field or variable name says "credential" ({@code apiKey}, {@code TELEGRAM_BOT_TOKEN}). */
  static boolean isCredentialName(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    String n = normalize(name);
    if (EXACT.contains(n)) {
      return true;
    }
    for (String prefix : NOT_PREFIXES) {
      if (n.startsWith(prefix) && n.length() > prefix.length()) {
        return false;
      }
    }
    for (String suffix : SUFFIXES) {
      if (n.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a request header (or map key standing for one) carries credentials. */
  static boolean isSensitiveHeaderName(String name) {
    String lower = name.toLowerCase(Locale.ROOT).trim();
    if (lower.isEmpty()) {
      return false;
    }
    if (SENSITIVE_HEADERS.contains(lower)) {
      return true;
    }
    for (String fragment : SENSITIVE_HEADER_FRAGMENTS) {
      if (lower.contains(fragment)) {
        return true;
      }
    }
    return false;
  }
}
