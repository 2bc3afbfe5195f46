package com.example.hellocheck;

import static dev.doctor.testkit.FindingAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.CheckResult;
import dev.doctor.api.Platform;
import dev.doctor.api.Severity;
import dev.doctor.testkit.ScriptedCommandRunner;
import dev.doctor.testkit.TestCheckContext;
import org.junit.jupiter.api.Test;

/** The check against scripted hosts: no root, no real gateway, no real sysctl. */
class PrivilegedPortCheckTest {

  private final PrivilegedPortCheck check = new PrivilegedPortCheck();

  private CheckResult run(String config, ScriptedCommandRunner runner) {
    return check.run(TestCheckContext.builder().config(config).runner(runner).build());
  }

  @Test
  void aPrivilegedPortIsAWarningOnADefaultLinuxHost() {
    var runner = new ScriptedCommandRunner().on(PrivilegedPortCheck.SYSCTL).succeeds("1024\n");

    CheckResult result = run("{\n  gateway: { port: 80 }, // JSON5, as people write it\n}", runner);

    assertThat(result)
        .hasFindings("hello-check.privileged-port")
        .hasFinding("hello-check.privileged-port")
        .withSeverity(Severity.WARNING)
        .atPath("gateway.port")
        .atLocation(2, 20)
        .withMessageContaining("gateway.port 80 is a privileged port")
        .withEvidence("net.ipv4.ip_unprivileged_port_start", "1024")
        .withRemediationCommand("openclaw config set gateway.port 18789");
    assertEquals(1, runner.calls().size());
  }

  @Test
  void aHostThatLowersTheLimitOnlyGetsANote() {
    var runner = new ScriptedCommandRunner().on(PrivilegedPortCheck.SYSCTL).succeeds("0\n");

    assertThat(run("{ gateway: { port: 443 } }", runner))
        .hasFinding("hello-check.privileged-port")
        .withSeverity(Severity.INFO)
        .withMessageContaining("this host lets any user listen on it");
  }

  @Test
  void withoutSysctlTheDefaultLimitApplies() {
    var runner = new ScriptedCommandRunner().onProgram("sysctl").notFound();

    assertThat(run("{ gateway: { port: 80 } }", runner))
        .hasFinding("hello-check.privileged-port")
        .withSeverity(Severity.WARNING)
        .withEvidence("net.ipv4.ip_unprivileged_port_start", "unknown (sysctl: not found: sysctl)");
  }

  @Test
  void aHighOrDefaultPortPassesWithoutRunningAnything() {
    var runner = new ScriptedCommandRunner(); // any command would fail the test

    assertThat(run("{ gateway: { port: 18789 } }", runner)).passed().hasEvidence("gateway.port", "18789");
    assertThat(run("{ agents: {} }", runner)).passed().hasEvidence("gateway.port", "18789 (OpenClaw's default)");
    assertTrue(runner.calls().isEmpty());
  }

  @Test
  void aPortThatIsNoPortIsAnError() {
    for (String port : new String[] {"'80'", "0", "70000", "80.5"}) {
      assertThat(run("{ gateway: { port: " + port + " } }", new ScriptedCommandRunner()))
          .hasFinding("hello-check.invalid-port")
          .withSeverity(Severity.ERROR)
          .atPath("gateway.port");
    }
  }

  @Test
  void otherSystemsAreSkipped() {
    var mac = TestCheckContext.builder()
        .config("{ gateway: { port: 80 } }")
        .platform(new Platform(Platform.Os.MACOS, "aarch64", "14.5"))
        .build();

    assertThat(check.run(mac)).skipped("Linux hosts only");
  }
}
