package dev.doctor.plugins.codexbwrap;

import dev.doctor.api.Finding;
import dev.doctor.api.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns a survey and its verdict into the findings a user reads. Stateless. */
final class Findings {

  /** The version that added {@code --argv0}, which some Codex releases pass unconditionally. */
  static final int[] ARGV0_VERSION = {0, 9, 0};

  // The facts that bear on each cause; the unknown cause gets all of them.
  private static final Map<Cause, List<String>> RELEVANT = Map.ofEntries(
      Map.entry(Cause.APPARMOR_USERNS_RESTRICTED, List.of("os", "kernel.apparmor_restrict_unprivileged_userns",
          "kernel.apparmor_restrict_unprivileged_unconfined", "apparmor.enabled", "apparmor.userns_create",
          "apparmor.label", "apparmor.bwrap-profiles", "apparmor.bwrap-userns-restrict", "bwrap.real-path",
          "bwrap.owner", "bwrap.mode", "bwrap.replaceable", "bwrap.versioned-path", "process.uid", "process.CapEff")),
      Map.entry(Cause.APPARMOR_PROFILE_CONFLICT, List.of("kernel.apparmor_restrict_unprivileged_userns",
          "apparmor.bwrap-profiles", "apparmor.bwrap-userns-restrict", "bwrap.real-path")),
      Map.entry(Cause.USERNS_CLONE_DISABLED, List.of("os", "kernel.release", "kernel.unprivileged_userns_clone",
          "process.uid", "process.CapEff")),
      Map.entry(Cause.NAMESPACE_LIMIT_ZERO, List.of("user.max_user_namespaces", "user.max_net_namespaces",
          "user.max_mnt_namespaces", "user.max_pid_namespaces", "container")),
      Map.entry(Cause.USERNS_UNSUPPORTED, List.of("kernel.release", "kernel.version", "user-namespaces")),
      Map.entry(Cause.CONTAINER_SECCOMP, List.of("container", "process.Seccomp", "process.NoNewPrivs",
          "process.CapEff")),
      Map.entry(Cause.CONTAINER_MOUNT_DENIED, List.of("container", "apparmor.label", "process.Seccomp",
          "process.NoNewPrivs")),
      Map.entry(Cause.NO_NEW_PRIVS_SANDBOX, List.of("process.NoNewPrivs", "process.Seccomp", "lsm", "container",
          "bwrap.real-path", "bwrap.mode")),
      Map.entry(Cause.WSL1_UNSUPPORTED, List.of("kernel.release", "kernel.version", "wsl")),
      Map.entry(Cause.GVISOR_UNSUPPORTED, List.of("kernel.release", "kernel.version", "gvisor", "container")),
      Map.entry(Cause.BWRAP_TOO_OLD, List.of("bwrap.real-path", "bwrap.version")));

  private Findings() {}

  static List<Finding> of(Survey s, Verdict v) {
    var findings = new ArrayList<Finding>();
    Optional<Verdict.Diagnosis> diagnosis = v.diagnosis();
    diagnosis.ifPresent(d -> findings.add(cause(s, d)));
    Cause primary = diagnosis.map(Verdict.Diagnosis::cause).orElse(null);
    Trigger where = s.triggerFor(Cause.Scope.ALL);

    if (s.bwrap().isEmpty()) {
      String skipped = s.lookup().skipped().isEmpty() ? "" : " (one inside the gateway workspace was skipped)";
      findings.add(Finding.builder(Cause.BWRAP_MISSING, Severity.WARNING,
              "No bwrap on PATH outside the gateway workspace" + skipped + ", so Codex falls back to its bundled copy")
          .at(where.node())
          .evidence("bwrap.path", s.bwrapFacts().get("bwrap.path"))
          .evidence("bwrap.skipped", s.bwrapFacts().get("bwrap.skipped"))
          .remediation(Remedies.bwrapMissing())
          .build());
      ProbeOutcome user = s.probes().get(Probe.USER).orElseThrow();
      if (user.notFound()) {
        findings.add(Finding.builder(Cause.UNSHARE_MISSING, Severity.WARNING,
                "unshare is not installed and there is no system bwrap, so the namespaces Codex's bwrap needs could not be probed")
            .at(where.node())
            .evidence("probe.command", user.command())
            .evidence("probe.result", user.summary())
            .evidence("probe.error", user.startError())
            .evidence("sandbox.docker.network", s.applies().defaults().networkDescription())
            .remediation(Remedies.unshareMissing())
            .build());
      }
    } else if (primary != Cause.BWRAP_TOO_OLD && olderThan(s.probes().bwrapVersion(), ARGV0_VERSION)) {
      BwrapBinary b = s.bwrap().get();
      findings.add(Finding.builder(Cause.BWRAP_TOO_OLD.code(Cause.Scope.ALL), Severity.INFO,
              "bwrap " + s.probes().bwrapVersion() + " at " + b.realPath()
                  + " predates --argv0 (0.9.0), which some Codex releases pass")
          .at(where.node())
          .evidence("bwrap.real-path", b.realPath())
          .evidence("bwrap.version", s.probes().bwrapVersion())
          .remediation(Remedies.tooOld(s, false))
          .build());
    }
    if (s.profiles().conflict() && primary != Cause.APPARMOR_PROFILE_CONFLICT) {
      findings.add(Finding.builder(Cause.APPARMOR_PROFILE_CONFLICT.code(Cause.Scope.ALL), Severity.WARNING,
              s.profiles().attached().size() + " AppArmor profiles attach to "
                  + s.bwrap().map(BwrapBinary::realPath).orElse("bwrap") + "; which one applies depends on load order")
          .at(where.node())
          .evidence("apparmor.bwrap-profiles", String.join("; ", s.profiles().attached()))
          .remediation(Remedies.conflict(s, s.probes().get(Probe.BWRAP).map(ProbeOutcome::command).orElse("bwrap --version"), true))
          .build());
    }
    return findings;
  }

  private static Finding cause(Survey s, Verdict.Diagnosis d) {
    Trigger trigger = s.triggerFor(d.scope());
    ProbeOutcome deciding = d.deciding();
    Finding.Builder builder = Finding.builder(d.code(), Severity.ERROR, message(s, d))
        .at(trigger.node())
        .evidence("mode", d.scope() == Cause.Scope.ALL
            ? "every sandboxed command (with and without network isolation)"
            : "network-isolated commands only (bwrap without --unshare-net works)")
        .evidence("probe.command", deciding.command())
        .evidence("probe.result", deciding.summary())
        .evidence("probe.stderr", deciding.firstStderrLine())
        .evidence("probe.error", deciding.startError())
        .evidence("probe.symptom", d.symptom().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
        .evidence("narrowing", narrowing(s))
        .evidence("sandbox.docker.network", s.applies().defaults().networkDescription())
        .evidence("applies.because", s.because());
    Map<String, String> facts = s.allFacts();
    if (d.cause() == Cause.UNKNOWN) {
      builder.evidence(facts);
    } else {
      var relevant = new LinkedHashMap<String, String>();
      for (String key : RELEVANT.getOrDefault(d.cause(), List.of())) {
        if (facts.containsKey(key)) {
          relevant.put(key, facts.get(key));
        }
      }
      builder.evidence(relevant);
    }
    if (d.cause() == Cause.APPARMOR_USERNS_RESTRICTED) {
      Remedies.suggestedProfile(s).ifPresent(p -> builder.evidence("apparmor.suggested-profile", p));
    }
    return builder.remediation(Remedies.forDiagnosis(s, d)).build();
  }

  /** The unshare probes' results in one line, e.g. {@code user exit 0, network exit 1, mount exit 0}. */
  static String narrowing(Survey s) {
    var parts = new ArrayList<String>();
    for (Probe probe : List.of(Probe.USER, Probe.NETWORK, Probe.MOUNT)) {
      s.probes().get(probe).ifPresent(o -> parts.add(probe.label() + " " + o.summary()));
    }
    return "unshare " + String.join(", ", parts);
  }

  static String message(Survey s, Verdict.Diagnosis d) {
    String prefix = d.scope() == Cause.Scope.ALL
        ? "Codex's bwrap sandbox cannot start here: "
        : "Codex's network-isolated bwrap sandbox cannot start here (without --unshare-net it works): ";
    String bwrap = s.bwrap().map(BwrapBinary::realPath).orElse("Codex's bundled bwrap");
    String clause = switch (d.cause()) {
      case APPARMOR_USERNS_RESTRICTED -> d.detail().isEmpty()
          ? "AppArmor restricts unprivileged user namespaces and no profile lets " + bwrap + " use them"
          : d.detail() + ", which does not allow user namespaces";
      case APPARMOR_PROFILE_CONFLICT -> d.detail() + " and they disagree";
      case USERNS_CLONE_DISABLED -> "kernel.unprivileged_userns_clone is 0, so only root may create user namespaces";
      case NAMESPACE_LIMIT_ZERO -> d.detail();
      case USERNS_UNSUPPORTED -> "the kernel does not support user namespaces";
      case CONTAINER_SECCOMP -> "the container's seccomp filter refuses what bwrap needs";
      case CONTAINER_MOUNT_DENIED -> "the container refuses the mounts bwrap makes";
      case NO_NEW_PRIVS_SANDBOX -> d.detail().isEmpty()
          ? "an outer sandbox (no_new_privs, seccomp or Landlock) refuses the namespaces or mounts bwrap needs"
          : d.detail();
      case WSL1_UNSUPPORTED -> "WSL1 has no user namespaces";
      case GVISOR_UNSUPPORTED -> "gVisor does not give bwrap the namespaces and mounts it needs";
      case BWRAP_TOO_OLD -> bwrap + " is too old (" + d.detail() + ")";
      case UNKNOWN -> "doctor could not tell why (" + d.deciding().probe().label() + " probe: " + d.deciding().summary() + ")";
    };
    return prefix + clause;
  }

  /** {@code version} (e.g. {@code 0.8.0}) is a known version below {@code bound}. */
  static boolean olderThan(String version, int[] bound) {
    if (!version.matches("\\d+(\\.\\d+)*.*")) {
      return false;
    }
    String[] parts = version.replaceFirst("[^0-9.].*$", "").split("\\.");
    for (int i = 0; i < bound.length; i++) {
      long part;
      try {
        part = i < parts.length && !parts[i].isEmpty() ? Long.parseLong(parts[i]) : 0;
      } catch (NumberFormatException e) {
        return false;
      }
      if (part != bound[i]) {
        return part < bound[i];
      }
    }
    return false;
  }
}
