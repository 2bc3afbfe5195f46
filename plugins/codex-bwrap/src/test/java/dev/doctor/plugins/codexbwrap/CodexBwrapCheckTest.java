package dev.doctor.plugins.codexbwrap;

import static dev.doctor.plugins.codexbwrap.Argv.MOUNT;
import static dev.doctor.plugins.codexbwrap.Argv.MOUNT_LINE;
import static dev.doctor.plugins.codexbwrap.Argv.NETWORK;
import static dev.doctor.plugins.codexbwrap.Argv.NETWORK_LINE;
import static dev.doctor.plugins.codexbwrap.Argv.SANDBOX;
import static dev.doctor.plugins.codexbwrap.Argv.SANDBOX_LINE;
import static dev.doctor.plugins.codexbwrap.Argv.SANDBOX_NET;
import static dev.doctor.plugins.codexbwrap.Argv.SANDBOX_NET_LINE;
import static dev.doctor.plugins.codexbwrap.Argv.USER;
import static dev.doctor.plugins.codexbwrap.Argv.USER_LINE;
import static dev.doctor.plugins.codexbwrap.Argv.VERSION_LINE;
import static dev.doctor.plugins.codexbwrap.Argv.allElsePasses;
import static dev.doctor.plugins.codexbwrap.Argv.bwrapVersion;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The check end to end with scripted probes and a fixture host (a plain Debian 12 kernel unless a
 * test says otherwise, so that only the probes decide). The seed's three scenarios come first.
 */
class CodexBwrapCheckTest {

  private static final String SANDBOX_ALL = "{ agents: { defaults: { sandbox: { mode: 'all' } } } }";

  @TempDir Path dir;
  private HostTree host;
  private CodexBwrapCheck check;

  @BeforeEach
  void plainHost() {
    host = HostTree.plainLinux(dir);
    check = new CodexBwrapCheck(dir);
  }

  private static String sandbox(String mode, String network) {
    return "{ agents: { defaults: { sandbox: { mode: " + mode + ", docker: { network: " + network + " } } } } }";
  }

  private CheckResult run(String config, ScriptedCommandRunner runner) {
    return check.run(TestCheckContext.builder().config(config).env("PATH", HostTree.PATH).runner(runner).build());
  }

  /**
   * The seed's scenarios. What changed on purpose: bwrap itself is now probed (first, by its real
   * path) next to the unshare probes, all of them at once, so the user probe no longer stops the
   * others; the finding's probe is the bwrap one; and the message names the cause, or says that
   * doctor could not.
   */
  @Nested
  class SeedScenarios {

    @Test
    void userNamespaceRefusedGivesTheUserFinding() {
      var runner = allElsePasses(bwrapVersion("0.11.1")
          .on(SANDBOX).exits(1, "", "bwrap: setting up uid map: Permission denied\n")
          .on(SANDBOX_NET).exits(1, "", "bwrap: setting up uid map: Permission denied\n")
          .on(USER).exits(1, "", "unshare: write failed /proc/self/uid_map: Operation not permitted\nmore\n")
          .on(NETWORK).exits(1, "", "unshare: write failed /proc/self/uid_map: Operation not permitted\n")
          .on(MOUNT).exits(1, "", "unshare: write failed /proc/self/uid_map: Operation not permitted\n"));

      CheckResult result = run(SANDBOX_ALL, runner);

      assertEquals(List.of(Cause.USER_DENIED), CheckResults.codes(result));
      assertEquals(
          List.of(VERSION_LINE, SANDBOX_LINE, SANDBOX_NET_LINE, USER_LINE, NETWORK_LINE, MOUNT_LINE),
          runner.commandLines());
      Finding finding = CheckResults.single(result, "codex-bwrap.user-namespace-denied");
      assertEquals(Severity.ERROR, finding.severity());
      assertEquals("agents.defaults.sandbox.mode", finding.path());
      assertEquals(
          "Codex's bwrap sandbox cannot start here: doctor could not tell why (bwrap probe: exit 1)",
          finding.message());
      assertEquals(SANDBOX_LINE, finding.evidence().get("probe.command"));
      assertEquals("exit 1", finding.evidence().get("probe.result"));
      assertEquals("bwrap: setting up uid map: Permission denied", finding.evidence().get("probe.stderr"));
      assertEquals("uid-map", finding.evidence().get("probe.symptom"));
      assertEquals("unshare user exit 1, network exit 1, mount exit 1", finding.evidence().get("narrowing"));
      assertEquals("unset (egress off)", finding.evidence().get("sandbox.docker.network"));
      // An unattributed failure carries every fact doctor read.
      assertEquals("Debian GNU/Linux 12 (bookworm)", finding.evidence().get("os"));
      assertEquals("15000", finding.evidence().get("user.max_user_namespaces"));
      assertEquals("exit 1", result.evidence().get("probe.user.result"));
      assertEquals("fails: codex-bwrap.user-namespace-denied", result.evidence().get("mode.sandbox"));
    }

    @Test
    void userNamespaceRefusedWithoutSystemBwrapIsJudgedByUnshare() {
      host.delete(HostTree.BWRAP);
      var runner = allElsePasses(new ScriptedCommandRunner()
          .on(USER).exits(1, "", "unshare: write failed /proc/self/uid_map: Operation not permitted\n"));

      CheckResult result = run(SANDBOX_ALL, runner);

      assertEquals(List.of(Cause.USER_DENIED, Cause.BWRAP_MISSING), CheckResults.codes(result));
      assertEquals(List.of(USER_LINE, NETWORK_LINE, MOUNT_LINE), runner.commandLines());
      Finding finding = CheckResults.single(result, Cause.USER_DENIED);
      assertEquals(USER_LINE, finding.evidence().get("probe.command"));
      assertEquals("unshare: write failed /proc/self/uid_map: Operation not permitted", finding.evidence().get("probe.stderr"));
      assertEquals("not run: no system bwrap", result.evidence().get("probe.bwrap.result"));
    }

    @ParameterizedTest(name = "network {0}")
    @ValueSource(strings = {"<unset>", "'none'", "' NONE '", "''", "null"})
    void networkNamespaceRefusedWhileEgressOffGivesTheNetworkFinding(String network) {
      String config = network.equals("<unset>") ? SANDBOX_ALL : sandbox("'all'", network);
      var runner = allElsePasses(bwrapVersion("0.11.1")
          .on(SANDBOX_NET).exits(1, "", "bwrap: loopback: Failed RTM_NEWADDR: Operation not permitted\n")
          .on(NETWORK).exits(1, "", "unshare: unshare failed: Operation not permitted"));

      CheckResult result = run(config, runner);

      assertEquals(List.of(Cause.NETWORK_DENIED), CheckResults.codes(result));
      assertEquals(
          List.of(VERSION_LINE, SANDBOX_LINE, SANDBOX_NET_LINE, USER_LINE, NETWORK_LINE, MOUNT_LINE),
          runner.commandLines());
      Finding finding = CheckResults.single(result, "codex-bwrap.network-namespace-denied");
      assertEquals(Severity.ERROR, finding.severity());
      assertEquals("agents.defaults.sandbox.mode", finding.path());
      assertEquals(
          "Codex's network-isolated bwrap sandbox cannot start here (without --unshare-net it works):"
              + " doctor could not tell why (bwrap-net probe: exit 1)",
          finding.message());
      assertEquals(SANDBOX_NET_LINE, finding.evidence().get("probe.command"));
      assertEquals("bwrap: loopback: Failed RTM_NEWADDR: Operation not permitted", finding.evidence().get("probe.stderr"));
      assertEquals("network-isolated commands only (bwrap without --unshare-net works)", finding.evidence().get("mode"));
      assertTrue(finding.evidence().get("sandbox.docker.network").endsWith("(egress off)"));
      assertTrue(finding.remediation().text().contains("network access"), finding.remediation().text());
      assertEquals("works", result.evidence().get("mode.sandbox"));
      assertEquals("fails: codex-bwrap.network-namespace-denied", result.evidence().get("mode.network-isolated"));
    }

    @ParameterizedTest(name = "network {0}")
    @ValueSource(strings = {"'bridge'", "' Bridge '", "'openclaw-egress'"})
    void egressOnRunsNoNetworkProbeAndPasses(String network) {
      var runner = allElsePasses(bwrapVersion("0.11.1"));

      CheckResult result = run(sandbox("'all'", network), runner);

      assertInstanceOf(CheckResult.Passed.class, result, CheckResults.describe(result));
      assertEquals(List.of(VERSION_LINE, SANDBOX_LINE, USER_LINE, MOUNT_LINE), runner.commandLines());
      assertFalse(runner.calls().stream().anyMatch(c -> c.argv().contains("--net") || c.argv().contains("--unshare-net")));
      assertTrue(result.evidence().get("sandbox.docker.network").endsWith("(egress on)"));
      assertTrue(result.evidence().get("probe.network.result").startsWith("not run: no trigger isolates the network"));
      assertEquals("not needed", result.evidence().get("mode.network-isolated"));
    }
  }

  @Nested
  class WhenItApplies {

    @Test
    void skippedWhenNotLinux() {
      var runner = new ScriptedCommandRunner();
      var ctx = TestCheckContext.builder()
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

    @Test
    void skippedWhenTheCodexPluginIsDisabled() {
      var runner = new ScriptedCommandRunner();

      CheckResult result = run(
          "{ agents: { defaults: { sandbox: { mode: 'all' } } }, plugins: { entries: { codex: { enabled: false } } } }",
          runner);

      assertEquals("plugins.entries.codex.enabled is false, so Codex does not run", CheckResults.skipReason(result));
      assertEquals(List.of(), runner.calls());
    }

    @Test
    void skipReasonSaysAgentsAndHarnessWereLookedAt() {
      CheckResult result = run(
          "{ agents: { entries: { coder: { sandbox: { mode: 'off' } } } },"
              + " plugins: { entries: { codex: { config: { appServer: { sandbox: 'danger-full-access' } } } } } }",
          new ScriptedCommandRunner());

      assertEquals(
          "agents.defaults.sandbox.mode is unset, so the sandbox is off; no agent sandbox and no Codex harness"
              + " setting runs Codex under bwrap",
          CheckResults.skipReason(result));
    }

    @ParameterizedTest
    @ValueSource(strings = {"'all'", "'non-main'", "' ALL '"})
    void appliesForEveryModeButOff(String mode) {
      var runner = allElsePasses(bwrapVersion("0.11.1"));

      CheckResult result = run(sandbox(mode, "'none'"), runner);

      assertInstanceOf(CheckResult.Passed.class, result, CheckResults.describe(result));
      assertEquals(
          List.of(VERSION_LINE, SANDBOX_LINE, SANDBOX_NET_LINE, USER_LINE, NETWORK_LINE, MOUNT_LINE),
          runner.commandLines());
    }

    @Test
    void appliesForAnAgentSandboxAndPointsThere() {
      var runner = allElsePasses(bwrapVersion("0.11.1").on(SANDBOX).exits(1, "", "bwrap: weird"));

      CheckResult result = run(
          "{ agents: { defaults: { sandbox: { mode: 'off' } }, entries: { coder: { sandbox: { mode: 'all',"
              + " docker: { network: 'bridge' } } } } } }",
          runner);

      assertEquals(
          "agents.entries.coder.sandbox.mode=all (network shared: docker.network bridge (egress on))",
          result.evidence().get("applies.because"));
      assertEquals(List.of(VERSION_LINE, SANDBOX_LINE, USER_LINE, MOUNT_LINE), runner.commandLines());
      assertEquals("agents.entries.coder.sandbox.mode", CheckResults.single(result, Cause.USER_DENIED).path());
    }

    @Test
    void anAgentWithItsOwnOfflineNetworkNeedsNetworkIsolation() {
      var runner = allElsePasses(bwrapVersion("0.11.1"));

      CheckResult result = run(
          "{ agents: { defaults: { sandbox: { mode: 'all', docker: { network: 'bridge' } } },"
              + " entries: { offline: { sandbox: { docker: { network: 'none' } } } } } }",
          runner);

      assertEquals(
          "agents.defaults.sandbox.mode=all (network shared: docker.network bridge (egress on)); "
              + "agents.entries.offline.sandbox.docker.network=none (mode inherited: all)"
              + " (network isolated: docker.network none (egress off))",
          result.evidence().get("applies.because"));
      assertTrue(runner.ran(Argv.SANDBOX_NET));
    }

    @Test
    void aSharedScopeIgnoresTheAgentsNetwork() {
      var runner = allElsePasses(bwrapVersion("0.11.1"));

      CheckResult result = run(
          "{ agents: { defaults: { sandbox: { mode: 'all', scope: 'shared', docker: { network: 'bridge' } } },"
              + " entries: { offline: { sandbox: { docker: { network: 'none' } } } } } }",
          runner);

      assertEquals("not needed: every trigger shares the network", result.evidence().get("network-isolation"));
      assertFalse(runner.ran(Argv.SANDBOX_NET));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "appServer: { sandbox: 'workspace-write' }",
        "appServer: { mode: 'guardian' }",
        "appServer: { sandbox: 'read-only' }"})
    void appliesForTheCodexHarnessWithNetworkIsolated(String appServer) {
      var runner = allElsePasses(bwrapVersion("0.11.1"));

      CheckResult result = run("{ plugins: { entries: { codex: { config: { " + appServer + " } } } } }", runner);

      assertInstanceOf(CheckResult.Passed.class, result, CheckResults.describe(result));
      assertTrue(result.evidence().get("applies.because").startsWith("plugins.entries.codex.config.appServer."),
          result.evidence().get("applies.because"));
      assertEquals("needed", result.evidence().get("network-isolation"));
      assertTrue(runner.ran(Argv.SANDBOX_NET));
    }

    @Test
    void guardianDoesNotApplyWhenASandboxIsNamed() {
      CheckResult result = run(
          "{ plugins: { entries: { codex: { config: { appServer: { mode: 'guardian', sandbox: 'danger-full-access' } } } } } }",
          new ScriptedCommandRunner());

      assertInstanceOf(CheckResult.Skipped.class, result);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "['app-server', '--listen', 'stdio://', '-c', 'sandbox_workspace_write.network_access=true']",
        "'app-server -c sandbox_workspace_write.network_access=true # comment'",
        "['-csandbox_workspace_write.network_access=true']",
        "['--config=sandbox_workspace_write.network_access=false', '--config', 'sandbox_workspace_write.network_access=true']"})
    void harnessNetworkAccessMeansNoNetworkNamespace(String args) {
      var runner = allElsePasses(bwrapVersion("0.11.1"));

      CheckResult result = run(
          "{ plugins: { entries: { codex: { config: { appServer: { sandbox: 'workspace-write', args: " + args + " } } } } } }",
          runner);

      assertEquals(
          "plugins.entries.codex.config.appServer.sandbox=workspace-write (network shared:"
              + " sandbox_workspace_write.network_access=true (appServer.args))",
          result.evidence().get("applies.because"));
      assertFalse(runner.ran(Argv.SANDBOX_NET));
    }

    @Test
    void toolsExecAutoForcesWorkspaceWriteWhenCodexIsConfigured() {
      var runner = allElsePasses(bwrapVersion("0.11.1"));

      CheckResult result = run(
          "{ tools: { exec: { mode: 'auto' } }, plugins: { entries: { codex: { enabled: true,"
              + " config: { appServer: { sandbox: 'danger-full-access' } } } } } }",
          runner);

      assertTrue(result.evidence().get("applies.because").startsWith("tools.exec.mode=auto"),
          result.evidence().get("applies.because"));
    }
  }

  @Nested
  class ProbeOutcomes {

    @Test
    void everyProbeHasAFiveSecondTimeoutAndAllRunTogether() {
      var runner = allElsePasses(bwrapVersion("0.11.1"));

      run(SANDBOX_ALL, runner);

      assertEquals(6, runner.calls().size());
      runner.calls().forEach(c -> assertEquals(Duration.ofSeconds(5), c.timeout(), c.display()));
    }

    @Test
    void aBwrapTimeoutIsTheUserFindingWithoutStderr() {
      var runner = allElsePasses(bwrapVersion("0.11.1").on(SANDBOX).timesOut().on(SANDBOX_NET).timesOut());

      CheckResult result = run(SANDBOX_ALL, runner);

      Finding finding = CheckResults.single(result, Cause.USER_DENIED);
      assertEquals(List.of(Cause.USER_DENIED), CheckResults.codes(result));
      assertEquals("timed out after 5.0s", finding.evidence().get("probe.result"));
      assertTrue(finding.message().endsWith("(bwrap probe: timed out after 5.0s)"), finding.message());
      assertFalse(finding.evidence().containsKey("probe.stderr"));
    }

    @Test
    void missingUnshareWithoutBwrapIsItsOwnWarning() {
      host.delete(HostTree.BWRAP);
      var runner = new ScriptedCommandRunner().onProgram("unshare").notFound();

      CheckResult result = run(SANDBOX_ALL, runner);

      assertEquals(List.of(Cause.BWRAP_MISSING, Cause.UNSHARE_MISSING), CheckResults.codes(result));
      Finding finding = CheckResults.single(result, "codex-bwrap.unshare-missing");
      assertEquals(Severity.WARNING, finding.severity());
      assertEquals("agents.defaults.sandbox.mode", finding.path());
      assertEquals("not found: unshare", finding.evidence().get("probe.result"));
      assertEquals("No such file or directory", finding.evidence().get("probe.error"));
      assertEquals(USER_LINE, finding.evidence().get("probe.command"));
      assertFalse(finding.remediation().text().isEmpty());
      assertEquals(List.of(), finding.remediation().commands());
      assertEquals("unknown", result.evidence().get("mode.sandbox"));
    }

    @Test
    void missingUnshareBesideAWorkingBwrapIsNoFinding() {
      var runner = allElsePasses(bwrapVersion("0.11.1").onProgram("unshare").notFound());

      CheckResult result = run(SANDBOX_ALL, runner);

      assertInstanceOf(CheckResult.Passed.class, result, CheckResults.describe(result));
      assertEquals("not found: unshare", result.evidence().get("probe.user.result"));
    }

    @Test
    void aBwrapThatCannotStartIsTheUserFindingWithTheError() {
      var runner = allElsePasses(bwrapVersion("0.11.1").on(SANDBOX).failsToStart("Permission denied"));

      CheckResult result = run(SANDBOX_ALL, runner);

      Finding finding = CheckResults.single(result, Cause.USER_DENIED);
      assertEquals("failed to start: Permission denied", finding.evidence().get("probe.result"));
      assertEquals("Permission denied", finding.evidence().get("probe.error"));
    }

    @Test
    void theFirstBwrapOnPathOutsideTheWorkspaceIsTheOneProbed() {
      host.executable("/home/claw/.openclaw/workspace/bin/bwrap").executable("/usr/local/bin/bwrap");
      var runner = allElsePasses(new ScriptedCommandRunner()
          .on("/usr/local/bin/bwrap", "--version").succeeds("bubblewrap 0.11.1\n"));

      CheckResult result = check.run(TestCheckContext.builder()
          .stateDir(Path.of("/home/claw/.openclaw"))
          .config(SANDBOX_ALL)
          .env("HOME", "/home/claw")
          .env("PATH", "/home/claw/.openclaw/workspace/bin:/usr/local/bin:/usr/bin")
          .runner(runner)
          .build());

      assertEquals("/usr/local/bin/bwrap (first on PATH)", result.evidence().get("bwrap.path"));
      assertEquals(
          "/home/claw/.openclaw/workspace/bin/bwrap (inside /home/claw/.openclaw/workspace, a gateway workspace)",
          result.evidence().get("bwrap.skipped"));
      assertTrue(runner.commandLines().get(1).startsWith("/usr/local/bin/bwrap --new-session"), runner.commandLines().get(1));
    }

    @Test
    void aSymlinkedBwrapIsProbedAndProfiledByItsRealPath() {
      host.delete(HostTree.BWRAP).executable("/usr/libexec/bwrap-real").symlink("/usr/bin/bwrap", "../libexec/bwrap-real");
      var runner = allElsePasses(new ScriptedCommandRunner());

      CheckResult result = run(SANDBOX_ALL, runner);

      assertEquals("/usr/bin/bwrap (first on PATH)", result.evidence().get("bwrap.path"));
      assertEquals("/usr/libexec/bwrap-real", result.evidence().get("bwrap.real-path"));
      assertTrue(runner.ran("/usr/libexec/bwrap-real", "--version"));
    }
  }

  @Nested
  class Reporting {

    @Test
    void findingPointsAtTheModeInTheConfigFile(@TempDir Path configDir) throws Exception {
      Path file = configDir.resolve("openclaw.json");
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
      var runner = allElsePasses(bwrapVersion("0.11.1").on(SANDBOX).exits(1, "", "denied"));

      CheckResult result = check.run(TestCheckContext.builder()
          .stateDir(configDir).configFile(file).env("PATH", HostTree.PATH).runner(runner).build());

      Finding finding = CheckResults.single(result, Cause.USER_DENIED);
      assertEquals("agents.defaults.sandbox.mode", finding.path());
      assertEquals(file.toString(), finding.file());
      assertEquals(7, finding.line());
      assertEquals(15, finding.column());
    }

    @Test
    void passedResultCarriesFullEvidence() {
      var runner = allElsePasses(bwrapVersion("0.11.1"));

      CheckResult result = run(sandbox("' all '", "' None '"), runner);

      assertInstanceOf(CheckResult.Passed.class, result);
      String owner = result.evidence().get("bwrap.owner");
      assertEquals(
          List.of(
              "platform=linux",
              "sandbox.mode=all",
              "sandbox.docker.network=None (egress off)",
              "applies.because=agents.defaults.sandbox.mode=all (network isolated: docker.network None (egress off))",
              "network-isolation=needed",
              "bwrap.path=/usr/bin/bwrap (first on PATH)",
              "bwrap.real-path=/usr/bin/bwrap",
              "bwrap.owner=" + owner,
              "bwrap.mode=0755",
              "bwrap.version=0.11.1",
              "apparmor.bwrap-profiles=none",
              "apparmor.bwrap-userns-restrict=not found",
              "probes=bwrap-version, bwrap, bwrap-net, user, network, mount",
              "probe.bwrap-version.command=" + VERSION_LINE,
              "probe.bwrap-version.result=exit 0",
              "probe.bwrap.command=" + SANDBOX_LINE,
              "probe.bwrap.result=exit 0",
              "probe.bwrap-net.command=" + SANDBOX_NET_LINE,
              "probe.bwrap-net.result=exit 0",
              "probe.user.command=" + USER_LINE,
              "probe.user.result=exit 0",
              "probe.network.command=" + NETWORK_LINE,
              "probe.network.result=exit 0",
              "probe.mount.command=" + MOUNT_LINE,
              "probe.mount.result=exit 0",
              "mode.sandbox=works",
              "mode.network-isolated=works",
              "kernel.release=6.1.0-25-amd64",
              "kernel.version=Linux version 6.1.0-25-amd64 (debian-kernel@lists.debian.org) #1 SMP PREEMPT_DYNAMIC"
                  + " Debian 6.1.106-3 (2024-08-26)",
              "os=Debian GNU/Linux 12 (bookworm)",
              "user.max_user_namespaces=15000",
              "user.max_net_namespaces=15000",
              "user.max_mnt_namespaces=15000",
              "user.max_pid_namespaces=15000",
              "kernel.unprivileged_userns_clone=absent",
              "kernel.apparmor_restrict_unprivileged_userns=absent",
              "kernel.apparmor_restrict_unprivileged_unconfined=absent",
              "apparmor.enabled=absent",
              "apparmor.userns_create=not supported",
              "apparmor.label=unknown",
              "lsm=lockdown,capability,landlock,yama,tomoyo",
              "process.uid=1000",
              "process.NoNewPrivs=0",
              "process.Seccomp=0",
              "process.CapEff=0000000000000000 (no CAP_SYS_ADMIN)",
              "container=none found",
              "wsl=no",
              "gvisor=no",
              "user-namespaces=supported (/proc/self/ns/user)"),
          result.evidence().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    @Test
    void unattributedRemediationKeepsTheSeedsAdviceAndOnlyLooks() {
      Finding network = CheckResults.single(
          run(SANDBOX_ALL, allElsePasses(bwrapVersion("0.11.1").on(SANDBOX_NET).exits(1, "", "denied"))),
          Cause.NETWORK_DENIED);
      Finding user = CheckResults.single(
          run(SANDBOX_ALL, allElsePasses(bwrapVersion("0.11.1").on(SANDBOX).exits(1, "", "denied"))),
          Cause.USER_DENIED);

      assertEquals(
          List.of("sysctl kernel.apparmor_restrict_unprivileged_userns", "sysctl user.max_user_namespaces", SANDBOX_LINE),
          user.remediation().commands());
      assertEquals(
          List.of(
              "sysctl kernel.apparmor_restrict_unprivileged_userns",
              "sysctl user.max_user_namespaces user.max_net_namespaces",
              SANDBOX_NET_LINE),
          network.remediation().commands());
      for (Finding finding : List.of(user, network)) {
        String text = finding.remediation().text();
        assertTrue(text.contains("restart the gateway"), text);
        assertTrue(text.contains("AppArmor profile"), text);
        assertTrue(text.contains("kernel.apparmor_restrict_unprivileged_userns=0"), text);
        assertTrue(text.contains("--privileged") && text.contains("SYS_ADMIN") && text.contains("seccomp=unconfined"), text);
        finding.remediation().commands().forEach(c -> assertFalse(c.contains(" -w") || c.contains("="), c));
      }
    }
  }

  @Test
  void identity() {
    assertEquals("codex-bwrap", new CodexBwrapCheck().id());
    assertNotNull(CodexBwrapCheck.class.getAnnotation(org.pf4j.Extension.class));
  }
}
