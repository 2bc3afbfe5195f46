package dev.doctor.plugins.codexbwrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.doctor.api.ConfigNode;
import dev.doctor.testkit.ScriptedCommandRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verdicts built from a survey assembled by hand, for what a fixture tree cannot hold: a bwrap with
 * the set-user-ID bit (only root may set it).
 */
class VerdictTest {

  @TempDir Path dir;

  private Survey survey(HostTree host, BwrapBinary bwrap, ScriptedCommandRunner runner) {
    ConfigNode mode = ConfigNode.string("all", SandboxSettings.MODE_PATH, null, 0, 0);
    var applies = new Applicability.Applies(
        List.of(new Trigger("agents.defaults.sandbox.mode=all", mode, false, "docker.network bridge (egress on)")),
        new SandboxSettings(mode, ConfigNode.missing(SandboxSettings.NETWORK_PATH)),
        new CodexOverrides(Map.of()));
    Probes probes = Probes.run(runner, Probes.plan(true, false), Optional.of(bwrap));
    return new Survey(applies, HostFacts.read(new HostFiles(host.root())),
        new BwrapLocator.Lookup(Optional.of(bwrap), List.of()), new AppArmorProfiles(List.of(), false, false), probes);
  }

  private static BwrapBinary setuidBwrap() {
    return new BwrapBinary("PATH", "/usr/bin/bwrap", "/usr/bin/bwrap", 0, "root", 0104755, List.of(), false);
  }

  @Test
  void aSetuidBwrapUnderNoNewPrivsIsTheOuterSandboxsDoing() {
    HostTree host = HostTree.plainLinux(dir).status("1000", 1, 0, "0000000000000000");
    var runner = Argv.allElsePasses(Argv.bwrapVersion("0.9.0")
        .on(Argv.SANDBOX).exits(1, "", Samples.stderr("bwrap-0.11.1_eperm")));

    Verdict verdict = Verdict.judge(survey(host, setuidBwrap(), runner));

    Verdict.Diagnosis d = verdict.diagnosis().orElseThrow();
    assertEquals(Cause.NO_NEW_PRIVS_SANDBOX, d.cause());
    assertEquals("bwrap is setuid root, and no_new_privs makes the kernel ignore that", d.detail());
    assertEquals(Verdict.Mode.NOT_NEEDED, verdict.networkIsolated());
    assertEquals("4755 (setuid root)", setuidBwrap().modeText());
  }

  @Test
  void aSetuidBwrapWithoutNoNewPrivsIsJudgedByTheOtherRules() {
    HostTree host = HostTree.debianUsernsCloneOff(dir);
    var runner = Argv.allElsePasses(Argv.bwrapVersion("0.9.0")
        .on(Argv.SANDBOX).exits(1, "", Samples.stderr("bwrap-0.11.1_eperm")));

    Verdict verdict = Verdict.judge(survey(host, setuidBwrap(), runner));

    assertEquals(Cause.USERNS_CLONE_DISABLED, verdict.diagnosis().orElseThrow().cause());
  }

  @Test
  void aWorkingSetuidBwrapPasses() {
    var runner = Argv.allElsePasses(Argv.bwrapVersion("0.9.0").on(Argv.USER).exits(1, "", "denied"));

    Verdict verdict = Verdict.judge(survey(HostTree.debianUsernsCloneOff(dir), setuidBwrap(), runner));

    assertEquals(Verdict.Mode.WORKS, verdict.sandbox());
    assertEquals(Optional.empty(), verdict.diagnosis());
  }
}
