package dev.doctor.plugins.configsecrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.doctor.api.CheckResult;
import dev.doctor.testkit.ScriptedCommandRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config that uses env, file, exec and store refs correctly yields nothing. */
class CleanConfigTest {

  @TempDir Path tmp;

  private Fixture clean() {
    var fx = new Fixture(tmp);
    Path secrets = Fixture.writeAt(tmp.resolve("vault/secrets.json"), "{ \"openai\": { \"apiKey\": \"held-in-file\" } }", "rw-------");
    Path resolver = Fixture.writeAt(tmp.resolve("bin/resolver"), "#!/bin/sh\ncat\n", "rwx------");
    fx.write(".env", "# ports only\nOPENCLAW_GATEWAY_PORT=18789\nLOG_LEVEL=info\n", "rw-------");
    fx.write("agents/main/agent/auth-profiles.json", """
        { "version": 1, "profiles": {
          "openai:default": { "type": "api_key", "provider": "openai", "keyRef": { "source": "env", "provider": "default", "id": "OPENAI_API_KEY" } },
          "acme:bot": { "type": "token", "provider": "acme", "tokenRef": { "source": "file", "provider": "filemain", "id": "/openai/apiKey" } }
        } }
        """, "rw-------");
    fx.write("agents/main/agent/models.json", """
        { "providers": { "openai": { "apiKey": "OPENAI_API_KEY" }, "vault": { "apiKey": "secretref-managed", "headers": { "X-Title": "doctor" } } } }
        """, "rw-------");
    fx.config("""
        {
          // Every credential is a reference.
          secrets: {
            providers: {
              filemain: { source: 'file', path: '%s', mode: 'json' },
              vault: { source: 'exec', command: '%s', args: ['--profile', 'prod'], passEnv: ['PATH'], trustedDirs: ['%s'] },
              team: { source: 'store' },
            },
            defaults: { file: 'filemain', exec: 'vault' },
          },
          gateway: { auth: { mode: 'token', token: '${OPENCLAW_GATEWAY_TOKEN}' } },
          channels: {
            discord: { accounts: { main: { token: { source: 'exec', provider: 'vault', id: 'discord/main#token' } } } },
            telegram: { botToken: '$TELEGRAM_BOT_TOKEN' },
            slack: { botToken: { source: 'store', provider: 'team', id: 'SLACK_BOT_TOKEN' } },
          },
          models: { providers: { openai: { apiKey: { source: 'file', provider: 'filemain', id: '/openai/apiKey' }, headers: { 'X-Title': 'doctor' } } } },
          agents: { defaults: { maxTokens: 8192, workspace: '~/work' }, list: [{ id: 'main' }] },
        }
        """.formatted(secrets, resolver, resolver.getParent()));
    return fx;
  }

  @Test
  void cleanWithoutAllowExec() {
    var runner = new ScriptedCommandRunner();
    CheckResult result = Fixture.run(clean().context().runner(runner)
        .env("OPENCLAW_GATEWAY_TOKEN", "t").env("TELEGRAM_BOT_TOKEN", "t").env("OPENAI_API_KEY", "k").build());
    assertInstanceOf(CheckResult.Passed.class, result, Fixture.describe(result));
    assertEquals(List.of(), runner.calls());
    assertEquals("5", result.evidence().get("refs-resolved"), result.evidence().toString());
  }

  @Test
  void cleanWithAllowExec() {
    Path resolver = tmp.resolve("bin/resolver");
    var runner = new ScriptedCommandRunner()
        .onProgram(resolver.toString())
        .succeeds("{\"protocolVersion\":1,\"values\":{\"discord/main#token\":\"from-vault\"}}");
    CheckResult result = Fixture.run(clean().context().runner(runner).option("allow-exec", "true")
        .env("OPENCLAW_GATEWAY_TOKEN", "t").env("TELEGRAM_BOT_TOKEN", "t").env("OPENAI_API_KEY", "k").env("PATH", "/usr/bin").build());
    assertInstanceOf(CheckResult.Passed.class, result, Fixture.describe(result));
    assertEquals(1, runner.calls().size());
    assertEquals("6", result.evidence().get("refs-resolved"), result.evidence().toString());
  }
}
