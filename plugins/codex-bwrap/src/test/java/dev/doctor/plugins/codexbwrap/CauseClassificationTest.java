package dev.doctor.plugins.codexbwrap;

import static dev.doctor.plugins.codexbwrap.Argv.MOUNT;
import static dev.doctor.plugins.codexbwrap.Argv.NETWORK;
import static dev.doctor.plugins.codexbwrap.Argv.SANDBOX;
import static dev.doctor.plugins.codexbwrap.Argv.SANDBOX_LINE;
import static dev.doctor.plugins.codexbwrap.Argv.SANDBOX_NET;
import static dev.doctor.plugins.codexbwrap.Argv.SANDBOX_NET_LINE;
import static dev.doctor.plugins.codexbwrap.Argv.USER;
import static dev.doctor.plugins.codexbwrap.Argv.allElsePasses;
import static dev.doctor.plugins.codexbwrap.Argv.bwrapVersion;
import static dev.doctor.plugins.codexbwrap.Samples.stderr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.CheckResult;
import dev.doctor.api.Finding;
import dev.doctor.api.Severity;
import dev.doctor.testkit.CheckResults;
import dev.doctor.testkit.ScriptedCommandRunner;
import dev.doctor.testkit.TestCheckContext;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every cause, classified from a fixture host tree and the stderr bwrap and unshare really print
 * (recorded per version under {@code src/test/resources/.../stderr}).
 */
class CauseClassificationTest {

  private static final String OFFLINE = "{ agents: { defaults: { sandbox: { mode: 'all' } } } }";
  private static final String BRIDGE = "{ agents: { defaults: { sandbox: { mode: 'all', docker: { network: 'bridge' } } } } }";

  @TempDir Path dir;

  private CheckResult run(Function<Path, HostTree> preset, String config, ScriptedCommandRunner runner) {
    preset.apply(dir);
    return new CodexBwrapCheck(dir).run(
        TestCheckContext.builder().config(config).env("PATH", HostTree.PATH).runner(runner).build());
  }

  /** bwrap fails both modes with {@code bwrapSample}; unshare's user and mount probes with {@code unshareSample}. */
  private static ScriptedCommandRunner sandboxRefused(String bwrapSample, String unshareSample) {
    return allElsePasses(bwrapVersion("0.9.0")
        .on(SANDBOX).exits(1, "", stderr(bwrapSample))
        .on(SANDBOX_NET).exits(1, "", stderr(bwrapSample))
        .on(USER).exits(1, "", stderr(unshareSample))
        .on(NETWORK).exits(1, "", stderr(unshareSample))
        .on(MOUNT).exits(1, "", stderr(unshareSample)));
  }

  private static Finding only(CheckResult result, String code) {
    assertEquals(List.of(code), CheckResults.codes(result), CheckResults.describe(result));
    Finding finding = CheckResults.single(result, code);
    assertEquals(Severity.ERROR, finding.severity());
    assertEquals("agents.defaults.sandbox.mode", finding.path());
    return finding;
  }

  private static void onlyLooks(Finding finding) {
    for (String command : finding.remediation().commands()) {
      assertFalse(command.matches(".*(sysctl -w|sysctl --system|tee |apparmor_parser|install |chmod|ln -s|>).*"), command);
    }
  }

  @Nested
  class AppArmor {

    @Test
    void ubuntuRestrictionWithTheDistributionProfileAtHand() {
      CheckResult result = run(HostTree::ubuntu2404, OFFLINE,
          sandboxRefused("bwrap-0.4.0_uid-map", "unshare-2.38.1_uid-map"));

      Finding finding = only(result, "codex-bwrap.apparmor-userns-restricted");
      assertEquals(
          "Codex's bwrap sandbox cannot start here: AppArmor restricts unprivileged user namespaces and no profile"
              + " lets /usr/bin/bwrap use them",
          finding.message());
      assertEquals("1", finding.evidence().get("kernel.apparmor_restrict_unprivileged_userns"));
      assertEquals("available (/usr/share/apparmor/extra-profiles/bwrap-userns-restrict)",
          finding.evidence().get("apparmor.bwrap-userns-restrict"));
      assertEquals("unconfined", finding.evidence().get("apparmor.label"));
      assertEquals("uid-map", finding.evidence().get("probe.symptom"));
      assertFalse(finding.evidence().containsKey("apparmor.suggested-profile"));
      String text = finding.remediation().text();
      int distro = text.indexOf("sudo install -m 0644 /usr/share/apparmor/extra-profiles/bwrap-userns-restrict /etc/apparmor.d/");
      int load = text.indexOf("sudo apparmor_parser -r /etc/apparmor.d/bwrap-userns-restrict");
      int sysctl = text.indexOf("kernel.apparmor_restrict_unprivileged_userns = 0 in /etc/sysctl.d/60-openclaw-userns.conf");
      assertTrue(distro > 0 && load > distro && sysctl > load, text);
      assertEquals(
          List.of(
              "sysctl kernel.apparmor_restrict_unprivileged_userns kernel.apparmor_restrict_unprivileged_unconfined",
              "sudo aa-status",
              "ls -l /etc/apparmor.d/bwrap-userns-restrict /usr/share/apparmor/extra-profiles/bwrap-userns-restrict",
              SANDBOX_LINE),
          finding.remediation().commands());
      onlyLooks(finding);
    }

    @Test
    void onlyTheNetworkIsolatedModeFailsAndNetworkAccessIsOfferedWithItsCost() {
      CheckResult result = run(HostTree::ubuntu2404, OFFLINE, allElsePasses(bwrapVersion("0.9.0")
          .on(SANDBOX_NET).exits(1, "", stderr("bwrap-0.9.0_rtm-newlink"))
          .on(NETWORK).exits(1, "", stderr("unshare-2.38.1_eperm"))));

      Finding finding = only(result, "codex-bwrap.apparmor-userns-restricted");
      assertTrue(finding.message().startsWith(
          "Codex's network-isolated bwrap sandbox cannot start here (without --unshare-net it works): AppArmor"),
          finding.message());
      assertEquals(SANDBOX_NET_LINE, finding.evidence().get("probe.command"));
      assertEquals("loopback", finding.evidence().get("probe.symptom"));
      String text = finding.remediation().text();
      assertTrue(text.endsWith(Remedies.networkAlternative()), text);
      assertTrue(text.contains("sandboxed commands can reach the network"), text);
      assertEquals("works", result.evidence().get("mode.sandbox"));
    }

    @Test
    void aProfileIsGeneratedForTheExactPathWhenTheDistributionOneDoesNotApply() {
      CheckResult result = run(d -> HostTree.ubuntu2404(d).delete(HostTree.BWRAP).executable("/usr/local/bin/bwrap"),
          OFFLINE, allElsePasses(new ScriptedCommandRunner()
              .on("/usr/local/bin/bwrap", "--version").succeeds("bubblewrap 0.11.1\n")
              .when(c -> c.argv().get(0).equals("/usr/local/bin/bwrap")).exits(1, "", stderr("bwrap-0.4.0_uid-map"))));

      Finding finding = only(result, "codex-bwrap.apparmor-userns-restricted");
      assertEquals(
          String.join("\n",
              "abi <abi/4.0>,",
              "include <tunables/global>",
              "",
              "# Lets /usr/local/bin/bwrap create unprivileged user namespaces, for Codex's sandbox.",
              "profile openclaw-bwrap /usr/local/bin/bwrap flags=(unconfined) {",
              "  userns,",
              "",
              "  include if exists <local/openclaw-bwrap>",
              "}",
              ""),
          finding.evidence().get("apparmor.suggested-profile"));
      String text = finding.remediation().text();
      assertTrue(text.contains("abi <abi/4.0>, profile openclaw-bwrap /usr/local/bin/bwrap flags=(unconfined) { userns, }"), text);
      assertTrue(text.contains("sudo apparmor_parser -r /etc/apparmor.d/openclaw-bwrap"), text);
      assertFalse(text.contains("extra-profiles"), text);
      onlyLooks(finding);
    }

    @Test
    void noProfileIsSuggestedForABwrapOthersCanReplace() {
      CheckResult result = run(d -> HostTree.ubuntu2404(d).chmod(HostTree.BWRAP, "rwxrwxrwx"), OFFLINE,
          sandboxRefused("bwrap-0.4.0_uid-map", "unshare-2.38.1_uid-map"));

      Finding finding = only(result, "codex-bwrap.apparmor-userns-restricted");
      assertFalse(finding.evidence().containsKey("apparmor.suggested-profile"));
      assertEquals("/usr/bin/bwrap is writable by everyone", finding.evidence().get("bwrap.replaceable"));
      String text = finding.remediation().text();
      assertTrue(text.contains("doctor does not suggest a profile for /usr/bin/bwrap: /usr/bin/bwrap is writable by"
          + " everyone, so whoever can replace it would inherit the permission"), text);
    }

    @Test
    void noProfileIsSuggestedForAVersionedPath() {
      String versioned = "/opt/codex/0.155.1/bin/bwrap";
      CheckResult result = run(d -> HostTree.ubuntu2404(d).delete(HostTree.BWRAP).executable(versioned),
          "{ agents: { defaults: { sandbox: { mode: 'all' } } }, plugins: { entries: { codex: { config: { appServer:"
              + " { args: ['-c', 'experimental_path_to_linux_sandbox_bwrap=\"" + versioned + "\"'] } } } } } }",
          allElsePasses(new ScriptedCommandRunner()
              .when(c -> c.argv().get(0).equals(versioned) && c.argv().size() > 2).exits(1, "", stderr("bwrap-0.4.0_uid-map"))));

      Finding finding = CheckResults.single(result, "codex-bwrap.apparmor-userns-restricted");
      assertEquals(versioned + " (from experimental_path_to_linux_sandbox_bwrap)", result.evidence().get("bwrap.path"));
      assertEquals("yes", finding.evidence().get("bwrap.versioned-path"));
      assertFalse(finding.evidence().containsKey("apparmor.suggested-profile"));
      assertTrue(finding.remediation().text().contains("its path carries a version"), finding.remediation().text());
    }

    @Test
    void anExistingProfileForThePathIsPointedAtNotDoubled() {
      CheckResult result = run(d -> HostTree.ubuntu2404(d).file("/etc/apparmor.d/bwrap", Samples.text("apparmor/bwrap-unconfined")),
          OFFLINE, sandboxRefused("bwrap-0.4.0_uid-map", "unshare-2.38.1_uid-map"));

      Finding finding = only(result, "codex-bwrap.apparmor-userns-restricted");
      assertEquals("/etc/apparmor.d/bwrap (profile bwrap)", finding.evidence().get("apparmor.bwrap-profiles"));
      String text = finding.remediation().text();
      assertTrue(text.contains("A profile already attaches to /usr/bin/bwrap (/etc/apparmor.d/bwrap (profile bwrap))"), text);
      assertTrue(text.contains("Do not add a second profile"), text);
      assertFalse(finding.evidence().containsKey("apparmor.suggested-profile"));
    }

    @Test
    void withoutASystemBwrapTheFixStartsByInstallingOne() {
      CheckResult result = run(d -> HostTree.ubuntu2404(d).delete(HostTree.BWRAP), OFFLINE,
          allElsePasses(new ScriptedCommandRunner().on(USER).exits(1, "", stderr("unshare-2.38.1_uid-map"))));

      assertEquals(List.of("codex-bwrap.apparmor-userns-restricted", Cause.BWRAP_MISSING), CheckResults.codes(result));
      Finding finding = CheckResults.single(result, "codex-bwrap.apparmor-userns-restricted");
      assertTrue(finding.message().endsWith("no profile lets Codex's bundled bwrap use them"), finding.message());
      assertTrue(finding.remediation().text().contains("First install your distribution's bubblewrap"), finding.remediation().text());
      assertEquals(Severity.WARNING, CheckResults.single(result, Cause.BWRAP_MISSING).severity());
    }

    @Test
    void aConfiningProfileAroundTheGatewayIsNamed() {
      CheckResult result = run(d -> HostTree.ubuntu2404(d)
              .file("/proc/sys/kernel/apparmor_restrict_unprivileged_userns", "0\n")
              .file("/proc/self/attr/apparmor/current", "openclaw-gateway (enforce)\n"),
          OFFLINE, sandboxRefused("bwrap-0.11.1_eperm", "unshare-2.38.1_eperm"));

      Finding finding = only(result, "codex-bwrap.apparmor-userns-restricted");
      assertEquals(
          "Codex's bwrap sandbox cannot start here: doctor runs confined by the AppArmor profile openclaw-gateway"
              + " (enforce), which does not allow user namespaces",
          finding.message());
      assertTrue(finding.remediation().text().contains("Add a userns rule to that profile"), finding.remediation().text());
    }

    @Test
    void twoProfilesOnOnePathAreTheCause() {
      CheckResult result = run(d -> HostTree.ubuntu2404(d)
              .file("/etc/apparmor.d/bwrap-userns-restrict", Samples.text("apparmor/bwrap-userns-restrict"))
              .file("/etc/apparmor.d/bwrap", Samples.text("apparmor/bwrap-unconfined")),
          OFFLINE, sandboxRefused("bwrap-0.4.0_uid-map", "unshare-2.38.1_uid-map"));

      Finding finding = only(result, "codex-bwrap.apparmor-profile-conflict");
      assertEquals(
          "Codex's bwrap sandbox cannot start here: 2 profiles attach to /usr/bin/bwrap and they disagree",
          finding.message());
      assertEquals("/etc/apparmor.d/bwrap (profile bwrap); /etc/apparmor.d/bwrap-userns-restrict (profile bwrap)",
          finding.evidence().get("apparmor.bwrap-profiles"));
      assertEquals(
          List.of("grep -n -e profile -e userns /etc/apparmor.d/bwrap /etc/apparmor.d/bwrap-userns-restrict",
              "sudo aa-status", SANDBOX_LINE),
          finding.remediation().commands());
    }

    @Test
    void twoProfilesOnOnePathWarnEvenWhileBwrapWorks() {
      CheckResult result = run(d -> HostTree.ubuntu2404(d)
              .file("/etc/apparmor.d/bwrap-userns-restrict", Samples.text("apparmor/bwrap-userns-restrict"))
              .file("/etc/apparmor.d/bwrap", Samples.text("apparmor/bwrap-unconfined")),
          OFFLINE, allElsePasses(bwrapVersion("0.9.0")));

      assertEquals(List.of("codex-bwrap.apparmor-profile-conflict"), CheckResults.codes(result));
      Finding finding = CheckResults.single(result, "codex-bwrap.apparmor-profile-conflict");
      assertEquals(Severity.WARNING, finding.severity());
      assertTrue(finding.remediation().text().contains("it works now"), finding.remediation().text());
    }

    @Test
    void aDisabledProfileDoesNotCount() {
      CheckResult result = run(d -> HostTree.ubuntu2404(d)
              .file("/etc/apparmor.d/bwrap-userns-restrict", Samples.text("apparmor/bwrap-userns-restrict"))
              .file("/etc/apparmor.d/bwrap", Samples.text("apparmor/bwrap-unconfined"))
              .file("/etc/apparmor.d/disable/bwrap", ""),
          OFFLINE, allElsePasses(bwrapVersion("0.9.0")));

      assertInstanceOf(CheckResult.Passed.class, result, CheckResults.describe(result));
      assertEquals("/etc/apparmor.d/bwrap-userns-restrict (profile bwrap)", result.evidence().get("apparmor.bwrap-profiles"));
    }
  }

  @Nested
  class KernelSwitchesAndLimits {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bwrap-0.4.0_eperm", "bwrap-0.8.0-debian_eperm", "bwrap-0.11.1_eperm"})
    void debianUnprivilegedUsernsCloneOff(String sample) {
      CheckResult result = run(HostTree::debianUsernsCloneOff, OFFLINE, sandboxRefused(sample, "unshare-2.38.1_eperm"));

      Finding finding = only(result, "codex-bwrap.userns-clone-disabled");
      assertEquals("0", finding.evidence().get("kernel.unprivileged_userns_clone"));
      assertEquals("create-denied", finding.evidence().get("probe.symptom"));
      assertTrue(finding.remediation().text().contains("kernel.unprivileged_userns_clone = 1 in /etc/sysctl.d/60-openclaw-userns.conf"));
      assertEquals(List.of("sysctl kernel.unprivileged_userns_clone",
          "grep -rs unprivileged_userns_clone /etc/sysctl.conf /etc/sysctl.d", SANDBOX_LINE),
          finding.remediation().commands());
    }

    @Test
    void theCloneSwitchDoesNotBindAProcessWithCapSysAdmin() {
      CheckResult result = run(d -> HostTree.debianUsernsCloneOff(d).status("0", 0, 0, "000001ffffffffff"), OFFLINE,
          sandboxRefused("bwrap-0.8.0-debian_eperm", "unshare-2.38.1_eperm"));

      assertEquals(List.of(Cause.USER_DENIED), CheckResults.codes(result));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bwrap-0.4.0_enospc", "bwrap-0.8.0_enospc"})
    void maxUserNamespacesZero(String sample) {
      CheckResult result = run(d -> HostTree.plainLinux(d).limit("user", 0), OFFLINE,
          sandboxRefused(sample, "unshare-2.38.1_enospc"));

      Finding finding = only(result, "codex-bwrap.namespace-limit-zero");
      assertEquals("Codex's bwrap sandbox cannot start here: user.max_user_namespaces is 0", finding.message());
      assertTrue(finding.remediation().text().contains("user.max_user_namespaces = 15000 in /etc/sysctl.d/60-openclaw-userns.conf"),
          finding.remediation().text());
    }

    @Test
    void maxNetNamespacesZeroBreaksOnlyTheNetworkIsolatedMode() {
      CheckResult result = run(d -> HostTree.plainLinux(d).limit("net", 0), OFFLINE, allElsePasses(bwrapVersion("0.9.0")
          .on(SANDBOX_NET).exits(1, "", stderr("bwrap-0.8.0_enospc"))
          .on(NETWORK).exits(1, "", stderr("unshare-2.38.1_enospc"))));

      Finding finding = only(result, "codex-bwrap.namespace-limit-zero");
      assertEquals(
          "Codex's network-isolated bwrap sandbox cannot start here (without --unshare-net it works):"
              + " user.max_net_namespaces is 0",
          finding.message());
      assertTrue(finding.remediation().text().endsWith(Remedies.networkAlternative()));
    }

    @Test
    void maxNetNamespacesZeroDoesNotMatterWithEgress() {
      CheckResult result = run(d -> HostTree.plainLinux(d).limit("net", 0), BRIDGE, allElsePasses(bwrapVersion("0.9.0")));

      assertInstanceOf(CheckResult.Passed.class, result, CheckResults.describe(result));
    }

    @Test
    void maxMntNamespacesZeroPassesTheSeedProbesButNotBwrap() {
      CheckResult result = run(d -> HostTree.plainLinux(d).limit("mnt", 0), OFFLINE, allElsePasses(bwrapVersion("0.9.0")
          .on(SANDBOX).exits(1, "", stderr("bwrap-0.8.0_enospc"))
          .on(SANDBOX_NET).exits(1, "", stderr("bwrap-0.8.0_enospc"))
          .on(MOUNT).exits(1, "", stderr("unshare-2.38.1_enospc"))));

      Finding finding = only(result, "codex-bwrap.namespace-limit-zero");
      assertEquals("Codex's bwrap sandbox cannot start here: user.max_mnt_namespaces is 0", finding.message());
      assertEquals("unshare user exit 0, network exit 0, mount exit 1", finding.evidence().get("narrowing"));
    }

    @Test
    void enospcWithPositiveLimitsPointsAtAParentNamespaceOrTheNestingDepth() {
      CheckResult result = run(HostTree::plainLinux, OFFLINE, allElsePasses(bwrapVersion("0.9.0")
          .on(SANDBOX).exits(1, "", stderr("bwrap-0.11.1_enospc"))
          .on(SANDBOX_NET).exits(1, "", stderr("bwrap-0.11.1_enospc"))));

      Finding finding = only(result, "codex-bwrap.namespace-limit-zero");
      assertEquals(
          "Codex's bwrap sandbox cannot start here: the kernel refused a new pid namespace (ENOSPC):"
              + " user.max_pid_namespaces is used up where the probe ran, or the nesting depth of 32 user namespaces"
              + " is reached",
          finding.message());
      assertTrue(finding.remediation().text().contains("belongs to a parent user namespace"), finding.remediation().text());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bwrap-0.6.1_einval"})
    void aKernelWithoutUserNamespaces(String sample) {
      CheckResult result = run(d -> HostTree.plainLinux(d).delete("/proc/self/ns/user"), OFFLINE,
          sandboxRefused(sample, "unshare-2.38.1_einval"));

      Finding finding = only(result, "codex-bwrap.userns-unsupported");
      assertEquals("no /proc/self/ns/user", finding.evidence().get("user-namespaces"));
    }
  }

  @Nested
  class Surroundings {

    @Test
    void dockerDefaultSeccomp() {
      CheckResult result = run(HostTree::dockerDefault, OFFLINE,
          sandboxRefused("bwrap-0.8.0-debian_eperm", "unshare-2.38.1_eperm"));

      Finding finding = only(result, "codex-bwrap.container-seccomp");
      assertEquals("/.dockerenv; cgroup 0::/system.slice/docker-3f4e1c0a9b2d.scope", finding.evidence().get("container"));
      assertEquals("2", finding.evidence().get("process.Seccomp"));
      String text = finding.remediation().text();
      assertTrue(text.indexOf("treat the container as the sandbox") < text.indexOf("seccomp profile that adds only"), text);
      assertTrue(text.contains("--security-opt seccomp=unconfined") && text.contains("Do not give"), text);
      onlyLooks(finding);
    }

    @Test
    void aContainerSeccompFilterThatRefusesTheLoopbackSetup() {
      CheckResult result = run(HostTree::dockerDefault, OFFLINE, allElsePasses(bwrapVersion("0.9.0")
          .on(SANDBOX_NET).exits(1, "", stderr("bwrap-0.8.0_rtm-newaddr"))));

      Finding finding = only(result, "codex-bwrap.container-seccomp");
      assertTrue(finding.message().startsWith("Codex's network-isolated bwrap sandbox cannot start here"), finding.message());
      assertTrue(finding.remediation().text().endsWith(Remedies.networkAlternative()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bwrap-0.8.0_make-slave", "bwrap-0.9.0_proc"})
    void aContainerThatRefusesMounts(String sample) {
      CheckResult result = run(d -> HostTree.dockerDefault(d).status("1000", 0, 0, "0000000000000000"), OFFLINE,
          sandboxRefused(sample, "unshare-2.38.1_propagation"));

      Finding finding = only(result, "codex-bwrap.container-mount-denied");
      assertTrue(finding.remediation().text().contains("systempaths=unconfined"), finding.remediation().text());
    }

    @Test
    void aHardenedSystemdUnit() {
      CheckResult result = run(HostTree::systemdHardened, OFFLINE,
          sandboxRefused("bwrap-0.11.1_eperm", "unshare-2.38.1_eperm"));

      Finding finding = only(result, "codex-bwrap.no-new-privs-sandbox");
      assertEquals("1", finding.evidence().get("process.NoNewPrivs"));
      assertTrue(finding.remediation().text().contains("RestrictNamespaces=user net mnt pid"), finding.remediation().text());
      assertEquals(
          List.of(
              "systemctl --user show openclaw-gateway.service -p NoNewPrivileges -p RestrictNamespaces -p SystemCallFilter",
              "systemctl show openclaw-gateway.service -p NoNewPrivileges -p RestrictNamespaces -p SystemCallFilter",
              SANDBOX_LINE),
          finding.remediation().commands());
    }

    @Test
    void anOuterLandlockSandboxRefusesTheMounts() {
      CheckResult result = run(d -> HostTree.plainLinux(d).status("1000", 1, 0, "0000000000000000"), OFFLINE,
          sandboxRefused("bwrap-0.8.0_make-slave", "unshare-2.38.1_propagation"));

      Finding finding = only(result, "codex-bwrap.no-new-privs-sandbox");
      assertTrue(finding.remediation().text().contains("Landlock active in the kernel"), finding.remediation().text());
    }

    @Test
    void aSeccompSandboxAroundTheGatewayThatRefusesTheLoopbackSetup() {
      CheckResult result = run(HostTree::systemdHardened, OFFLINE, allElsePasses(bwrapVersion("0.9.0")
          .on(SANDBOX_NET).exits(1, "", stderr("bwrap-0.8.0_rtm-newaddr"))));

      only(result, "codex-bwrap.no-new-privs-sandbox");
    }

    @Test
    void wsl1() {
      CheckResult result = run(HostTree::wsl1, OFFLINE, sandboxRefused("bwrap-0.4.0_eperm", "unshare-2.38.1_einval"));

      Finding finding = only(result, "codex-bwrap.wsl1-unsupported");
      assertEquals("WSL1", finding.evidence().get("wsl"));
      assertEquals(List.of("wsl.exe -l -v", "uname -r"), finding.remediation().commands());
    }

    @Test
    void wsl2IsNotWsl1() {
      CheckResult result = run(HostTree::wsl2, OFFLINE, sandboxRefused("bwrap-0.4.0_uid-map", "unshare-2.38.1_uid-map"));

      assertEquals(List.of(Cause.USER_DENIED), CheckResults.codes(result));
      assertEquals("WSL2", CheckResults.single(result, Cause.USER_DENIED).evidence().get("wsl"));
    }

    @Test
    void gvisor() {
      CheckResult result = run(HostTree::gvisor, OFFLINE, sandboxRefused("bwrap-0.9.0_proc", "unshare-2.38.1_propagation"));

      Finding finding = only(result, "codex-bwrap.gvisor-unsupported");
      assertEquals("yes", finding.evidence().get("gvisor"));
    }
  }

  @Nested
  class TheBwrapItself {

    @Test
    void aBwrapThatRejectsAnOptionIsTooOld() {
      CheckResult result = run(HostTree::plainLinux, OFFLINE, sandboxRefused("bwrap-0.8.0_unknown-argv0", "unshare-2.38.1_eperm"));

      Finding finding = only(result, "codex-bwrap.bwrap-too-old");
      assertEquals(
          "Codex's bwrap sandbox cannot start here: /usr/bin/bwrap is too old (bwrap: Unknown option --argv0)",
          finding.message());
      assertEquals(List.of("/usr/bin/bwrap --version"), finding.remediation().commands());
    }

    @Test
    void aWorkingBwrapBefore090IsNotedForArgv0() {
      CheckResult result = run(HostTree::plainLinux, OFFLINE, allElsePasses(bwrapVersion("0.8.0")));

      assertEquals(List.of("codex-bwrap.bwrap-too-old"), CheckResults.codes(result));
      Finding finding = CheckResults.single(result, "codex-bwrap.bwrap-too-old");
      assertEquals(Severity.INFO, finding.severity());
      assertEquals("bwrap 0.8.0 at /usr/bin/bwrap predates --argv0 (0.9.0), which some Codex releases pass", finding.message());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0.9.0", "0.11.1", "1.0"})
    void aCurrentBwrapIsNotNoted(String version) {
      assertInstanceOf(CheckResult.Passed.class, run(HostTree::plainLinux, OFFLINE, allElsePasses(bwrapVersion(version))));
    }

    @Test
    void aMissingBwrapIsAWarningWhenUnshareSaysTheKernelWouldAllowIt() {
      CheckResult result = run(d -> HostTree.plainLinux(d).delete(HostTree.BWRAP), OFFLINE,
          allElsePasses(new ScriptedCommandRunner()));

      assertEquals(List.of(Cause.BWRAP_MISSING), CheckResults.codes(result));
      Finding finding = CheckResults.single(result, Cause.BWRAP_MISSING);
      assertEquals(Severity.WARNING, finding.severity());
      assertEquals("No bwrap on PATH outside the gateway workspace, so Codex falls back to its bundled copy", finding.message());
      assertEquals(List.of("command -v bwrap"), finding.remediation().commands());
      assertEquals("works", result.evidence().get("mode.sandbox"));
    }
  }
}
