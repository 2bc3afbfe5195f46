package dev.doctor.plugins.configsecrets;

import static dev.doctor.plugins.configsecrets.ConfigSecretsCheck.UNRESOLVED_REF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.CheckResult;
import dev.doctor.api.Command;
import dev.doctor.api.Finding;
import dev.doctor.core.exec.ProcessCommandRunner;
import dev.doctor.testkit.CheckResults;
import dev.doctor.testkit.ScriptedCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exec providers: static command checks always, runs only with --allow-exec. */
class ExecRefTest {

  @TempDir Path tmp;

  private Path resolver(String perms) {
    return Fixture.writeAt(tmp.resolve("bin/resolver"), "#!/bin/sh\ncat >/dev/null\necho '{}'\n", perms);
  }

  private Fixture configWith(String providerExtras, String command) {
    var fx = new Fixture(tmp);
    fx.config("""
        {
          secrets: { providers: { vault: { source: 'exec', command: '%s', args: ['--profile', 'prod'] %s } } },
          channels: {
            discord: { token: { source: 'exec', provider: 'vault', id: 'discord/token' } },
            slack: { botToken: { source: 'exec', provider: 'vault', id: 'slack/bot#token' } },
          },
        }
        """.formatted(command, providerExtras));
    return fx;
  }

  @Test
  void withoutAllowExecASoundCommandIsNotRun() {
    Path cmd = resolver("rwx------");
    Fixture fx = configWith("", cmd.toString());
    var runner = new ScriptedCommandRunner();
    CheckResult result = Fixture.run(fx.context().runner(runner).build());
    assertEquals(List.of(), CheckResults.findings(result), Fixture.describe(result));
    assertEquals(List.of(), runner.calls());
    assertEquals("2: exec providers run only with --allow-exec", result.evidence().get("refs-not-checked.1"));
  }

  @Test
  void staticChecksFollowOpenClawsCommandRules() throws IOException {
    Path cmd = resolver("rwx------");
    assertEquals("is not an absolute path", staticProblem("", "bin/resolver"));
    assertEquals("does not exist", staticProblem("", tmp.resolve("bin/missing").toString()));
    assertEquals("is not a file", staticProblem("", tmp.resolve("bin").toString()));
    Path link = Files.createSymbolicLink(tmp.resolve("bin/link"), cmd);
    assertEquals("is a symlink, which OpenClaw refuses", staticProblem("", link.toString()));
    assertEquals("is outside its trustedDirs", staticProblem(", trustedDirs: ['/usr/local/bin']", cmd.toString()));
    assertEquals(null, staticProblem(", trustedDirs: ['" + tmp.resolve("bin") + "']", cmd.toString()));
    resolver("rwxrwx---");
    assertEquals("is writable by group or others, which OpenClaw refuses", staticProblem("", cmd.toString()));
    resolver("rw-------");
    assertEquals("is not executable", staticProblem("", cmd.toString()));
    resolver("rwx------");
    Files.setOwner(cmd, cmd.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
    assertEquals("is not owned by the user running doctor, which OpenClaw refuses", staticProblem("", cmd.toString()));
  }

  @Test
  void theRetiredSymlinkAllowanceIsNamedButNotHonoured() throws IOException {
    Path cmd = resolver("rwx------");
    Path link = Files.createSymbolicLink(tmp.resolve("bin/link"), cmd);
    Fixture fx = configWith(", allowSymlinkCommand: true", link.toString());
    Finding f = Fixture.at(Fixture.run(fx.context().build()), UNRESOLVED_REF, "channels.discord.token");
    assertTrue(f.evidence().get("note").contains("allowSymlinkCommand is retired"), f.evidence().toString());
  }

  /** The problem text after "the command of exec provider "vault" ", or null when none. */
  private String staticProblem(String extras, String command) {
    Fixture fx = configWith(extras, command);
    CheckResult result = Fixture.run(fx.context().build());
    List<Finding> found = Fixture.findings(result, UNRESOLVED_REF);
    if (found.isEmpty()) {
      assertEquals(List.of(), CheckResults.findings(result), Fixture.describe(result));
      return null;
    }
    assertEquals(2, found.size(), Fixture.describe(result));
    String prefix = "SecretRef at channels.discord.token does not resolve: the command of exec provider \"vault\" ";
    String message = Fixture.at(result, UNRESOLVED_REF, "channels.discord.token").message();
    assertTrue(message.startsWith(prefix), message);
    return message.substring(prefix.length());
  }

  @Test
  void withAllowExecTheProviderRunsOnceWithTheProtocolRequest() {
    Path cmd = resolver("rwx------");
    Fixture fx = configWith(", passEnv: ['VAULT_ADDR'], env: { VAULT_NAMESPACE: 'team' }, timeoutMs: 2500", cmd.toString());
    var runner = new ScriptedCommandRunner()
        .onProgram(cmd.toString())
        .succeeds("{\"protocolVersion\":1,\"values\":{\"discord/token\":\"v1\",\"slack/bot#token\":\"v2\"}}");
    CheckResult result = Fixture.run(fx.context().runner(runner).option("allow-exec", "true").env("VAULT_ADDR", "https://vault").build());
    assertEquals(List.of(), CheckResults.findings(result), Fixture.describe(result));
    assertEquals(1, runner.calls().size());
    Command call = runner.calls().get(0);
    assertEquals(List.of(cmd.toString(), "--profile", "prod"), call.argv());
    assertEquals("{\"protocolVersion\":1,\"provider\":\"vault\",\"ids\":[\"discord/token\",\"slack/bot#token\"]}", call.stdin());
    assertEquals(Duration.ofMillis(2500), call.timeout());
    assertEquals(cmd.getParent(), call.directory());
    assertEquals(Map.of("VAULT_ADDR", "https://vault", "VAULT_NAMESPACE", "team"), call.env());
    assertFalse(call.inheritEnvironment(), "the provider sees only passEnv and env, as under the gateway");
    assertEquals("2", result.evidence().get("refs-resolved"));
  }

  @Test
  void answersThatDoNotDeliverAValue() {
    Path cmd = resolver("rwx------");
    assertEquals("returned no value for this id", execProblem(cmd, r -> r.succeeds("{\"protocolVersion\":1,\"values\":{\"slack/bot#token\":\"v\"}}")));
    assertEquals("reported an error for this id (NOT_FOUND)", execProblem(cmd, r -> r.succeeds(
        "{\"protocolVersion\":1,\"values\":{\"slack/bot#token\":\"v\"},\"errors\":{\"discord/token\":{\"code\":\"NOT_FOUND\",\"message\":\"x\"}}}")));
    assertEquals("reported an error for this id", execProblem(cmd, r -> r.succeeds(
        "{\"protocolVersion\":1,\"values\":{\"slack/bot#token\":\"v\"},\"errors\":{\"discord/token\":{\"code\":\"SOMETHING_ELSE\"}}}")));
    assertEquals("returned a value that is not a non-empty string", execProblem(cmd, r -> r.succeeds(
        "{\"protocolVersion\":1,\"values\":{\"discord/token\":\"\",\"slack/bot#token\":\"v\"}}")));
    assertEquals("exited with status 3", execProblem(cmd, r -> r.exits(3, "", "vault: permission denied")));
    assertEquals("timed out after 5000 ms", execProblem(cmd, ScriptedCommandRunner.Answer::timesOut));
    assertEquals("did not print valid JSON", execProblem(cmd, r -> r.succeeds("not json")));
    assertEquals("printed nothing", execProblem(cmd, r -> r.succeeds("  \n")));
    assertEquals("answered with a protocolVersion other than 1", execProblem(cmd, r -> r.succeeds("{\"protocolVersion\":2,\"values\":{}}")));
  }

  private String execProblem(Path cmd, java.util.function.Function<ScriptedCommandRunner.Answer, ScriptedCommandRunner> answer) {
    Fixture fx = configWith("", cmd.toString());
    ScriptedCommandRunner runner = answer.apply(new ScriptedCommandRunner().onProgram(cmd.toString()));
    CheckResult result = Fixture.run(fx.context().runner(runner).option("allow-exec", "true").build());
    String prefix = "SecretRef at channels.discord.token does not resolve: exec provider \"vault\" ";
    String message = Fixture.at(result, UNRESOLVED_REF, "channels.discord.token").message();
    assertTrue(message.startsWith(prefix), message);
    assertEquals(1, runner.calls().size());
    return message.substring(prefix.length());
  }

  @Test
  void plainOutputCountsWhenJsonOnlyIsOffAndOneIdIsAsked() {
    Path cmd = resolver("rwx------");
    var fx = new Fixture(tmp);
    fx.config("""
        {
          secrets: { providers: { pass: { source: 'exec', command: '%s', jsonOnly: false } } },
          channels: { discord: { token: { source: 'exec', provider: 'pass', id: 'discord' } } },
        }
        """.formatted(cmd));
    var runner = new ScriptedCommandRunner().onProgram(cmd.toString()).succeeds("plain-value\n");
    CheckResult result = Fixture.run(fx.context().runner(runner).option("allow-exec", "true").build());
    assertEquals(List.of(), CheckResults.findings(result), Fixture.describe(result));
  }

  /** A real resolver process reading the request from standard input. */
  @Test
  void realResolverProcess() {
    Path cmd = Fixture.writeAt(tmp.resolve("bin/real-resolver"), """
        #!/bin/sh
        request=$(cat)
        case "$request" in
          *'"discord/token"'*) printf '{"protocolVersion":1,"values":{"discord/token":"from-process"}}' ;;
          *) echo "unexpected request" >&2; exit 4 ;;
        esac
        """, "rwx------");
    var fx = new Fixture(tmp);
    fx.config("""
        {
          secrets: { providers: { vault: { source: 'exec', command: '%s' } } },
          channels: {
            discord: { token: { source: 'exec', provider: 'vault', id: 'discord/token' } },
            slack: { botToken: { source: 'exec', provider: 'vault', id: 'slack/token' } },
          },
        }
        """.formatted(cmd));
    CheckResult result = Fixture.run(fx.context().runner(new ProcessCommandRunner()).option("allow-exec", "true").build());
    // Both ids go in one request; the provider answers only one of them.
    Finding slack = Fixture.at(result, UNRESOLVED_REF, "channels.slack.botToken");
    assertEquals("SecretRef at channels.slack.botToken does not resolve: exec provider \"vault\" returned no value for this id", slack.message());
    assertEquals(1, CheckResults.findings(result).size(), Fixture.describe(result));
  }
}
