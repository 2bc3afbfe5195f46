package dev.doctor.plugins.codexbwrap;

import dev.doctor.api.Finding;
import dev.doctor.api.Remediation;
import dev.doctor.api.Severity;

/** Turns a failed probe into the finding a user reads. Stateless. */
final class NamespaceFindings {

  static final String USER_DENIED = "codex-bwrap.user-namespace-denied";
  static final String NETWORK_DENIED = "codex-bwrap.network-namespace-denied";
  static final String UNSHARE_MISSING = "codex-bwrap.unshare-missing";

  private NamespaceFindings() {}

  /** The finding for {@code failed}, a probe that did not pass. */
  static Finding of(ProbeOutcome failed, SandboxSettings settings) {
    if (failed.passed()) {
      throw new IllegalArgumentException("probe passed: " + failed.command());
    }
    Finding.Builder builder = failed.unshareMissing() ? unshareMissing() : denied(failed);
    return builder
        .at(settings.mode())
        .evidence("probe.command", failed.command())
        .evidence("probe.result", failed.summary())
        .evidence("probe.stderr", failed.firstStderrLine())
        .evidence("probe.error", failed.startError())
        .evidence("sandbox.docker.network", settings.networkDescription())
        .build();
  }

  private static Finding.Builder denied(ProbeOutcome failed) {
    Namespace namespace = failed.namespace();
    String message =
        "The "
            + namespace.label()
            + " namespace probe failed ("
            + failed.summary()
            + "): sandboxed Codex shell commands fail before they start with \""
            + namespace.codexSymptom()
            + "\"";
    return Finding.builder(code(namespace), Severity.ERROR, message).remediation(remediation(namespace));
  }

  private static Finding.Builder unshareMissing() {
    return Finding.builder(
            UNSHARE_MISSING,
            Severity.WARNING,
            "unshare is not installed, so the namespaces Codex bwrap needs could not be probed")
        .remediation(
            Remediation.of(
                "Install util-linux, which provides unshare, and run doctor again. Codex itself does"
                    + " not need unshare; doctor uses it to try the namespaces bwrap will ask for."));
  }

  static String code(Namespace namespace) {
    return switch (namespace) {
      case USER -> USER_DENIED;
      case NETWORK -> NETWORK_DENIED;
    };
  }

  private static Remediation remediation(Namespace namespace) {
    boolean network = namespace == Namespace.NETWORK;
    String text =
        "Let the gateway's service user create unprivileged "
            + (network ? "user and network namespaces" : "user namespaces")
            + ", then restart the gateway (openclaw gateway restart). The narrow fix is an AppArmor"
            + " profile for the gateway's service process that allows user namespaces (a userns rule)."
            + " Setting kernel.apparmor_restrict_unprivileged_userns=0 (sysctl -w) also works but lifts"
            + " the restriction for every program on the host; use it only if that trade-off is acceptable"
            + " there. If "
            + (network ? "user.max_user_namespaces or user.max_net_namespaces" : "user.max_user_namespaces")
            + " is 0, the kernel forbids these namespaces outright: raise the limit. Do not give the"
            + " sandbox container broad Docker privileges (--privileged, --cap-add SYS_ADMIN,"
            + " --security-opt seccomp=unconfined) to make nested bwrap work; that weakens the sandbox"
            + " around it. The commands below only show the current settings and repeat the probe; run"
            + " them as the gateway's service user.";
    return Remediation.of(
        text,
        "sysctl kernel.apparmor_restrict_unprivileged_userns",
        network ? "sysctl user.max_user_namespaces user.max_net_namespaces" : "sysctl user.max_user_namespaces",
        String.join(" ", namespace.probeArgv()));
  }
}
