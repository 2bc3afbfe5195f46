package dev.doctor.plugins.configsecrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.CheckContext;
import dev.doctor.api.CheckResult;
import dev.doctor.api.Finding;
import dev.doctor.testkit.CheckResults;
import dev.doctor.testkit.ScriptedCommandRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary secrets in every kind of place; none of them, nor any six characters of their secret part
 * (what follows the public marker), may appear anywhere in the result.
 */
class CanaryTest {

  @TempDir Path tmp;

  /** A canary: its public marker (may be empty) and the secret part that must never show. */
  private record Canary(String marker, String secret) {
    String value() {
      return marker + secret;
    }
  }

  private static final Canary OPENAI = new Canary("sk-proj-", "CANARYu8jzPde0IgxLd6GncfBAep");
  private static final Canary SLACK = new Canary("xoxb-", "CANARY0Kh8oOOL8-dKLzdocJ2is-AjIh");
  private static final Canary DOTENV = new Canary("", "CANARYKtJ0RlgLKOmxgJTeKdNnFR");
  private static final Canary DOTENV_COMMENT = new Canary("ghp_", "CANARYWJKY40uvSwMFLZDe1f8rESQedUStPK");
  private static final Canary AUTH_KEY = new Canary("", "CANARYIBXuDL7DxtpYlSXpfKtHF4");
  private static final Canary BROKEN_FILE = new Canary("", "CANARYvUCsMehGAkWvj7FAc9Qe");
  private static final Canary BAD_REF_ID = new Canary("", "canary-x7k2q-9m4zt-8v1w3");
  private static final Canary BAD_ALIAS = new Canary("", "CANARY_Q7ZK_X9W2");
  private static final Canary AWS_AS_ID = new Canary("AKIA", "CANARYQ7ZX9W2K4M");
  private static final Canary COMMENT = new Canary("ghp_", "CANARYR0CsTy4Qwb8DwkNhFdnXsiVpzz63Ff");
  private static final Canary KEY_AS_NAME = new Canary("xoxp-", "CANARYkCzJr4i0B3-JrTAwR4y");
  private static final Canary URL_PASSWORD = new Canary("", "CANARY9ojfljoQoaF1Ll");
  private static final Canary EXEC_ENV = new Canary("", "CANARYAIxNKu8iS2G8NP");
  private static final Canary EXEC_ARG = new Canary("", "CANARY53X83RZJzzzzgE");
  private static final Canary EXEC_STDOUT = new Canary("", "CANARYenCkhvMdgaKjIg");
  private static final Canary EXEC_STDERR = new Canary("", "CANARYe3nNyjOq9wMxEh");
  private static final Canary FILE_VALUE = new Canary("", "CANARYEEtfjgVvVqE1Sk");
  private static final Canary SERVICE_ACCOUNT = new Canary("", "CANARY8HxjSI6bWHtP3f");
  private static final Canary MODELS = new Canary("", "CANARYp3Lq8Zm2Wx7Nv4");

  private static final List<Canary> ALL = List.of(
      OPENAI, SLACK, DOTENV, DOTENV_COMMENT, AUTH_KEY, BROKEN_FILE, BAD_REF_ID, BAD_ALIAS, AWS_AS_ID, COMMENT, KEY_AS_NAME,
      URL_PASSWORD, EXEC_ENV, EXEC_ARG, EXEC_STDOUT, EXEC_STDERR, FILE_VALUE, SERVICE_ACCOUNT, MODELS);

  private Fixture plant() {
    var fx = new Fixture(tmp);
    Path secrets = Fixture.writeAt(tmp.resolve("vault/secrets.json"),
        "{ \"present\": \"" + FILE_VALUE.value() + "\", broken", "rw-r--r--");
    Path resolver = Fixture.writeAt(tmp.resolve("bin/resolver"), "#!/bin/sh\ncat\n", "rwx------");
    Path failing = Fixture.writeAt(tmp.resolve("bin/failing"), "#!/bin/sh\nexit 1\n", "rwx------");
    fx.write(".env", "SERVICE_PASSWORD=" + DOTENV.value() + "\n# old " + DOTENV_COMMENT.value() + "\n", "rw-r--r--");
    fx.write("agents/main/agent/auth-profiles.json",
        "{ \"profiles\": { \"openai:default\": { \"type\": \"api_key\", \"provider\": \"openai\", \"key\": \"" + AUTH_KEY.value() + "\" } } }",
        "rw-r--r--");
    fx.write("agents/main/agent/models.json",
        "{ \"providers\": { \"acme\": { \"headers\": { \"Authorization\": \"" + MODELS.value() + "\" } }, broken", "rw-------");
    fx.config("""
        {
          // previous: %s
          secrets: { providers: {
            filemain: { source: 'file', path: '%s' },
            vault: { source: 'exec', command: '%s', args: ['--token', '%s'], env: { VAULT_TOKEN: '%s' } },
            failing: { source: 'exec', command: '%s' },
          } },
          models: { providers: { openai: { apiKey: '%s', headers: { '%s': 'x' } } } },
          channels: {
            slack: { botToken: '%s' },
            discord: { token: { source: 'env', provider: 'default', id: '%s' } },
            telegram: { botToken: { source: 'env', provider: '%s', id: 'TELEGRAM' } },
            matrix: { accessToken: { source: 'env', provider: 'default', id: '%s' } },
            mattermost: { botToken: { source: 'file', provider: 'filemain', id: '/present' } },
            irc: { password: { source: 'exec', provider: 'vault', id: 'irc' } },
            zalo: { botToken: { source: 'exec', provider: 'failing', id: 'zalo' } },
            googlechat: { serviceAccount: { private_key: '%s' } },
          },
          tools: { web: { proxy: 'https://user:%s@proxy.internal:8080' } },
        }
        """.formatted(COMMENT.value(), secrets, resolver, EXEC_ARG.value(), EXEC_ENV.value(), failing, OPENAI.value(),
            KEY_AS_NAME.value(), SLACK.value(), BAD_REF_ID.value(), BAD_ALIAS.value(), AWS_AS_ID.value(), SERVICE_ACCOUNT.value(),
            URL_PASSWORD.value()));
    return fx;
  }

  private static ScriptedCommandRunner leakyResolvers(Path tmp) {
    return new ScriptedCommandRunner()
        .onProgram(tmp.resolve("bin/resolver").toString())
        .succeeds("{\"protocolVersion\":1,\"values\":{\"irc\":\"" + EXEC_STDOUT.value() + "\"}}")
        .onProgram(tmp.resolve("bin/failing").toString())
        .exits(1, "{\"protocolVersion\":1,\"values\":{},\"errors\":{\"zalo\":{\"message\":\"" + EXEC_STDOUT.value() + "\"}}}",
            "fatal: " + EXEC_STDERR.value());
  }

  @Test
  void noCanaryLeaksWithoutAllowExec() {
    CheckResult result = assertClean(plant().context().build(), 14);
    // Every planted place was looked at, not skipped.
    var paths = CheckResults.findings(result).stream().map(f -> f.code() + " " + f.path()).toList();
    for (String expected : List.of(
        "config-secrets.plaintext models.providers.openai.apiKey",
        "config-secrets.plaintext models.providers.openai.headers.<key hidden>",
        "config-secrets.plaintext channels.slack.botToken",
        "config-secrets.plaintext channels.matrix.accessToken.id",
        "config-secrets.plaintext channels.googlechat.serviceAccount",
        "config-secrets.plaintext tools.web.proxy",
        "config-secrets.plaintext secrets.providers.vault.env.VAULT_TOKEN",
        "config-secrets.plaintext null",
        "config-secrets.plaintext $env.SERVICE_PASSWORD",
        "config-secrets.plaintext $env",
        "config-secrets.plaintext profiles.openai:default.key",
        "config-secrets.plaintext providers.acme.headers.Authorization",
        "config-secrets.invalid-ref channels.discord.token",
        "config-secrets.invalid-ref channels.telegram.botToken",
        "config-secrets.unresolved-ref channels.matrix.accessToken",
        "config-secrets.unresolved-ref channels.mattermost.botToken")) {
      assertTrue(paths.contains(expected), expected + " missing from " + paths);
    }
  }

  @Test
  void noCanaryLeaksWithAllowExec() {
    ScriptedCommandRunner runner = leakyResolvers(tmp);
    assertClean(plant().context().runner(runner).option("allow-exec", "true").build(), 14);
    assertEquals(2, runner.calls().size());
  }

  @Test
  void noCanaryLeaksFromAnUnparsableConfig() {
    Fixture fx = plant();
    Fixture.writeAt(fx.configFile(), "{ broken, channels: { slack: { botToken: '" + SLACK.value() + "' }, discord: { token: "
        + BROKEN_FILE.value() + " } \n gateway: {{ '" + OPENAI.value() + "'", "rw-r--r--");
    assertClean(fx.unreadableContext().build(), 5);
  }

  private static CheckResult assertClean(CheckContext ctx, int atLeastFindings) {
    CheckResult result = Fixture.run(ctx);
    List<Finding> findings = CheckResults.findings(result);
    assertTrue(findings.size() >= atLeastFindings, Fixture.describe(result));
    var texts = new ArrayList<String>();
    texts.add(String.valueOf(result));
    texts.add(CheckResults.describe(result));
    result.evidence().forEach((k, v) -> texts.add(k + "=" + v));
    for (Finding f : findings) {
      texts.add(f.message());
      texts.add(String.valueOf(f.path()));
      texts.add(String.valueOf(f.file()));
      for (Map.Entry<String, String> e : f.evidence().entrySet()) {
        texts.add(e.getKey());
        texts.add(e.getValue());
      }
      texts.add(f.remediation().text());
      texts.addAll(f.remediation().commands());
      texts.add(String.valueOf(f));
    }
    String all = String.join("\n", texts);
    for (Canary c : ALL) {
      assertFalse(all.contains(c.value()), "canary " + c.secret() + " leaked");
      for (int i = 0; i + 6 <= c.secret().length(); i++) {
        String piece = c.secret().substring(i, i + 6);
        assertFalse(all.contains(piece), "six characters of canary " + c.secret() + " leaked: " + piece);
      }
    }
    return result;
  }
}
