package dev.doctor.plugins.codexbwrap;

import dev.doctor.api.Command;
import dev.doctor.api.Remediation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The repair for each cause, least privilege first: a change scoped to bwrap before a host-wide
 * one, and never broad container privileges. Only commands that look (or repeat a probe) go into
 * {@link Remediation#commands()}; anything that changes the host is spelled out in the text, for a
 * person to read before running it. Stateless.
 */
final class Remedies {

  static final String PROFILE_NAME = "openclaw-bwrap";
  static final String PROFILE_FILE = AppArmorProfiles.DIR + "/" + PROFILE_NAME;
  static final String SYSCTL_FILE = "/etc/sysctl.d/60-openclaw-userns.conf";
  static final String RESTART = " Then restart the gateway (openclaw gateway restart) and run doctor again as its service user.";
  private static final String NO_BROAD_PRIVILEGES =
      " Do not give a container around the gateway broad privileges (--privileged, --cap-add SYS_ADMIN,"
          + " --security-opt seccomp=unconfined) to make nested bwrap work: that weakens the very sandbox Codex runs in.";
  private static final String SERVICE_UNIT = "openclaw-gateway.service";

  private Remedies() {}

  static Remediation forDiagnosis(Survey s, Verdict.Diagnosis d) {
    String probeAgain = d.deciding().command();
    Remediation base = switch (d.cause()) {
      case APPARMOR_USERNS_RESTRICTED -> apparmor(s, d, probeAgain);
      case APPARMOR_PROFILE_CONFLICT -> conflict(s, probeAgain, false);
      case USERNS_CLONE_DISABLED -> Remediation.of(
          "This kernel's Debian switch kernel.unprivileged_userns_clone is 0: only processes with CAP_SYS_ADMIN may"
              + " create user namespaces, and bwrap runs without it. The switch has no per-program exception. Put"
              + " kernel.unprivileged_userns_clone = 1 in " + SYSCTL_FILE + " and run sudo sysctl --system." + RESTART
              + " That lets every local user create user namespaces (Debian's default since bullseye); it is off to"
              + " shrink the kernel's attack surface, so weigh that for this host.",
          "sysctl kernel.unprivileged_userns_clone",
          "grep -rs unprivileged_userns_clone /etc/sysctl.conf /etc/sysctl.d",
          probeAgain);
      case NAMESPACE_LIMIT_ZERO -> limit(s, d, probeAgain);
      case USERNS_UNSUPPORTED -> Remediation.of(
          "The kernel has no user namespaces (built without CONFIG_USER_NS, or it answers that they are unsupported),"
              + " so no unprivileged bwrap can start, Codex's bundled copy included. Run the gateway on a kernel with"
              + " user namespaces; every mainstream distribution kernel has them." + RESTART,
          "uname -r",
          "ls -l /proc/self/ns/user");
      case CONTAINER_SECCOMP -> Remediation.of(
          "doctor runs in a container (" + String.join("; ", s.facts().containerMarkers()) + ") whose seccomp filter"
              + " refuses what bwrap needs: creating namespaces (Docker's and Podman's default filters allow that only"
              + " with CAP_SYS_ADMIN) or setting up the new network namespace's loopback."
              + " Least privilege first: (1) treat the container as the sandbox: run the gateway on the host or in a VM"
              + " where bwrap works, or, if this container is the isolation boundary you rely on, do not nest Codex's"
              + " sandbox in it (for the Codex harness, appServer.sandbox \"danger-full-access\" inside the container;"
              + " an active OpenClaw sandbox always asks for bwrap). (2) If bwrap must run here, start the container"
              + " with a seccomp profile that adds only clone/unshare with namespace flags to the runtime's default one"
              + " (--security-opt seccomp=<that profile>)." + NO_BROAD_PRIVILEGES,
          "grep -E 'Seccomp|NoNewPrivs|CapEff' /proc/self/status",
          probeAgain);
      case CONTAINER_MOUNT_DENIED -> Remediation.of(
          "doctor runs in a container (" + String.join("; ", s.facts().containerMarkers()) + "); bwrap gets its"
              + " namespaces but the container refuses the mounts it makes: the container's AppArmor profile (Docker's"
              + " docker-default denies mount) or, for \"Can't mount proc\", the /proc paths the runtime masks."
              + " Least privilege first: treat the container as the sandbox (run the gateway on the host or in a VM, or"
              + " do not nest Codex's sandbox in a container that already is your boundary). If bwrap must run here,"
              + " give the container an AppArmor profile that allows mounts inside user namespaces instead of the"
              + " default (--security-opt apparmor=<profile>), and only for \"Can't mount proc\""
              + " --security-opt systempaths=unconfined, which unmasks /proc for the whole container." + NO_BROAD_PRIVILEGES,
          "cat /proc/self/attr/current",
          probeAgain);
      case NO_NEW_PRIVS_SANDBOX -> noNewPrivs(s, d, probeAgain);
      case WSL1_UNSUPPORTED -> Remediation.of(
          "This is WSL1, which cannot create the user namespaces bwrap needs; Codex's Linux sandbox does not run on"
              + " it. Convert the distribution to WSL2 (in Windows: wsl --set-version <distribution> 2) or run the"
              + " gateway on a Linux host or VM." + RESTART,
          "wsl.exe -l -v",
          "uname -r");
      case GVISOR_UNSUPPORTED -> Remediation.of(
          "doctor runs under gVisor (runsc), whose kernel does not give bwrap the namespaces and mounts it needs."
              + " Run the gateway in a runtime on a real Linux kernel (runc, or a VM), or treat the gVisor sandbox as"
              + " the boundary and do not nest Codex's sandbox in it (for the Codex harness, appServer.sandbox"
              + " \"danger-full-access\")." + RESTART,
          "uname -a");
      case BWRAP_TOO_OLD -> tooOld(s, true);
      case UNKNOWN -> unknown(d, probeAgain);
    };
    if (d.scope() == Cause.Scope.NETWORK_ONLY) {
      return new Remediation(base.text() + " " + networkAlternative(), base.commands());
    }
    return base;
  }

  /** The text that names the cheaper but costlier way out of a network-only failure. */
  static String networkAlternative() {
    return "Alternatively give sandboxed turns network access (agents.defaults.sandbox.docker.network \"bridge\", or"
        + " -c " + CodexOverrides.NETWORK_ACCESS + "=true in the Codex harness's appServer.args): Codex then creates no"
        + " network namespace, but sandboxed commands can reach the network (downloads, and sending out whatever"
        + " they can read). Decide that on its own merits, not to silence this check.";
  }

  private static Remediation apparmor(Survey s, Verdict.Diagnosis d, String probeAgain) {
    HostFacts f = s.facts();
    List<String> commands = List.of(
        "sysctl kernel.apparmor_restrict_unprivileged_userns kernel.apparmor_restrict_unprivileged_unconfined",
        "sudo aa-status",
        "ls -l " + AppArmorProfiles.DISTRO_INSTALLED + " " + AppArmorProfiles.DISTRO_EXTRA,
        probeAgain);
    if (!f.apparmorRestricts() && f.apparmorConfined()) {
      return new Remediation(
          "doctor runs confined by the AppArmor profile " + f.apparmorLabel() + ", which does not allow creating user"
              + " namespaces; if the gateway runs the same way, Codex's bwrap inherits that. Add a userns rule to that"
              + " profile (its file under /etc/apparmor.d) and reload it with sudo apparmor_parser -r <that file>, or run"
              + " the gateway outside it. Do not switch the profile to complain mode or unload it for this." + RESTART,
          commands);
    }
    var text = new StringBuilder();
    Optional<BwrapBinary> bwrap = s.bwrap();
    String target = bwrap.map(BwrapBinary::realPath).orElse(AppArmorProfiles.DISTRO_BWRAP);
    text.append("AppArmor here lets a program use unprivileged user namespaces only if its profile allows it"
        + " (kernel.apparmor_restrict_unprivileged_userns=1), and nothing grants that to ")
        .append(bwrap.isPresent() ? target : "Codex's bwrap").append('.');
    if (bwrap.isEmpty()) {
      text.append(" First install your distribution's bubblewrap (Debian/Ubuntu: sudo apt install bubblewrap): Codex's"
          + " bundled copy runs from a path no profile can name.");
    }
    AppArmorProfiles profiles = s.profiles();
    if (!profiles.attached().isEmpty()) {
      text.append(" A profile already attaches to ").append(target).append(" (").append(profiles.attached().get(0))
          .append("), yet bwrap is refused: make sure it is loaded (sudo apparmor_parser -r <its file>) and has a"
              + " userns rule. Do not add a second profile for the same path; two on one path conflict.");
    } else if (bwrap.isPresent() && !bwrap.get().profileable()) {
      // Any profile naming this path, the distribution's included, would grant whoever can swap the file.
      BwrapBinary b = bwrap.get();
      text.append(" doctor does not suggest a profile for ").append(target).append(": ")
          .append(!b.writableBy().isEmpty()
              ? String.join("; ", b.writableBy()) + ", so whoever can replace it would inherit the permission"
              : b.versioned()
                  ? "its path carries a version, so a profile for it stops applying at the next update"
                  : "its path has characters a profile would read as a pattern")
          .append(". Install the distribution's bubblewrap (").append(AppArmorProfiles.DISTRO_BWRAP)
          .append(", owned by root and not writable by others), put it first on the gateway's PATH, and give that a"
              + " profile instead.");
    } else if (target.equals(AppArmorProfiles.DISTRO_BWRAP) && profiles.distroInstalled()) {
      text.append(" The distribution's profile ").append(AppArmorProfiles.DISTRO_INSTALLED)
          .append(" is on disk but not in effect: load it with sudo apparmor_parser -r ")
          .append(AppArmorProfiles.DISTRO_INSTALLED).append('.');
    } else if (target.equals(AppArmorProfiles.DISTRO_BWRAP) && profiles.distroAvailable()) {
      text.append(" Least privilege: enable the distribution's own profile for it, sudo install -m 0644 ")
          .append(AppArmorProfiles.DISTRO_EXTRA).append(' ').append(AppArmorProfiles.DIR)
          .append("/ and then sudo apparmor_parser -r ").append(AppArmorProfiles.DISTRO_INSTALLED)
          .append(". It lets ").append(AppArmorProfiles.DISTRO_BWRAP)
          .append(" create user namespaces and runs the sandboxed command without capabilities.");
    } else {
      text.append(" Least privilege: give exactly ").append(target)
          .append(" a profile that allows user namespaces. As root, save this as ").append(PROFILE_FILE)
          .append(" (the same, laid out as a file, is in this finding's evidence as apparmor.suggested-profile): ")
          .append(oneLineProfile(target)).append(" and load it with sudo apparmor_parser -r ").append(PROFILE_FILE)
          .append('.');
    }
    text.append(RESTART);
    text.append(" Host-wide fallback, last: kernel.apparmor_restrict_unprivileged_userns = 0 in ").append(SYSCTL_FILE)
        .append(", then sudo sysctl --system. That lifts the restriction for every program on the host and reopens the"
            + " kernel attack surface the distribution closed; use it only where that posture is acceptable.");
    return new Remediation(text.toString(), commands);
  }

  /** The profile doctor would suggest for {@code path}, as a file; empty when it suggests none. */
  static Optional<String> suggestedProfile(Survey s) {
    if (!s.facts().apparmorRestricts() || !s.profiles().attached().isEmpty()) {
      return Optional.empty();
    }
    Optional<BwrapBinary> bwrap = s.bwrap();
    String target = bwrap.map(BwrapBinary::realPath).orElse(AppArmorProfiles.DISTRO_BWRAP);
    boolean distro = target.equals(AppArmorProfiles.DISTRO_BWRAP)
        && (s.profiles().distroInstalled() || s.profiles().distroAvailable());
    if (distro || !bwrap.map(BwrapBinary::profileable).orElse(true)) {
      return Optional.empty();
    }
    return Optional.of(String.join("\n",
        "abi <abi/4.0>,",
        "include <tunables/global>",
        "",
        "# Lets " + target + " create unprivileged user namespaces, for Codex's sandbox.",
        "profile " + PROFILE_NAME + " " + target + " flags=(unconfined) {",
        "  userns,",
        "",
        "  include if exists <local/" + PROFILE_NAME + ">",
        "}",
        ""));
  }

  private static String oneLineProfile(String target) {
    return "abi <abi/4.0>, profile " + PROFILE_NAME + " " + target + " flags=(unconfined) { userns, }";
  }

  /** For a conflict that breaks bwrap ({@code failing}) or one that only threatens to. */
  static Remediation conflict(Survey s, String probeAgain, boolean standalone) {
    List<String> files = s.profiles().attached().stream().map(a -> a.replaceFirst(" \\(profile .*\\)$", "")).toList();
    String target = s.bwrap().map(BwrapBinary::realPath).orElse("bwrap");
    var commands = new ArrayList<String>();
    var grep = new ArrayList<>(List.of("grep", "-n", "-e", "profile", "-e", "userns"));
    grep.addAll(files);
    commands.add(Command.of(grep).display());
    commands.add("sudo aa-status");
    commands.add(probeAgain);
    return new Remediation(
        files.size() + " AppArmor profiles attach to " + target + " (" + String.join("; ", s.profiles().attached())
            + "). The kernel applies whichever was loaded last, so what bwrap may do depends on load order"
            + (standalone ? " (it works now, and may not after the next reload or boot)." : ", and right now it is refused.")
            + " Keep exactly one that has a userns rule (the distribution's " + AppArmorProfiles.DISTRO_NAME
            + " where it is installed) and disable each other one: sudo ln -s /etc/apparmor.d/<name>"
            + " /etc/apparmor.d/disable/ and sudo apparmor_parser -R /etc/apparmor.d/<name>; then reload the one you"
            + " keep with sudo apparmor_parser -r." + RESTART,
        commands);
  }

  private static Remediation limit(Survey s, Verdict.Diagnosis d, String probeAgain) {
    var zero = HostFacts.LIMIT_KINDS.stream()
        .filter(k -> s.facts().limit(k) != null && s.facts().limit(k) == 0)
        .map(k -> "user.max_" + k + "_namespaces")
        .filter(d.detail()::contains)
        .toList();
    String text;
    if (!zero.isEmpty()) {
      // As high as the host's other namespace limits, or a modest value where those are unset or unbounded.
      long lowest = HostFacts.LIMIT_KINDS.stream().map(s.facts()::limit)
          .filter(v -> v != null && v > 0).mapToLong(Long::longValue).min().orElse(10000);
      long suggested = lowest > 1_000_000 ? 10000 : lowest;
      text = d.detail() + ": the kernel refuses every new namespace of that kind. Raise it: put "
          + String.join(", ", zero.stream().map(k -> k + " = " + suggested).toList()) + " in " + SYSCTL_FILE
          + " and run sudo sysctl --system." + RESTART + " A 0 here is usually a deliberate hardening choice, and a"
          + " positive limit lets every local user create such namespaces; inside a container the limit belongs to the"
          + " host or the container runtime, so change it there.";
    } else {
      text = "The kernel answered ENOSPC (" + d.detail() + "). The limits doctor reads in /proc/sys/user are not 0, so"
          + " the one that ran out belongs to a parent user namespace (a container runtime or a sandbox around the"
          + " gateway), or the gateway already runs 32 user namespaces deep. Raise the limit where it is set (the"
          + " host's or the runtime's /proc/sys/user), or run the gateway less deeply nested." + RESTART;
    }
    return Remediation.of(
        text,
        "sysctl user.max_user_namespaces user.max_net_namespaces user.max_mnt_namespaces user.max_pid_namespaces",
        "grep -rs _namespaces /etc/sysctl.conf /etc/sysctl.d",
        probeAgain);
  }

  private static Remediation noNewPrivs(Survey s, Verdict.Diagnosis d, String probeAgain) {
    HostFacts f = s.facts();
    String show = " show " + SERVICE_UNIT + " -p NoNewPrivileges -p RestrictNamespaces -p SystemCallFilter";
    List<String> commands = List.of("systemctl --user" + show, "systemctl" + show, probeAgain);
    if (!d.detail().isEmpty()) {
      return new Remediation(
          s.bwrap().map(BwrapBinary::realPath).orElse("bwrap") + " is setuid root, and no_new_privs (NoNewPrivileges=yes"
              + " in a systemd unit, or a sandbox around the gateway) makes the kernel ignore that, so bwrap runs"
              + " unprivileged and is refused. Keep no_new_privs; instead install a bwrap without the setuid bit and let"
              + " it use unprivileged user namespaces (run doctor again: it then names what still stands in the way)."
              + RESTART,
          commands);
    }
    String signs = "NoNewPrivs " + (f.noNewPrivs() ? 1 : 0) + ", Seccomp " + (f.seccompFilter() ? "2 (filter)" : "0")
        + (f.landlock() ? ", Landlock active in the kernel" : "");
    return new Remediation(
        "doctor runs inside an outer sandbox that refuses what bwrap needs (" + signs + "): typically a systemd unit"
            + " with RestrictNamespaces=, SystemCallFilter= or a Landlock wrapper, or another agent's sandbox (Codex"
            + " inside Codex) around the gateway. If systemd starts the gateway, allow just these namespaces in a"
            + " drop-in (systemctl --user edit " + SERVICE_UNIT + ", or without --user for a system unit):"
            + " RestrictNamespaces=user net mnt pid, and keep @mount out of any SystemCallFilter= deny list;"
            + " NoNewPrivileges=yes can stay, unprivileged bwrap does not need it lifted. If the gateway runs inside"
            + " another sandbox, run it outside that sandbox instead." + RESTART,
        commands);
  }

  /** {@code failing}: the probe rejected an option; otherwise only the version predates --argv0. */
  static Remediation tooOld(Survey s, boolean failing) {
    String path = s.bwrap().map(BwrapBinary::realPath).orElse("bwrap");
    String version = s.probes().bwrapVersion();
    String which = path + (version.isEmpty() ? "" : " (" + version + ")");
    String text = failing
        ? which + " rejects an option Codex passes to it. Install bubblewrap 0.9.0 or newer from your distribution (or"
            + " its backports), or take this copy off the gateway's PATH so Codex uses its bundled one." + RESTART
        : which + " predates --argv0 (bubblewrap 0.9.0). Codex releases that pass it unconditionally fail every"
            + " sandboxed command with \"bwrap: Unknown option --argv0\"; current ones check the version first. If"
            + " Codex shows that error, install bubblewrap 0.9.0 or newer from your distribution (or its backports).";
    return Remediation.of(text, Command.of(path, "--version").display());
  }

  static Remediation bwrapMissing() {
    return Remediation.of(
        "Install your distribution's bubblewrap (Debian/Ubuntu: sudo apt install bubblewrap; Fedora: sudo dnf install"
            + " bubblewrap): it gets security updates with the system, and it is the copy an AppArmor profile can name."
            + " Until then Codex uses the copy bundled with it, and doctor probed the kernel with unshare instead.",
        "command -v bwrap");
  }

  static Remediation unshareMissing() {
    return Remediation.of(
        "Install util-linux, which provides unshare, and run doctor again. Codex itself does not need unshare; doctor"
            + " uses it to try the namespaces bwrap will ask for, and without a system bwrap it has nothing else to try.");
  }

  private static Remediation unknown(Verdict.Diagnosis d, String probeAgain) {
    boolean network = d.scope() == Cause.Scope.NETWORK_ONLY;
    String text =
        "doctor could not tell what refuses it; the facts it read are in this finding's evidence (doctor -v). Let the"
            + " gateway's service user create unprivileged "
            + (network ? "user and network namespaces" : "user namespaces")
            + ", then restart the gateway (openclaw gateway restart). The narrow fix is an AppArmor"
            + " profile for bwrap that allows user namespaces (a userns rule)."
            + " Setting kernel.apparmor_restrict_unprivileged_userns=0 (sysctl -w) also works but lifts"
            + " the restriction for every program on the host; use it only if that trade-off is acceptable"
            + " there. If "
            + (network ? "user.max_user_namespaces or user.max_net_namespaces" : "user.max_user_namespaces")
            + " is 0, the kernel forbids these namespaces outright: raise the limit." + NO_BROAD_PRIVILEGES
            + " The commands below only show the current settings and repeat the probe; run"
            + " them as the gateway's service user.";
    return Remediation.of(
        text,
        "sysctl kernel.apparmor_restrict_unprivileged_userns",
        network ? "sysctl user.max_user_namespaces user.max_net_namespaces" : "sysctl user.max_user_namespaces",
        probeAgain);
  }
}
