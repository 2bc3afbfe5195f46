package dev.doctor.plugins.configsecrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenFormatTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://api.openai.com/v1",
        "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        "/home/user/.openclaw/agents/main/agent/models.json",
        "claude-sonnet-4-5-20250929",
        "gpt-4.1-mini-2025-04-14",
        "sk-short",
        "desk-lamp-controller-for-the-living-room",
        "ask-anything-about-the-codebase-please",
        "2024-11-29T18:23:00.000Z",
        "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "https://user@example.org/path",
        "postgres://app:${DB_PASSWORD}@db.internal:5432/app",
        "12345678:short",
      })
  void ordinaryValuesAreNotTokens(String value) {
    assertEquals(List.of(), TokenFormat.findAll(value));
  }

  @Test
  void aLongValueIsScannedInLinearTime() {
    // Scanned quadratically, these took minutes each; linearly, well under a second.
    String word = "x".repeat(200_000);
    String url = "y".repeat(200_000) + "https://user:hunter2@example.org/";
    List<TokenFormat.Match> found = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      assertEquals(List.of(), TokenFormat.findAll(word));
      return TokenFormat.findAll(url);
    });
    assertEquals(1, found.size());
    assertEquals(TokenFormat.URL_PASSWORD, found.get(0).format());
  }

  @Test
  void tokensInsideLongerTextAreFoundWithTheirPosition() {
    String text = "Authorization: Bearer sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z and ghp_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb3d";
    List<TokenFormat.Match> found = TokenFormat.findAll(text);
    assertEquals(2, found.size());
    assertEquals(TokenFormat.OPENAI_KEY, found.get(0).format());
    assertEquals(22, found.get(0).start());
    assertEquals("sk-proj-", found.get(0).marker());
    assertEquals(TokenFormat.GITHUB_TOKEN, found.get(1).format());
  }

  @Test
  void aPasswordInAUrlIsAWarning() {
    var m = TokenFormat.first("https://admin:hunter22@router.local/").orElseThrow();
    assertEquals("url-password", m.format().detector());
    assertEquals(dev.doctor.api.Severity.WARNING, m.format().severity());
  }

  @Test
  void credentialNames() {
    for (String name : List.of("apiKey", "api_key", "token", "botToken", "SECRET", "clientSecret", "signingSecret", "appPassword",
        "accessToken", "privateKey", "OPENAI_API_KEY", "x-api-key", "Authorization", "passphrase", "webhookSecret", "encryptKey")) {
      assertTrue(CredentialNames.isCredentialName(name), name);
    }
    for (String name : List.of("maxTokens", "maxToken", "tokenizer", "tokenRef", "keyRef", "apiKeyEnv", "secrets", "passEnv",
        "tokenUrl", "key", "mode", "AWS_ACCESS_KEY_ID", "secretFile", "tokens")) {
      assertFalse(CredentialNames.isCredentialName(name), name);
    }
  }

  @Test
  void displayability() {
    assertTrue(Redaction.isDisplayable("/providers/openai/apiKey"));
    assertTrue(Redaction.isDisplayable("/nix/store/8z3m1q0l9k2j4h6g5f7d8s9a0p1o2i3u-vault-1.15/bin/vault"));
    assertTrue(Redaction.isDisplayable("OPENAI_API_KEY"));
    assertFalse(Redaction.isDisplayable("AKIAQ3EGK7R2M5N8P4TZ"));
    assertFalse(Redaction.isDisplayable("x9Fk2LmQ7rT4vW8yZ1aB3cD5eG6h"));
    assertFalse(Redaction.isDisplayable("line\nbreak"));
    assertEquals("<hidden, 28 characters>", Redaction.shown("x9Fk2LmQ7rT4vW8yZ1aB3cD5eG6h"));
    assertEquals("'/tmp/with space/x'", Redaction.shellQuote("/tmp/with space/x"));
    assertEquals("'/tmp/it'\\''s'", Redaction.shellQuote("/tmp/it's"));
  }
}
