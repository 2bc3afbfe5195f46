package dev.doctor.core.testing;

import dev.doctor.api.CheckReport;
import dev.doctor.api.CheckStatus;
import dev.doctor.api.Finding;
import dev.doctor.api.Fix;
import dev.doctor.api.FixReport;
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
   * {@link #mixed()} after {@code doctor --fix}: one fix of each outcome, with a diff, a reason
   * and a note where they occur.
   */
  public static Report withFixes() {
    String diff = String.join("\n",
        "--- /home/claw/.openclaw/openclaw.json",
        "+++ /home/claw/.openclaw/openclaw.json",
        "@@ -3,3 +3,3 @@",
        "   models: {",
        "-    apiKey: \"«redacted: 51 chars»\",",
        "+    apiKey: { source: \"file\", provider: \"filemain\", id: \"/models/apiKey\" },",
        "   },",
        "");
    return mixed().withFixes(List.of(
        new FixReport("config-secrets.tighten-permissions", "config-secrets", "chmod 600 /home/claw/.openclaw/openclaw.json (from 0644)",
            Fix.Kind.FILE_PERMISSION, false, true, false, null, FixReport.Status.REPAIRED, null, null),
        new FixReport("config-secrets.move-to-secretref", "config-secrets", "move the credential at models.apiKey into ~/.openclaw/secrets.json",
            Fix.Kind.CONFIG_EDIT, false, false, false, diff, FixReport.Status.PARTIAL,
            "the check now reports: SecretRef at models.apiKey does not resolve", "Rotate this credential with its provider."),
        new FixReport("sandbox-docker.pull-image", "sandbox-docker", "docker pull ghcr.io/acme/sandbox:1 (downloads it from its registry)",
            Fix.Kind.COMMAND, false, false, false, null, FixReport.Status.FAILED,
            "/usr/bin/docker pull ghcr.io/acme/sandbox:1: exit 1: Error response from daemon: pull access denied", null),
        new FixReport("codex-bwrap.install-apparmor-profile", "codex-bwrap", "write the AppArmor profile /etc/apparmor.d/openclaw-bwrap",
            Fix.Kind.COMMAND, true, false, false, null, FixReport.Status.SKIPPED, "needs root: run doctor as root (sudo) to apply it", null),
        new FixReport("codex-bwrap.sysctl-apparmor-userns", "codex-bwrap", "set kernel.apparmor_restrict_unprivileged_userns = 0",
            Fix.Kind.COMMAND, true, false, true, null, FixReport.Status.SKIPPED,
            "opt-in: apply it by name with --fix-only codex-bwrap.sysctl-apparmor-userns", null),
        new FixReport("sandbox-docker.create-network", "sandbox-docker", "docker network create --driver bridge sandnet",
            Fix.Kind.COMMAND, false, false, false, null, FixReport.Status.DECLINED, null, null),
        new FixReport("config-secrets.use-env-ref", "config-secrets", "replace the credential at a.token with the env ref ${TOKEN}",
            Fix.Kind.CONFIG_EDIT, false, false, false, diff, FixReport.Status.PLANNED, null, null)));
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
