package dev.doctor.plugins.configsecrets;

import static dev.doctor.plugins.configsecrets.ConfigSecretsCheck.INVALID_REF;
import static dev.doctor.plugins.configsecrets.ConfigSecretsCheck.PLAINTEXT;
import static dev.doctor.plugins.configsecrets.ConfigSecretsCheck.UNRESOLVED_REF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.CheckResult;
import dev.doctor.api.Finding;
import dev.doctor.testkit.CheckResults;
import dev.doctor.testkit.ScriptedCommandRunner;
import dev.doctor.testkit.TestCheckContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken files, missing files and short deadlines still give every finding that can be had. */
class RobustnessTest {

  @TempDir Path tmp;

  @Test
  void anUnparsableConfigIsScannedAsTextWithLineNumbers() {
    var fx = new Fixture(tmp);
    fx.config("""
        {
          channels: {
            discord: { token: "plain-discord-token-value" }
            slack: { botToken: "xoxb-123456789012-1234567890123-Ab3dEf6hIj9kLm2nOp5qRs8t", }}
          },
          gateway: { auth: { token: { source: "env", provider: "default", id: "GW_TOKEN" } } }
          models: { providers: { acme: { apiKey: sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z } } }
          tools: { x: "unterminated
        """);
    CheckResult result = Fixture.run(fx.unreadableContext().build());
    Finding discord = Fixture.at(result, PLAINTEXT, "channels.discord.token");
    assertEquals(3, discord.line());
    assertEquals("matrix", discord.evidence().get("detector"));
    assertEquals(4, Fixture.at(result, PLAINTEXT, "channels.slack.botToken").line());
    Finding unquoted = Fixture.at(result, PLAINTEXT, "models.providers.acme.apiKey");
    assertEquals(7, unquoted.line());
    assertEquals("openai-key", unquoted.evidence().get("detector"));
    assertEquals(6, Fixture.at(result, UNRESOLVED_REF, "gateway.auth.token").line());
    assertEquals(fx.configFile().toString(), result.evidence().get("scanned-as-text"));
  }

  @Test
  void anUnparsableAuthProfileStoreIsScannedAsText() {
    var fx = new Fixture(tmp);
    Path store = fx.write("agents/main/agent/auth-profiles.json", """
        {
          "profiles": {
            "openai:default": { "type": "api_key", "provider": "openai", "key": "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z" }
            "acme:default": { "type": "api_key" "provider": "acme", "key": "plain-acme-key-value" },
        """, "rw-------");
    CheckResult result = Fixture.run(fx.context().build());
    assertEquals(3, Fixture.at(result, PLAINTEXT, "profiles.openai:default.key").line());
    Finding acme = Fixture.at(result, PLAINTEXT, "profiles.acme:default.key");
    assertEquals(4, acme.line());
    assertEquals(store.toString(), acme.file());
    assertTrue(result.evidence().get("scanned-as-text").startsWith(store + " (does not parse at "), result.evidence().toString());
  }

  @Test
  void oneMalformedRefDoesNotHideAnythingElse() {
    var fx = new Fixture(tmp);
    fx.write(".env", "SLACK_APP_TOKEN=xapp-1-A0123456789-1234567890123-ab3def6hij9klm2nop5qrs8tuv1wxy4z\n", "rw-------");
    fx.config("""
        {
          secrets: { providers: { vault: { source: 'exec', command: 'relative/vault' } } },
          gateway: { auth: { token: { source: 'env', provider: 'default', id: 'not valid' } } },
          channels: {
            discord: { token: 'plain-discord-token-value' },
            telegram: { botToken: { source: 'env', provider: 'default', id: 'TELEGRAM_MISSING' } },
            slack: { botToken: { source: 'exec', provider: 'vault', id: 'slack' } },
          },
          plugins: { entries: { brave: { config: { webSearch: { apiKey: '__OPENCLAW_REDACTED__' } } } } },
        }
        """);
    CheckResult result = Fixture.run(fx.context().build());
    Fixture.at(result, INVALID_REF, "gateway.auth.token");
    Fixture.at(result, PLAINTEXT, "channels.discord.token");
    Fixture.at(result, PLAINTEXT, "$env.SLACK_APP_TOKEN");
    Fixture.at(result, UNRESOLVED_REF, "channels.telegram.botToken");
    Fixture.at(result, UNRESOLVED_REF, "channels.slack.botToken");
    Fixture.at(result, ConfigSecretsCheck.REDACTED_SENTINEL, "plugins.entries.brave.config.webSearch.apiKey");
    assertEquals(6, CheckResults.findings(result).size(), Fixture.describe(result));
  }

  @Test
  void nothingToScanIsASkip() {
    var ctx = TestCheckContext.builder().stateDir(tmp.resolve("absent")).build();
    assertTrue(CheckResults.skipReason(Fixture.run(ctx)).startsWith("no OpenClaw config at "));
  }

  @Test
  void withoutAConfigTheStateDirIsStillScanned() {
    var fx = new Fixture(tmp);
    fx.write(".env", "TELEGRAM_BOT_TOKEN=123456789:AAHb3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zA\n", "rw-------");
    CheckResult result = Fixture.run(fx.context().build());
    assertEquals("missing", result.evidence().get("config-status"));
    assertEquals("telegram-bot-token", Fixture.at(result, PLAINTEXT, "$env.TELEGRAM_BOT_TOKEN").evidence().get("detector"));
  }

  @Test
  void includeCyclesEnd() {
    var fx = new Fixture(tmp);
    fx.write("a.json5", "{ $include: './b.json5', token: 'plain-token-in-a' }", "rw-------");
    fx.write("b.json5", "{ $include: './a.json5' }", "rw-------");
    fx.config("{ channels: { x: { $include: './a.json5' } } }");
    CheckResult result = Fixture.run(fx.context().build());
    Fixture.at(result, PLAINTEXT, "channels.x.token");
  }

  @Test
  void noTimeLeftMeansExecProvidersAreNotRun() {
    Path cmd = Fixture.writeAt(tmp.resolve("bin/resolver"), "#!/bin/sh\n", "rwx------");
    var fx = new Fixture(tmp);
    fx.config("""
        {
          secrets: { providers: { vault: { source: 'exec', command: '%s' } } },
          channels: { discord: { token: { source: 'exec', provider: 'vault', id: 'discord' } } },
        }
        """.formatted(cmd));
    var runner = new ScriptedCommandRunner();
    CheckResult result = Fixture.run(fx.context().runner(runner).option("allow-exec", "true").timeout(Duration.ofMillis(50)).build());
    assertEquals(List.of(), runner.calls());
    assertEquals("1: no time was left to run the exec provider", result.evidence().get("refs-not-checked.1"));
  }
}
