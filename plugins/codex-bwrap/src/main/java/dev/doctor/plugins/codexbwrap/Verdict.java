package dev.doctor.plugins.codexbwrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether each of Codex's sandbox modes works here, and for the first that does not, its one
 * primary cause. Immutable; built by {@link #judge}.
 *
 * @param sandbox bwrap without network isolation
 * @param networkIsolated bwrap with {@code --unshare-net}
 * @param diagnosis the cause of the failing mode; empty when none fails or none could be probed
 */
record Verdict(Mode sandbox, Mode networkIsolated, Optional<Diagnosis> diagnosis) {

  /** How one mode fared. */
  enum Mode {
    WORKS,
    FAILS,
    /** Nothing could probe it (no bwrap and no unshare). */
    UNKNOWN,
    /** Codex does not use it with this config. */
    NOT_NEEDED
  }

  /**
   * One primary cause.
   *
   * @param cause never null
   * @param scope which modes it breaks; never null
   * @param deciding the probe that showed the failure; never null
   * @param symptom what the probes' stderr said; never null
   * @param detail a short clause naming the specifics (which limit, which profiles); never null
   */
  record Diagnosis(Cause cause, Cause.Scope scope, ProbeOutcome deciding, Symptom symptom, String detail) {
    String code() {
      return cause.code(scope);
    }
  }

  static Verdict judge(Survey s) {
    Probes p = s.probes();
    boolean bwrap = s.bwrap().isPresent();
    Mode sandbox;
    Mode net;
    ProbeOutcome sandboxDeciding = null;
    ProbeOutcome netDeciding = null;
    if (bwrap) {
      sandboxDeciding = p.get(Probe.BWRAP).orElseThrow();
      sandbox = sandboxDeciding.passed() ? Mode.WORKS : Mode.FAILS;
      if (s.isolatesNetwork()) {
        netDeciding = p.get(Probe.BWRAP_NET).orElseThrow();
        net = netDeciding.passed() ? Mode.WORKS : Mode.FAILS;
      } else {
        net = Mode.NOT_NEEDED;
      }
    } else {
      // Codex's bundled bwrap is unprivileged: the kernel answers it as it answers unshare.
      ProbeOutcome user = p.get(Probe.USER).orElseThrow();
      ProbeOutcome mount = p.get(Probe.MOUNT).orElseThrow();
      if (user.notFound()) {
        sandbox = Mode.UNKNOWN;
      } else {
        sandbox = user.passed() && mount.passed() ? Mode.WORKS : Mode.FAILS;
        sandboxDeciding = !user.passed() ? user : mount;
      }
      if (!s.isolatesNetwork()) {
        net = Mode.NOT_NEEDED;
      } else {
        netDeciding = p.get(Probe.NETWORK).orElseThrow();
        net = netDeciding.notFound() ? Mode.UNKNOWN : netDeciding.passed() ? Mode.WORKS : Mode.FAILS;
      }
    }
    Optional<Diagnosis> diagnosis = Optional.empty();
    if (sandbox == Mode.FAILS) {
      diagnosis = Optional.of(classify(s, Cause.Scope.ALL, sandboxDeciding));
    } else if (net == Mode.FAILS && sandbox == Mode.WORKS) {
      diagnosis = Optional.of(classify(s, Cause.Scope.NETWORK_ONLY, netDeciding));
    }
    return new Verdict(sandbox, net, diagnosis);
  }

  /** The unshare probes that speak to {@code scope}, in the order they narrow a failure down. */
  private static List<Probe> narrowing(Survey s, Cause.Scope scope) {
    return scope == Cause.Scope.NETWORK_ONLY
        ? List.of(Probe.NETWORK)
        : s.isolatesNetwork() ? List.of(Probe.USER, Probe.MOUNT, Probe.NETWORK) : List.of(Probe.USER, Probe.MOUNT);
  }

  /** The rules, most specific first; the first that fits names the cause. */
  static Diagnosis classify(Survey s, Cause.Scope scope, ProbeOutcome deciding) {
    HostFacts f = s.facts();
    Probes p = s.probes();
    Symptom symptom = deciding.symptom();
    if (symptom == Symptom.OTHER || symptom == Symptom.TIMEOUT || symptom == Symptom.NOT_STARTED) {
      // A terse bwrap failure: an unshare probe may say more plainly what was refused.
      for (Probe probe : narrowing(s, scope)) {
        Symptom other = p.symptom(probe);
        if (other.isPolicyDenial() || other == Symptom.LIMIT || other == Symptom.NO_USERNS_SUPPORT) {
          symptom = other;
          break;
        }
      }
    }
    Symptom sym = symptom;
    Function<Cause, Diagnosis> named = c -> new Diagnosis(c, scope, deciding, sym, "");

    if (f.wsl1()) {
      return named.apply(Cause.WSL1_UNSUPPORTED);
    }
    if (f.gvisor()) {
      return named.apply(Cause.GVISOR_UNSUPPORTED);
    }
    if (symptom == Symptom.UNKNOWN_OPTION) {
      String line = deciding.firstStderrLine();
      return new Diagnosis(Cause.BWRAP_TOO_OLD, scope, deciding, symptom, line == null ? "" : line);
    }
    List<String> zero = new ArrayList<>();
    for (String kind : limitKinds(scope)) {
      Long limit = f.limit(kind);
      if (limit != null && limit == 0) {
        zero.add("user.max_" + kind + "_namespaces");
      }
    }
    if (!zero.isEmpty()) {
      return new Diagnosis(Cause.NAMESPACE_LIMIT_ZERO, scope, deciding, symptom,
          String.join(" and ", zero) + (zero.size() == 1 ? " is 0" : " are 0"));
    }
    if (symptom == Symptom.LIMIT || narrowing(s, scope).stream().anyMatch(pr -> p.symptom(pr) == Symptom.LIMIT)) {
      return new Diagnosis(Cause.NAMESPACE_LIMIT_ZERO, scope, deciding, Symptom.LIMIT, exhaustedKind(s, scope));
    }
    if (symptom == Symptom.NO_USERNS_SUPPORT || (scope == Cause.Scope.ALL && !f.userNamespaces())) {
      return named.apply(Cause.USERNS_UNSUPPORTED);
    }
    if (s.bwrap().map(BwrapBinary::setuidRoot).orElse(false) && f.noNewPrivs()) {
      return new Diagnosis(Cause.NO_NEW_PRIVS_SANDBOX, scope, deciding, symptom,
          "bwrap is setuid root, and no_new_privs makes the kernel ignore that");
    }
    boolean createDenied = symptom == Symptom.CREATE_DENIED || p.symptom(Probe.USER) == Symptom.CREATE_DENIED;
    Long clone = f.unprivilegedUsernsClone();
    if (scope == Cause.Scope.ALL && clone != null && clone == 0 && !f.capSysAdmin() && createDenied) {
      return named.apply(Cause.USERNS_CLONE_DISABLED);
    }
    if (symptom.isPolicyDenial() && !f.capSysAdmin() && f.apparmorRestricts()) {
      if (s.profiles().conflict()) {
        return new Diagnosis(Cause.APPARMOR_PROFILE_CONFLICT, scope, deciding, symptom,
            s.profiles().attached().size() + " profiles attach to " + s.bwrap().map(BwrapBinary::realPath).orElse("bwrap"));
      }
      return named.apply(Cause.APPARMOR_USERNS_RESTRICTED);
    }
    if (symptom == Symptom.CREATE_DENIED && f.apparmorConfined() && f.apparmorUsernsMediation()) {
      return new Diagnosis(Cause.APPARMOR_USERNS_RESTRICTED, scope, deciding, symptom,
          "doctor runs confined by the AppArmor profile " + f.apparmorLabel());
    }
    // A seccomp filter can refuse the namespace itself, or the netlink calls that set up its loopback.
    boolean filtered = f.seccompFilter() && (symptom == Symptom.CREATE_DENIED || symptom == Symptom.LOOPBACK);
    if (f.inContainer() && filtered) {
      return named.apply(Cause.CONTAINER_SECCOMP);
    }
    if (f.inContainer() && symptom.isMount()) {
      return named.apply(Cause.CONTAINER_MOUNT_DENIED);
    }
    boolean outerSandbox = f.noNewPrivs() || f.seccompFilter();
    if (!f.inContainer() && (filtered || outerSandbox && (symptom == Symptom.CREATE_DENIED || symptom.isMount()))) {
      return named.apply(Cause.NO_NEW_PRIVS_SANDBOX);
    }
    return named.apply(Cause.UNKNOWN);
  }

  /**
   * The limits that matter for {@code scope}: bwrap always makes user, mount and pid namespaces;
   * the network namespace only when isolated, which is the network-only case.
   */
  private static List<String> limitKinds(Cause.Scope scope) {
    return scope == Cause.Scope.NETWORK_ONLY ? List.of("net") : List.of("user", "mnt", "pid");
  }

  /** Which namespace kind ran out, as far as the unshare probes tell. */
  private static String exhaustedKind(Survey s, Cause.Scope scope) {
    Probes p = s.probes();
    String kind;
    if (scope == Cause.Scope.NETWORK_ONLY) {
      kind = "net";
    } else if (p.symptom(Probe.USER) == Symptom.LIMIT) {
      kind = "user";
    } else if (p.symptom(Probe.MOUNT) == Symptom.LIMIT) {
      kind = "mnt";
    } else {
      // unshare made user, mount and network namespaces; of bwrap's, only pid is left.
      kind = "pid";
    }
    return "the kernel refused a new " + kind + " namespace (ENOSPC): user.max_" + kind
        + "_namespaces is used up where the probe ran, or the nesting depth of 32 user namespaces is reached";
  }
}
