package dev.doctor.plugins.configsecrets;

import static dev.doctor.plugins.configsecrets.ConfigSecretsCheck.PLAINTEXT;
import static dev.doctor.plugins.configsecrets.ConfigSecretsCheck.REDACTED_SENTINEL;
import static dev.doctor.plugins.configsecrets.ConfigSecretsCheck.UNRESOLVED_REF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.CheckResult;
import dev.doctor.api.Finding;
import dev.doctor.api.Severity;
import dev.doctor.testkit.CheckResults;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlaintextTest {

  @TempDir Path tmp;

  private CheckResult run(String json5) {
    var fx = new Fixture(tmp);
    fx.config(json5);
    return Fixture.run(fx.context().build());
  }

  @Test
  void knownCredentialFieldInJson5IsAnErrorWithItsExactPlace() {
    CheckResult result = run("""
        // JSON5: comments, unquoted keys, single quotes, trailing commas
        {
          channels: {
            discord: {
              accounts: {
                main: { token: 'not-a-known-format-but-a-token', },
              },
            },
          },
        }
        """);
    Finding f = Fixture.at(result, PLAINTEXT, "channels.discord.accounts.main.token");
    assertEquals(Severity.ERROR, f.severity());
    assertEquals("matrix", f.evidence().get("detector"));
    assertEquals("channels.discord.accounts.*.token", f.evidence().get("matrix-entry"));
    assertEquals("30", f.evidence().get("length"));
    assertEquals(6, f.line());
    assertEquals(24, f.column());
    assertEquals(tmp.resolve("state/openclaw.json").toString(), f.file());
    assertEquals(List.of("openclaw secrets configure"), f.remediation().commands());
    assertEquals(List.of(PLAINTEXT), CheckResults.codes(result));
  }

  @Test
  void tokenOfAChannelWithoutAKnownPluginIsFoundByItsFieldName() {
    CheckResult result = run("{ channels: { notinstalled: { accounts: { ops: { botToken: 'q8w7e6r5t4y3u2i1' } } } } }");
    Finding f = Fixture.at(result, PLAINTEXT, "channels.notinstalled.accounts.ops.botToken");
    assertEquals(Severity.WARNING, f.severity());
    assertEquals("field-name", f.evidence().get("detector"));
  }

  @Test
  void recognisedTokenFormatInAFieldNobodyKnowsIsAnError() {
    CheckResult result = run("{ agents: { defaults: { notes: 'remember sk-ant-api03-k2J9xQ7mP4vL8nR3tY6wZ1aB5cD0eF' } } }");
    Finding f = Fixture.at(result, PLAINTEXT, "agents.defaults.notes");
    assertEquals(Severity.ERROR, f.severity());
    assertEquals("anthropic-key", f.evidence().get("detector"));
    assertEquals("sk-ant-", f.evidence().get("marker"));
    assertTrue(f.message().contains("Anthropic key sk-ant-"), f.message());
  }

  @ParameterizedTest
  @CsvSource({
    "openai-key, sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z, sk-proj-",
    "openai-key, sk-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb3dEf6h, sk-",
    "anthropic-key, sk-ant-api03-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z, sk-ant-",
    "github-token, ghp_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb3d, ghp_",
    "github-token, github_pat_11Ab3dEf6hIj9kLm2nOp5q_Rs8tUv1wXy4zAb3dEf6hIj9kLm2nOp5qRs8, github_pat_",
    "slack-token, xoxb-123456789012-1234567890123-Ab3dEf6hIj9kLm2nOp5qRs8t, xoxb-",
    "slack-token, xapp-1-A0123456789-1234567890123-ab3def6hij9klm2nop5qrs8tuv1wxy4z, xapp-",
    "aws-access-key, AKIAQ3EGK7R2M5N8P4TZ, AKIA",
    "google-api-key, AIzaSyAb3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zA, AIza",
    "telegram-bot-token, 123456789:AAHb3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zA, ",
    "discord-bot-token, MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GaBcDe.Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z, ",
    "huggingface-token, hf_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb, hf_",
    "gitlab-token, glpat-Ab3dEf6hIj9kLm2nOp5q, glpat-",
    "npm-token, npm_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb3d, npm_",
  })
  void everyProviderFormatIsRecognisedAnywhere(String detector, String token, String marker) {
    CheckResult result = run("{ custom: { anything: { description: '" + token + "' } } }");
    Finding f = Fixture.at(result, PLAINTEXT, "custom.anything.description");
    assertEquals(detector, f.evidence().get("detector"));
    assertEquals(marker, f.evidence().get("marker"));
    assertEquals(String.valueOf(token.length()), f.evidence().get("length"));
    assertEquals(Severity.ERROR, f.severity());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "''",
        "'   '",
        "'changeme'",
        "'<your-bot-token>'",
        "'sk-...'",
        "'YOUR_TOKEN_HERE'",
        "'your-api-key'",
        "'xxxxxxxx'",
        "'********'",
        "'secretref-managed'",
        "'OPENAI_API_KEY'",
        "'sk-your-key-here-xxxxxxxxxxxxxxxx'",
      })
  void placeholdersAndEmptyValuesAreNotPlaintext(String value) {
    CheckResult result = run("{ channels: { telegram: { botToken: " + value + " }, other: { apiKey: " + value + " } } }");
    assertEquals(List.of(), Fixture.findings(result, PLAINTEXT), Fixture.describe(result));
  }

  @Test
  void settingsThatMerelyMentionTokensAreNotPlaintext() {
    CheckResult result = run("""
        {
          agents: { defaults: { maxTokens: '4096', contextTokens: 200000, tokenizer: 'cl100k_base' } },
          gateway: { auth: { mode: 'token' } },
          tools: { web: { secretFile: '/run/secrets/web', tokenUrl: 'https://auth.example.org/token', password: '/etc/pw.txt' } },
          ui: { theme: '#1a2b3c', build: '2024.11.3-rc1', id: '3f2504e0-4f89-11d3-9a0c-0305e82c3301' },
          models: { providers: { corp: { request: { tls: { ca: '/etc/ssl/corp-ca.pem', key: '~/.config/corp/client.key' } } } } },
        }
        """);
    assertEquals(List.of(), CheckResults.findings(result), Fixture.describe(result));
  }

  @Test
  void envShorthandsAreRefsNotPlaintext() {
    var fx = new Fixture(tmp);
    fx.config("{ channels: { telegram: { botToken: '${TG_TOKEN}' }, slack: { botToken: '$SLACK_BOT_TOKEN' } } }");
    CheckResult result = Fixture.run(fx.context().env("TG_TOKEN", "set").env("SLACK_BOT_TOKEN", "set").build());
    assertEquals(List.of(), CheckResults.findings(result), Fixture.describe(result));
  }

  @Test
  void redactionSentinelHasItsOwnCode() {
    CheckResult result = run("""
        {
          gateway: { auth: { token: '__OPENCLAW_REDACTED__' } },
          channels: { slack: { botToken: 'xoxb-REDACTED' } },
          notes: { text: 'copied: __OPENCLAW_REDACTED__' },
        }
        """);
    Finding sentinel = Fixture.at(result, REDACTED_SENTINEL, "gateway.auth.token");
    assertEquals(Severity.WARNING, sentinel.severity());
    assertEquals("__OPENCLAW_REDACTED__", sentinel.evidence().get("marker"));
    assertEquals("redaction marker", Fixture.at(result, REDACTED_SENTINEL, "channels.slack.botToken").evidence().get("marker"));
    Fixture.at(result, REDACTED_SENTINEL, "notes.text");
    assertEquals(List.of(), Fixture.findings(result, PLAINTEXT));
  }

  @Test
  void dotEnvEntriesUseTheEnvPathAndTheirLine() {
    var fx = new Fixture(tmp);
    fx.write(".env", """
        # gateway environment
        PORT=8080
        export OPENAI_API_KEY=sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z
        SERVICE_PASSWORD="correct horse battery"
        # retired: ghp_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb3d
        EMPTY_TOKEN=
        REF_TOKEN=${OTHER_TOKEN}
        """, "rw-------");
    CheckResult result = Fixture.run(fx.context().build());
    Finding openai = Fixture.at(result, PLAINTEXT, "$env.OPENAI_API_KEY");
    assertEquals(Severity.ERROR, openai.severity());
    assertEquals(3, openai.line());
    assertEquals(23, openai.column());
    assertEquals(fx.stateDir.resolve(".env").toString(), openai.file());
    Finding password = Fixture.at(result, PLAINTEXT, "$env.SERVICE_PASSWORD");
    assertEquals(Severity.WARNING, password.severity());
    assertEquals("field-name", password.evidence().get("detector"));
    Finding comment = Fixture.at(result, PLAINTEXT, "$env");
    assertEquals("comment", comment.evidence().get("in"));
    assertEquals(5, comment.line());
    assertEquals(12, comment.column());
    assertEquals(3, Fixture.findings(result, PLAINTEXT).size(), Fixture.describe(result));
  }

  @Test
  void authProfileKeysFollowTheMatrixWhenAndSiblingRef() {
    var fx = new Fixture(tmp);
    fx.write("agents/main/agent/auth-profiles.json", """
        {
          "version": 1,
          "profiles": {
            "openai:default": { "type": "api_key", "provider": "openai", "key": "plain-key-without-format" },
            "acme:bot": { "type": "token", "provider": "acme", "token": "another-plain-secret" },
            "acme:odd": { "type": "token", "provider": "acme", "key": "not-a-token-profile-key" },
            "anthropic:oauth": { "type": "oauth", "provider": "anthropic", "access": "sk-ant-oat01-Ab3dEf6hIj9kLm2nOp5qRs8tUv1w", "refresh": "opaque-refresh" }
          }
        }
        """, "rw-------");
    CheckResult result = Fixture.run(fx.context().build());
    Finding key = Fixture.at(result, PLAINTEXT, "profiles.openai:default.key");
    assertEquals(Severity.ERROR, key.severity());
    assertEquals("auth-profiles.api_key.key", key.evidence().get("matrix-entry"));
    assertEquals(4, key.line());
    Finding token = Fixture.at(result, PLAINTEXT, "profiles.acme:bot.token");
    assertEquals("auth-profiles.token.token", token.evidence().get("matrix-entry"));
    Finding oauth = Fixture.at(result, PLAINTEXT, "profiles.anthropic:oauth.access");
    assertEquals("true", oauth.evidence().get("runtime-managed"));
    assertEquals("anthropic-key", oauth.evidence().get("detector"));
    assertEquals(3, Fixture.findings(result, PLAINTEXT).size(), Fixture.describe(result));
  }

  @Test
  void modelsJsonKeysAndSensitiveHeadersButNotMarkersOrPlainHeaders() {
    var fx = new Fixture(tmp);
    fx.write("agents/main/agent/models.json", """
        {
          "providers": {
            "custom": { "apiKey": "plain-key-for-custom", "headers": { "Authorization": "Bearer abcdef0123456789", "X-Title": "My App" } },
            "openai": { "apiKey": "OPENAI_API_KEY" },
            "managed": { "apiKey": "secretref-managed", "headers": { "x-api-key": "secretref-env:MANAGED_KEY" } },
            "stale": { "apiKey": { "source": "env", "provider": "default", "id": "STALE_KEY" } }
          }
        }
        """, "rw-------");
    CheckResult result = Fixture.run(fx.context().build());
    assertEquals("matrix", Fixture.at(result, PLAINTEXT, "providers.custom.apiKey").evidence().get("detector"));
    assertEquals("models.providers.*.headers.*", Fixture.at(result, PLAINTEXT, "providers.custom.headers.Authorization").evidence().get("matrix-entry"));
    assertEquals(2, Fixture.findings(result, PLAINTEXT).size(), Fixture.describe(result));
    Finding stale = Fixture.at(result, UNRESOLVED_REF, "providers.stale.apiKey");
    assertTrue(stale.message().contains("models.json is generated"), stale.message());
  }

  @Test
  void includedFilesAreScannedWhereTheyLand() {
    var fx = new Fixture(tmp);
    Path included = fx.write("channels.json5", "{ discord: { token: 'included-plain-token-1' } }", "rw-------");
    fx.config("{ channels: { $include: './channels.json5' } }");
    CheckResult result = Fixture.run(fx.context().build());
    Finding f = Fixture.at(result, PLAINTEXT, "channels.discord.token");
    assertEquals(included.toString(), f.file());
    assertEquals("matrix", f.evidence().get("detector"));
    assertEquals(1, f.line());
  }

  @Test
  void aTokenUsedAsAKeyIsReportedWithoutShowingTheKey() {
    CheckResult result = run("{ tools: { headers: { 'ghp_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb3d': 'x' } } }");
    Finding f = Fixture.at(result, PLAINTEXT, "tools.headers.<key hidden>");
    assertEquals("object key", f.evidence().get("in"));
    assertEquals("github-token", f.evidence().get("detector"));
  }

  @Test
  void inlineServiceAccountObjectIsOnePlaintextCredential() {
    CheckResult result = run("""
        { channels: { googlechat: { serviceAccount: { type: 'service_account', private_key: 'abc', client_email: 'x@y' } } } }
        """);
    Finding f = Fixture.at(result, PLAINTEXT, "channels.googlechat.serviceAccount");
    assertEquals("inline JSON object (3 fields)", f.evidence().get("in"));
    assertEquals(1, CheckResults.findings(result).size(), Fixture.describe(result));
  }

  @Test
  void runtimeManagedFieldsAreOnlyReportedForRecognisedTokens() {
    CheckResult result = run("{ hooks: { token: 'hook-token-value-1234', gmail: { pushToken: 'xoxp-1234567890-abcdefghij' } } }");
    assertEquals(List.of(), Fixture.findings(result, PLAINTEXT).stream().filter(f -> f.path().equals("hooks.token")).toList());
    Finding f = Fixture.at(result, PLAINTEXT, "hooks.gmail.pushToken");
    assertEquals("true", f.evidence().get("runtime-managed"));
    assertFalse(f.remediation().text().contains("secrets configure"));
  }

  @Test
  void commentedOutTokenIsStillOnDisk() {
    CheckResult result = run("""
        {
          gateway: {
            /* previous token:
               xoxb-123456789012-1234567890123-Ab3dEf6hIj9kLm2nOp5qRs8t */
            port: 18789,
          },
        }
        """);
    Finding f = Fixture.at(result, PLAINTEXT, "gateway");
    assertEquals("comment", f.evidence().get("in"));
    assertEquals(4, f.line());
    assertEquals(8, f.column());
  }

  @Test
  void secretsInExecProviderEnvAreFoundByName() {
    CheckResult result = run("{ secrets: { providers: { vault: { source: 'exec', command: '/nonexistent', env: { VAULT_TOKEN: 'hvs.CAESIJ2x9' } } } } }");
    Finding f = Fixture.at(result, PLAINTEXT, "secrets.providers.vault.env.VAULT_TOKEN");
    assertEquals(Severity.WARNING, f.severity());
    assertNull(f.evidence().get("matrix-entry"));
  }
}
