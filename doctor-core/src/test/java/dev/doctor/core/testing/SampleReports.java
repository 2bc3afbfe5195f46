package dev.doctor.core.testing;

import dev.doctor.api.CheckReport;
import dev.doctor.api.CheckStatus;
import dev.doctor.api.Finding;
import dev.doctor.api.Remediation;
import dev.doctor.api.Report;
import dev.doctor.api.Severity;
import dev.doctor.api.Waiver;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fixed reports covering every status and finding shape, for reporter tests. */
public final class SampleReports {

  private SampleReports() {}

  public static Report mixed() {
    Finding hostFinding = Finding.builder("doctor.plugin-failed", Severity.WARNING, "plugin broken could not be loaded: Cannot read manifest")
        .file(java.nio.file.Path.of("/opt/doctor/plugins/broken.jar"))
        .evidence("plugin", "broken.jar")
        .remediation(Remediation.of("The other plugins still run. Replace or remove the jar."))
        .build().withCheckId("doctor");
    Map<String, String> probe = new LinkedHashMap<>();
    probe.put("probe.command", "unshare --user --map-root-user true");
    probe.put("probe.result", "exit 1");
    probe.put("probe.stderr", "unshare: write failed /proc/self/uid_map: Operation not permitted");
    Finding bwrap = Finding.builder("codex-bwrap.user-namespace-denied", Severity.ERROR,
            "Codex cannot create the user namespace its bubblewrap sandbox needs")
        .path("agents.defaults.sandbox.mode")
        .file(java.nio.file.Path.of("/home/claw/.openclaw/openclaw.json"))
        .location(4, 15)
        .evidence(probe)
        .remediation(Remediation.of(
            "Allow unprivileged user namespaces for the gateway's service user, preferably with an AppArmor profile for bwrap, then restart the gateway. Do not give the Docker sandbox broad privileges instead.",
            "sysctl kernel.apparmor_restrict_unprivileged_userns"))
        .build().withCheckId("codex-bwrap");
    Finding info = Finding.builder("extra/one.note", Severity.INFO, "a note with no location").build().withCheckId("extra/one");
    Finding timeout = Finding.builder("doctor.check-timeout", Severity.WARNING, "check slow did not finish within 10s; its result is unknown")
        .evidence("timeout", "10s")
        .remediation(Remediation.of("Run it alone with a longer deadline.", "doctor --only slow --timeout 60 -v"))
        .build().withCheckId("slow");
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("sandbox.mode", "all");
    facts.put("kernel", "6.8.0-51-generic\nsecond line");
    return new Report("0.1.0-test", Instant.parse("2026-11-29T12:00:00Z"), Duration.ofMillis(1234), Severity.WARNING, List.of(
        new CheckReport("doctor", "doctor", "doctor itself", CheckStatus.FAILED, Duration.ZERO, null, List.of(hostFinding), Map.of()),
        new CheckReport("codex-bwrap", "codex-bwrap", "Codex bubblewrap namespaces", CheckStatus.FAILED, Duration.ofMillis(42), null, List.of(bwrap), facts),
        new CheckReport("extra/one", "extra", "Extra one", CheckStatus.PASSED, Duration.ofMillis(3), null, List.of(info), Map.of()),
        new CheckReport("sandbox-docker", "sandbox-docker", "Docker sandbox", CheckStatus.SKIPPED, Duration.ofMillis(1), "sandbox mode is off", List.of(), Map.of()),
        new CheckReport("slow", "slow", "A slow check", CheckStatus.TIMEOUT, Duration.ofMillis(10_000), null, List.of(timeout), Map.of())));
  }

  /**
   * A run with waivers: codex-bwrap's error is waived (that check passes), and the host reports
   * an expired waiver, which fails the run.
   */
  public static Report waived() {
    Waiver waiver = new Waiver("INFRA-42: bwrap is replaced by gVisor on this host", java.time.LocalDate.parse("2026-12-31"));
    Finding bwrap = Finding.builder("codex-bwrap.user-namespace-denied", Severity.ERROR,
            "Codex cannot create the user namespace its bubblewrap sandbox needs")
        .path("agents.defaults.sandbox.mode")
        .file(java.nio.file.Path.of("/home/claw/.openclaw/openclaw.json"))
        .location(4, 15)
        .remediation(Remediation.of("Allow unprivileged user namespaces for the gateway's service user."))
        .build().withCheckId("codex-bwrap").withWaiver(waiver);
    Finding expired = Finding.builder("doctor.waiver-expired", Severity.WARNING,
            "the waiver for sandbox-docker.capabilities-kept expired on 2026-01-31; its findings count again")
        .file(java.nio.file.Path.of("/home/claw/.openclaw/doctor-waivers.json5"))
        .location(3, 5)
        .evidence("waiver.code", "sandbox-docker.capabilities-kept")
        .remediation(Remediation.of("Renew or delete it.", "\"${EDITOR:-vi}\" +3 '/home/claw/.openclaw/doctor-waivers.json5'"))
        .build().withCheckId("doctor");
    return new Report("0.1.0-test", Instant.parse("2026-11-29T12:00:00Z"), Duration.ofMillis(321), Severity.WARNING, List.of(
        new CheckReport("doctor", "doctor", "doctor itself", CheckStatus.FAILED, Duration.ZERO, null, List.of(expired), Map.of()),
        new CheckReport("codex-bwrap", "codex-bwrap", "Codex bubblewrap namespaces", CheckStatus.PASSED, Duration.ofMillis(42), null,
            List.of(bwrap), Map.of())));
  }

  public static Report clean() {
    return new Report("0.1.0-test", Instant.parse("2026-11-29T12:00:00Z"), Duration.ofMillis(80), Severity.WARNING, List.of(
        new CheckReport("codex-bwrap", "codex-bwrap", "Codex bubblewrap namespaces", CheckStatus.PASSED, Duration.ofMillis(42), null, List.of(), Map.of()),
        new CheckReport("sandbox-docker", "sandbox-docker", "Docker sandbox", CheckStatus.SKIPPED, Duration.ofMillis(1), "sandbox mode is off", List.of(), Map.of())));
  }
}
