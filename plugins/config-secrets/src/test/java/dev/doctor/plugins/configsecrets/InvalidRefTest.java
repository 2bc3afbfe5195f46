package dev.doctor.plugins.configsecrets;

import static dev.doctor.plugins.configsecrets.ConfigSecretsCheck.INVALID_REF;
import static dev.doctor.plugins.configsecrets.ConfigSecretsCheck.PLAINTEXT;
import static dev.doctor.plugins.configsecrets.ConfigSecretsCheck.UNRESOLVED_REF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.CheckResult;
import dev.doctor.api.Finding;
import dev.doctor.api.Severity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvalidRefTest {

  @TempDir Path tmp;

  @Test
  void everyMalformedRefIsReportedAndTheRestOfTheConfigIsStillChecked() {
    var fx = new Fixture(tmp);
    fx.config("""
        {
          secrets: { providers: { filemain: { source: 'file', path: '/nonexistent/secrets.json' }, vault: { source: 'exec', command: '/nonexistent/vault' } } },
          channels: {
            discord: { token: { source: 'env', provider: 'Default', id: 'DISCORD_TOKEN' } },
            slack: { botToken: { source: 'env', provider: 'default', id: 'slack_bot_token' } },
            telegram: { botToken: { source: 'file', provider: 'filemain', id: 'relative/pointer' } },
            mattermost: { botToken: { source: 'exec', provider: 'vault', id: 'team/../prod/token' } },
            matrix: { accessToken: { source: 'env', provider: 'default', id: 'MATRIX_TOKEN', note: 'x' } },
            irc: { password: { source: 'keychain', provider: 'default', id: 'IRC' } },
            zalo: { botToken: { source: 'env', provider: 'default' } },
            feishu: { appSecret: '${feishu_secret}' },
            sms: { authToken: 'secretref-env:SMS_TOKEN' },
          },
          gateway: { auth: { token: 'plain-gateway-token-value' } },
          talk: { providers: { eleven: { apiKey: '${ELEVEN_API_KEY}' } } },
        }
        """);
    CheckResult result = Fixture.run(fx.context().build());

    assertTrue(msg(result, "channels.discord.token").contains("the provider alias does not match ^[a-z][a-z0-9_-]{0,63}$"));
    assertTrue(msg(result, "channels.slack.botToken").contains("env ids must match ^[A-Z][A-Z0-9_]{0,127}$"));
    assertTrue(msg(result, "channels.telegram.botToken").contains("absolute JSON pointer"));
    assertTrue(msg(result, "channels.mattermost.botToken").contains("must not contain . or .. path segments"));
    assertTrue(msg(result, "channels.matrix.accessToken").contains("exactly the fields source, provider and id"));
    assertTrue(msg(result, "channels.irc.password").contains("not env, file, exec or store"));
    assertTrue(msg(result, "channels.zalo.botToken").contains("id is missing"));
    assertTrue(msg(result, "channels.feishu.appSecret").contains("upper-case variable name"));
    assertTrue(msg(result, "channels.sms.authToken").contains("retired env marker"));
    assertEquals(9, Fixture.findings(result, INVALID_REF).size(), Fixture.describe(result));
    for (Finding f : Fixture.findings(result, INVALID_REF)) {
      assertEquals(Severity.ERROR, f.severity());
      assertTrue(f.line() > 0, f.toString());
    }
    // Neither the broken refs nor a bad alias stop the other checks.
    Fixture.at(result, PLAINTEXT, "gateway.auth.token");
    Fixture.at(result, UNRESOLVED_REF, "talk.providers.eleven.apiKey");
  }

  @Test
  void theOffendingIdIsDescribedNotShown() {
    var fx = new Fixture(tmp);
    fx.config("{ channels: { slack: { botToken: { source: 'env', provider: 'default', id: 'xoxb-123456789012-1234567890123-Ab3dEf6hIj9kLm2nOp5qRs8t' } } } }");
    CheckResult result = Fixture.run(fx.context().build());
    Finding invalid = Fixture.at(result, INVALID_REF, "channels.slack.botToken");
    assertEquals("id is hidden (56 characters, has lower-case letters, has upper-case letters, has punctuation, matches the Slack token format)",
        invalid.evidence().get("detail"));
    // The pasted token is plaintext in the file, whatever the ref around it.
    Finding plaintext = Fixture.at(result, PLAINTEXT, "channels.slack.botToken.id");
    assertEquals("SecretRef field", plaintext.evidence().get("in"));
  }

  @Test
  void providerAliasWithoutAMatchingEntryIsInvalid() {
    var fx = new Fixture(tmp);
    fx.config("""
        {
          secrets: { providers: { envmain: { source: 'env' }, filemain: { source: 'file', path: '/x.json' } } },
          channels: {
            discord: { token: { source: 'file', provider: 'vault', id: '/discord' } },
            slack: { botToken: { source: 'exec', provider: 'filemain', id: 'slack' } },
            telegram: { botToken: { source: 'env', provider: 'envmain', id: 'TG' } },
          },
        }
        """);
    CheckResult result = Fixture.run(fx.context().env("TG", "set").build());
    assertEquals("Malformed SecretRef at channels.discord.token: provider alias \"vault\" has no secrets.providers entry",
        Fixture.at(result, INVALID_REF, "channels.discord.token").message());
    assertEquals(List.of("Declare secrets.providers.vault with source \"file\", or name a provider that exists."),
        List.of(Fixture.at(result, INVALID_REF, "channels.discord.token").remediation().text()));
    assertTrue(msg(result, "channels.slack.botToken").contains("declared with source \"file\" but the ref asks for exec"));
    assertEquals(2, Fixture.findings(result, INVALID_REF).size(), Fixture.describe(result));
  }

  @Test
  void overridingTheEnvDefaultMakesExplicitDefaultRefsInvalid() {
    var fx = new Fixture(tmp);
    fx.config("""
        {
          secrets: { defaults: { env: 'myenv' } },
          channels: {
            discord: { token: { source: 'env', provider: 'default', id: 'DISCORD_TOKEN' } },
            slack: { botToken: { source: 'env', provider: 'myenv', id: 'SLACK_TOKEN' } },
            telegram: { botToken: '${TG_TOKEN}' },
          },
        }
        """);
    CheckResult result = Fixture.run(fx.context().env("DISCORD_TOKEN", "a").env("SLACK_TOKEN", "b").env("TG_TOKEN", "c").build());
    Fixture.at(result, INVALID_REF, "channels.discord.token");
    assertEquals(1, Fixture.findings(result, INVALID_REF).size(), Fixture.describe(result));
    assertEquals(List.of(), Fixture.findings(result, UNRESOLVED_REF));
  }

  @Test
  void fileProviderModeDecidesWhichIdsAreValid() {
    var fx = new Fixture(tmp);
    fx.config("""
        {
          secrets: { providers: { single: { source: 'file', path: '/x', mode: 'singleValue' }, json: { source: 'file', path: '/y' } } },
          channels: {
            discord: { token: { source: 'file', provider: 'single', id: '/discord' } },
            slack: { botToken: { source: 'file', provider: 'json', id: 'value' } },
          },
        }
        """);
    CheckResult result = Fixture.run(fx.context().build());
    assertTrue(msg(result, "channels.discord.token").contains("singleValue file provider, which only takes the id \"value\""));
    assertTrue(msg(result, "channels.slack.botToken").contains("json file provider, which takes a JSON pointer id"));
  }

  private static String msg(CheckResult result, String path) {
    return Fixture.at(result, INVALID_REF, path).message();
  }
}
