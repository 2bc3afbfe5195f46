package dev.doctor.plugins.configsecrets;

import static dev.doctor.plugins.configsecrets.ConfigSecretsCheck.UNRESOLVED_REF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.CheckContext;
import dev.doctor.api.CheckResult;
import dev.doctor.api.CommandRunner;
import dev.doctor.api.Finding;
import dev.doctor.api.GatewayConfig;
import dev.doctor.api.Json5Parse;
import dev.doctor.api.Platform;
import dev.doctor.api.Severity;
import dev.doctor.testkit.CheckResults;
import dev.doctor.testkit.TestCheckContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvRefTest {

  @TempDir Path tmp;

  @Test
  void missingAndEmptyVariablesDoNotResolve() {
    var fx = new Fixture(tmp);
    fx.config("""
        {
          channels: {
            discord: { token: { source: 'env', provider: 'default', id: 'DISCORD_TOKEN' } },
            slack: { botToken: '${SLACK_BOT_TOKEN}' },
            telegram: { botToken: '$TELEGRAM_BOT_TOKEN' },
            matrix: { accessToken: { source: 'env', id: 'MATRIX_TOKEN' } },
          },
        }
        """);
    CheckResult result = Fixture.run(fx.context().env("SLACK_BOT_TOKEN", "  ").env("TELEGRAM_BOT_TOKEN", "set").build());
    Finding discord = Fixture.at(result, UNRESOLVED_REF, "channels.discord.token");
    assertEquals(Severity.ERROR, discord.severity());
    assertEquals("SecretRef at channels.discord.token does not resolve: env variable DISCORD_TOKEN is not set", discord.message());
    assertEquals("env:default:DISCORD_TOKEN", discord.evidence().get("ref"));
    assertEquals(3, discord.line());
    assertEquals(23, discord.column());
    assertEquals("SecretRef at channels.slack.botToken does not resolve: env variable SLACK_BOT_TOKEN is set but empty",
        Fixture.at(result, UNRESOLVED_REF, "channels.slack.botToken").message());
    // The provider-less shape OpenClaw still reads uses the default alias.
    assertEquals("env:default:MATRIX_TOKEN", Fixture.at(result, UNRESOLVED_REF, "channels.matrix.accessToken").evidence().get("ref"));
    assertEquals(3, CheckResults.findings(result).size(), Fixture.describe(result));
  }

  @Test
  void variablesFromTheStateDotEnvAndInlineEnvVarsResolve() {
    var fx = new Fixture(tmp);
    fx.write(".env", "DISCORD_TOKEN_NAME_ONLY=\nFROM_DOTENV=present\n", "rw-------");
    fx.config("""
        {
          env: { vars: { FROM_VARS: 'inline' }, FROM_SUGAR: 'inline' },
          channels: {
            discord: { token: '${FROM_DOTENV}' },
            slack: { botToken: '${FROM_VARS}' },
            telegram: { botToken: '${FROM_SUGAR}' },
            matrix: { accessToken: '${DISCORD_TOKEN_NAME_ONLY}' },
          },
        }
        """);
    CheckResult result = Fixture.run(fx.context().build());
    assertTrue(Fixture.at(result, UNRESOLVED_REF, "channels.matrix.accessToken").message().endsWith("is set but empty"));
    assertEquals(1, CheckResults.findings(result).size(), Fixture.describe(result));
  }

  @Test
  void anEnvProviderAllowlistIsEnforced() {
    var fx = new Fixture(tmp);
    fx.config("""
        {
          secrets: { providers: { default: { source: 'env', allowlist: ['ALLOWED'] } } },
          channels: { discord: { token: '${ALLOWED}' }, slack: { botToken: '${NOT_ALLOWED}' } },
        }
        """);
    CheckResult result = Fixture.run(fx.context().env("ALLOWED", "x").env("NOT_ALLOWED", "y").build());
    Finding f = Fixture.at(result, UNRESOLVED_REF, "channels.slack.botToken");
    assertTrue(f.message().contains("not in the allowlist of provider \"default\""), f.message());
    assertEquals(1, CheckResults.findings(result).size(), Fixture.describe(result));
  }

  @Test
  void templatesInsideLongerValuesMustResolveToo() {
    var fx = new Fixture(tmp);
    fx.config("{ models: { providers: { acme: { headers: { Authorization: 'Bearer ${ACME_TOKEN}' } } } } }");
    CheckResult result = Fixture.run(fx.context().build());
    assertEquals("env:default:ACME_TOKEN", Fixture.at(result, UNRESOLVED_REF, "models.providers.acme.headers.Authorization").evidence().get("ref"));
    assertEquals(1, CheckResults.findings(result).size(), Fixture.describe(result));
    assertEquals(List.of(), CheckResults.findings(Fixture.run(fx.context().env("ACME_TOKEN", "t").build())));
  }

  /** A real environment lookup: PATH exists in every test process, a fresh random name does not. */
  @Test
  void realProcessEnvironment() {
    assertNotNull(System.getenv("PATH"));
    String absent = "DOCTOR_ABSENT_" + UUID.randomUUID().toString().replace('-', '_').toUpperCase();
    var fx = new Fixture(tmp);
    fx.config("{ channels: { discord: { token: '${PATH}' }, slack: { botToken: '${" + absent + "}' } } }");
    CheckResult result = Fixture.run(new ProcessEnvContext(fx.context().build()));
    Fixture.at(result, UNRESOLVED_REF, "channels.slack.botToken");
    assertEquals(1, CheckResults.findings(result).size(), Fixture.describe(result));
    assertInstanceOf(CheckResult.Failed.class, result);
  }

  /** Everything from a test context except the environment, which is this process's own. */
  private record ProcessEnvContext(TestCheckContext delegate) implements CheckContext {
    @Override
    public GatewayConfig config() {
      return delegate.config();
    }

    @Override
    public CommandRunner commands() {
      return delegate.commands();
    }

    @Override
    public Platform platform() {
      return delegate.platform();
    }

    @Override
    public Optional<String> env(String name) {
      return Optional.ofNullable(System.getenv(name));
    }

    @Override
    public Optional<String> option(String name) {
      return delegate.option(name);
    }

    @Override
    public Json5Parse parseJson5(String text, Path source) {
      return delegate.parseJson5(text, source);
    }

    @Override
    public Instant deadline() {
      return delegate.deadline();
    }
  }
}
