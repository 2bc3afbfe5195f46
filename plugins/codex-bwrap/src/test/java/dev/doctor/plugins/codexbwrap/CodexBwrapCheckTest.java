package dev.doctor.plugins.codexbwrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.CheckResult;
import dev.doctor.api.ConfigNode;
import dev.doctor.api.Finding;
import dev.doctor.api.GatewayConfig;
import dev.doctor.api.Platform;
import dev.doctor.api.Severity;
import dev.doctor.testkit.CheckResults;
import dev.doctor.testkit.ScriptedCommandRunner;
import dev.doctor.testkit.TestCheckContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodexBwrapCheckTest {

  private static final String[] USER_PROBE = {"unshare", "--user", "--map-root-user", "true"};
  private static final String[] NET_PROBE = {"unshare", "--user", "--map-root-user", "--net", "true"};
  private static final String USER_LINE = String.join(" ", USER_PROBE);
  private static final String NET_LINE = String.join(" ", NET_PROBE);

  private static final String SANDBOX_ALL = "{ agents: { defaults: { sandbox: { mode: 'all' } } } }";

  private final CodexBwrapCheck check = new CodexBwrapCheck();

  private static String sandbox(String mode, String network) {
    return "{ agents: { defaults: { sandbox: { mode: " + mode + ", docker: { network: " + network + " } } } } }";
  }

  private CheckResult run(String config, ScriptedCommandRunner runner) {
    return check.run(TestCheckContext.builder().config(config).runner(runner).build());
  }

  @Nested
  class SeedScenarios {

    @Test
    void userProbeDeniedGivesOneUserFindingAndNoNetworkProbe() {
      var runner =
          new ScriptedCommandRunner()
              .on(USER_PROBE)
              .exits(1, "", "unshare: write failed /proc/self/uid_map: Operation not permitted\nmore\n");

      CheckResult result = run(SANDBOX_ALL, runner);

      assertEquals(List.of(NamespaceFindings.USER_DENIED), CheckResults.codes(result));
      assertEquals(List.of(USER_LINE), runner.commandLines());
      Finding finding = CheckResults.single(result, "codex-bwrap.user-namespace-denied");
      assertEquals(Severity.ERROR, finding.severity());
      assertEquals("agents.defaults.sandbox.mode", finding.path());
      assertEquals(
          "The user namespace probe failed (exit 1): sandboxed Codex shell commands fail before they"
              + " start with \"bwrap: setting up uid map: Permission denied\"",
          finding.message());
      assertEquals(
          Map.of(
              "probe.command", USER_LINE,
              "probe.result", "exit 1",
              "probe.stderr", "unshare: write failed /proc/self/uid_map: Operation not permitted",
              "sandbox.docker.network", "unset (egress off)"),
          finding.evidence());
      assertEquals("user", result.evidence().get("probes"));
      assertEquals("not run: an earlier probe failed", result.evidence().get("probe.network.result"));
    }

    @ParameterizedTest(name = "network {0}")
    @ValueSource(strings = {"<unset>", "'none'", "' NONE '", "''", "null"})
    void networkProbeDeniedWhileEgressOffGivesNetworkFinding(String network) {
      String config = network.equals("<unset>") ? SANDBOX_ALL : sandbox("'all'", network);
      var runner =
          new ScriptedCommandRunner()
              .on(USER_PROBE)
              .succeeds()
              .on(NET_PROBE)
              .exits(1, "", "unshare: unshare failed: Operation not permitted");

      CheckResult result = run(config, runner);

      assertEquals(List.of(NamespaceFindings.NETWORK_DENIED), CheckResults.codes(result));
      assertEquals(List.of(USER_LINE, NET_LINE), runner.commandLines());
      Finding finding = CheckResults.single(result, "codex-bwrap.network-namespace-denied");
      assertEquals(Severity.ERROR, finding.severity());
      assertEquals("agents.defaults.sandbox.mode", finding.path());
      assertTrue(
          finding.message().contains("network namespace probe failed (exit 1)")
              && finding.message().contains("bwrap: loopback: Failed RTM_NEWADDR: Operation not permitted"),
          finding.message());
      assertEquals(NET_LINE, finding.evidence().get("probe.command"));
      assertEquals("exit 1", finding.evidence().get("probe.result"));
      assertEquals("unshare: unshare failed: Operation not permitted", finding.evidence().get("probe.stderr"));
      assertTrue(finding.evidence().get("sandbox.docker.network").endsWith("(egress off)"));
      assertEquals("user, network", result.evidence().get("probes"));
      assertEquals("exit 0", result.evidence().get("probe.user.result"));
    }

    @ParameterizedTest(name = "network {0}")
    @ValueSource(strings = {"'bridge'", "' Bridge '", "'openclaw-egress'"})
    void egressOnRunsNoNetworkProbeAndPasses(String network) {
      var runner = new ScriptedCommandRunner().on(USER_PROBE).succeeds();

      CheckResult result = run(sandbox("'all'", network), runner);

      assertInstanceOf(CheckResult.Passed.class, result, CheckResults.describe(result));
      assertEquals(List.of(USER_LINE), runner.commandLines());
      assertFalse(runner.calls().stream().anyMatch(c -> c.argv().contains("--net")));
      assertTrue(result.evidence().get("sandbox.docker.network").endsWith("(egress on)"));
      assertTrue(result.evidence().get("probe.network.result").startsWith("not run: Docker sandbox egress is on"));
    }
  }

  @Nested
  class WhenItApplies {

    @Test
    void skippedWhenNotLinux() {
      var runner = new ScriptedCommandRunner();
      var ctx =
          TestCheckContext.builder()
              .config(SANDBOX_ALL)
              .platform(new Platform(Platform.Os.MACOS, "aarch64", "14.5"))
              .runner(runner)
              .build();

      CheckResult result = check.run(ctx);

      assertEquals("not Linux: Codex uses bwrap only on Linux", CheckResults.skipReason(result));
      assertEquals(Map.of("platform", "macos"), result.evidence());
      assertEquals(List.of(), runner.calls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"'off'", "' OFF '", "'Off'"})
    void skippedWhenModeIsOff(String mode) {
      var runner = new ScriptedCommandRunner();

      CheckResult result = run(sandbox(mode, "'none'"), runner);

      assertEquals("agents.defaults.sandbox.mode is off", CheckResults.skipReason(result));
      assertEquals(List.of(), runner.calls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{ agents: { defaults: { sandbox: { docker: { network: 'none' } } } } }",
        "{ agents: { defaults: { sandbox: { mode: null } } } }"})
    void skippedWhenModeIsUnset(String config) {
      var runner = new ScriptedCommandRunner();

      CheckResult result = run(config, runner);

      assertEquals("agents.defaults.sandbox.mode is unset, so the sandbox is off", CheckResults.skipReason(result));
      assertEquals("unset", result.evidence().get("sandbox.mode"));
      assertEquals(List.of(), runner.calls());
    }

    @Test
    void skippedWhenThereIsNoConfigFile() {
      var runner = new ScriptedCommandRunner();

      CheckResult result = check.run(TestCheckContext.builder().runner(runner).build());

      assertEquals("agents.defaults.sandbox.mode is unset, so the sandbox is off", CheckResults.skipReason(result));
      assertEquals(List.of(), runner.calls());
    }

    @Test
    void skippedWhenModeIsBlankOrNotAString() {
      assertEquals(
          "agents.defaults.sandbox.mode is empty, so the sandbox is off",
          CheckResults.skipReason(run(sandbox("'  '", "'none'"), new ScriptedCommandRunner())));
      assertEquals(
          "agents.defaults.sandbox.mode is not a mode name",
          CheckResults.skipReason(run(sandbox("true", "'none'"), new ScriptedCommandRunner())));
    }

    @Test
    void skippedWhenConfigIsUnusable() {
      var runner = new ScriptedCommandRunner();
      Path file = Path.of("/nonexistent/.openclaw/openclaw.json");
      var unreadable =
          new GatewayConfig(file, file.getParent(), GatewayConfig.Status.UNREADABLE, ConfigNode.emptyRoot(file));

      CheckResult result = check.run(TestCheckContext.builder().config(unreadable).runner(runner).build());

      assertEquals(
          "the gateway config could not be read, so the sandbox mode is unknown", CheckResults.skipReason(result));
      assertEquals(List.of(), runner.calls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"'all'", "'non-main'", "' ALL '"})
    void appliesForEveryModeButOff(String mode) {
      var runner = new ScriptedCommandRunner().onProgram("unshare").succeeds();

      CheckResult result = run(sandbox(mode, "'none'"), runner);

      assertInstanceOf(CheckResult.Passed.class, result, CheckResults.describe(result));
      assertEquals(List.of(USER_LINE, NET_LINE), runner.commandLines());
    }
  }

  @Nested
  class ProbeOutcomes {

    @Test
    void everyProbeHasAFiveSecondTimeout() {
      var runner = new ScriptedCommandRunner().onProgram("unshare").succeeds();

      run(SANDBOX_ALL, runner);

      assertEquals(2, runner.calls().size());
      runner.calls().forEach(c -> assertEquals(Duration.ofSeconds(5), c.timeout(), c.display()));
    }

    @Test
    void userProbeTimeoutIsAUserFinding() {
      var runner = new ScriptedCommandRunner().on(USER_PROBE).timesOut();

      CheckResult result = run(SANDBOX_ALL, runner);

      Finding finding = CheckResults.single(result, NamespaceFindings.USER_DENIED);
      assertEquals(List.of(NamespaceFindings.USER_DENIED), CheckResults.codes(result));
      assertEquals(Severity.ERROR, finding.severity());
      assertEquals("timed out after 5.0s", finding.evidence().get("probe.result"));
      assertTrue(finding.message().contains("(timed out after 5.0s)"), finding.message());
      assertFalse(finding.evidence().containsKey("probe.stderr"));
      assertEquals(List.of(USER_LINE), runner.commandLines());
    }

    @Test
    void networkProbeTimeoutIsANetworkFinding() {
      var runner = new ScriptedCommandRunner().on(USER_PROBE).succeeds().on(NET_PROBE).timesOut();

      CheckResult result = run(SANDBOX_ALL, runner);

      Finding finding = CheckResults.single(result, NamespaceFindings.NETWORK_DENIED);
      assertEquals(List.of(NamespaceFindings.NETWORK_DENIED), CheckResults.codes(result));
      assertEquals("timed out after 5.0s", finding.evidence().get("probe.result"));
    }

    @Test
    void missingUnshareIsItsOwnWarningAndNothingElseRuns() {
      var runner = new ScriptedCommandRunner().onProgram("unshare").notFound();

      CheckResult result = run(SANDBOX_ALL, runner);

      assertEquals(List.of(NamespaceFindings.UNSHARE_MISSING), CheckResults.codes(result));
      Finding finding = CheckResults.single(result, "codex-bwrap.unshare-missing");
      assertEquals(Severity.WARNING, finding.severity());
      assertEquals("agents.defaults.sandbox.mode", finding.path());
      assertEquals("not found: unshare", finding.evidence().get("probe.result"));
      assertEquals("No such file or directory", finding.evidence().get("probe.error"));
      assertEquals(USER_LINE, finding.evidence().get("probe.command"));
      assertEquals(List.of(USER_LINE), runner.commandLines());
      assertFalse(finding.remediation().text().isEmpty());
      assertEquals(List.of(), finding.remediation().commands());
    }

    @Test
    void unshareThatCannotStartIsAUserFindingWithTheError() {
      var runner = new ScriptedCommandRunner().onProgram("unshare").failsToStart("Permission denied");

      CheckResult result = run(SANDBOX_ALL, runner);

      Finding finding = CheckResults.single(result, NamespaceFindings.USER_DENIED);
      assertEquals("failed to start: Permission denied", finding.evidence().get("probe.result"));
      assertEquals("Permission denied", finding.evidence().get("probe.error"));
    }

    @Test
    void userDeniedWithEgressOnSaysSoInEvidence() {
      var runner = new ScriptedCommandRunner().on(USER_PROBE).exits(1, "", "denied");

      CheckResult result = run(sandbox("'all'", "'bridge'"), runner);

      Finding finding = CheckResults.single(result, NamespaceFindings.USER_DENIED);
      assertEquals("bridge (egress on)", finding.evidence().get("sandbox.docker.network"));
      assertEquals(List.of(USER_LINE), runner.commandLines());
    }
  }

  @Nested
  class Reporting {

    @Test
    void findingPointsAtTheModeInTheConfigFile(@TempDir Path dir) throws Exception {
      Path file = dir.resolve("openclaw.json");
      Files.writeString(
          file,
          String.join(
              "\n",
              "// gateway config",
              "{",
              "  agents: {",
              "    defaults: {",
              "      sandbox: {",
              "        docker: { network: 'none' },",
              "        mode: \"non-main\", // trailing comment",
              "      },",
              "    },",
              "  },",
              "}",
              ""));
      var runner = new ScriptedCommandRunner().on(USER_PROBE).exits(1, "", "denied");

      CheckResult result =
          check.run(TestCheckContext.builder().stateDir(dir).configFile(file).runner(runner).build());

      Finding finding = CheckResults.single(result, NamespaceFindings.USER_DENIED);
      assertEquals("agents.defaults.sandbox.mode", finding.path());
      assertEquals(file.toString(), finding.file());
      assertEquals(7, finding.line());
      assertEquals(15, finding.column());
    }

    @Test
    void passedResultCarriesFullEvidence() {
      var runner = new ScriptedCommandRunner().onProgram("unshare").succeeds();

      CheckResult result = run(sandbox("' all '", "' None '"), runner);

      assertInstanceOf(CheckResult.Passed.class, result);
      assertEquals(
          List.of(
              "platform=linux",
              "sandbox.mode=all",
              "sandbox.docker.network=None (egress off)",
              "probes=user, network",
              "probe.user.command=" + USER_LINE,
              "probe.user.result=exit 0",
              "probe.network.command=" + NET_LINE,
              "probe.network.result=exit 0"),
          result.evidence().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    @Test
    void remediationCommandsOnlyLookAndNeverChangeTheHost() {
      var runner =
          new ScriptedCommandRunner().on(USER_PROBE).succeeds().on(NET_PROBE).exits(1, "", "denied");

      Finding network = CheckResults.single(run(SANDBOX_ALL, runner), NamespaceFindings.NETWORK_DENIED);
      Finding user =
          CheckResults.single(
              run(SANDBOX_ALL, new ScriptedCommandRunner().on(USER_PROBE).exits(1, "", "denied")),
              NamespaceFindings.USER_DENIED);

      assertEquals(
          List.of(
              "sysctl kernel.apparmor_restrict_unprivileged_userns",
              "sysctl user.max_user_namespaces",
              USER_LINE),
          user.remediation().commands());
      assertEquals(
          List.of(
              "sysctl kernel.apparmor_restrict_unprivileged_userns",
              "sysctl user.max_user_namespaces user.max_net_namespaces",
              NET_LINE),
          network.remediation().commands());
      for (Finding finding : List.of(user, network)) {
        String text = finding.remediation().text();
        assertTrue(text.contains("restart the gateway"), text);
        assertTrue(text.contains("AppArmor profile"), text);
        assertTrue(text.contains("kernel.apparmor_restrict_unprivileged_userns=0"), text);
        assertTrue(text.contains("--privileged") && text.contains("SYS_ADMIN") && text.contains("seccomp=unconfined"), text);
        finding.remediation().commands().forEach(c -> assertFalse(c.contains("-w") || c.contains("="), c));
      }
    }
  }

  @Test
  void identity() {
    assertEquals("codex-bwrap", check.id());
    assertNotNull(CodexBwrapCheck.class.getAnnotation(org.pf4j.Extension.class));
    for (String code :
        List.of(NamespaceFindings.USER_DENIED, NamespaceFindings.NETWORK_DENIED, NamespaceFindings.UNSHARE_MISSING)) {
      assertTrue(code.startsWith(check.id() + "."), code);
    }
  }
}
