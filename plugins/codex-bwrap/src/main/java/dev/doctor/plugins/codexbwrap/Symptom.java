package dev.doctor.plugins.codexbwrap;

import dev.doctor.api.CommandResult;
import java.util.List;
import java.util.Locale;

/**
 * What a failed probe's stderr says went wrong, matched loosely: bwrap's wording changed between
 * releases ("No permissions to creating new namespace" in 0.4 to 0.10, "to create a new namespace"
 * later, Debian's own patch "to create new namespace"), and the errno after the loopback messages
 * varies with the kernel and LSM.
 */
enum Symptom {
  /** Exit 0. */
  NONE,
  /** bwrap does not know an option we or Codex pass. */
  UNKNOWN_OPTION,
  /** The kernel has no user namespaces (EINVAL from clone/unshare). */
  NO_USERNS_SUPPORT,
  /** ENOSPC: a max_*_namespaces limit or the nesting depth. */
  LIMIT,
  /** Writing the uid/gid map of the new user namespace was refused. */
  UID_MAP,
  /** Setting up loopback in the new network namespace was refused. */
  LOOPBACK,
  /** Mounting proc in the sandbox was refused. */
  PROC,
  /** Changing mount propagation (the first mount bwrap makes) was refused. */
  MOUNT,
  /** Creating the namespace itself was refused (EPERM or EACCES). */
  CREATE_DENIED,
  /** The probe ran into its timeout. */
  TIMEOUT,
  /** The program is not installed. */
  NOT_FOUND,
  /** The program could not be started. */
  NOT_STARTED,
  /** It failed in a way none of the above describes. */
  OTHER;

  // Tried in order; the first group with a matching fragment wins.
  private static final List<Rule> RULES = List.of(
      new Rule(UNKNOWN_OPTION, "unknown option"),
      new Rule(NO_USERNS_SUPPORT, "does not support user namespaces", "unshare failed: invalid argument"),
      new Rule(LIMIT, "no space left on device", "enospc", "max_*_namespaces exceeded"),
      new Rule(UID_MAP, "setting up uid map", "setting up gid map", "/proc/self/uid_map", "/proc/self/gid_map",
          "/proc/self/setgroups"),
      new Rule(LOOPBACK, "loopback: failed rtm_newaddr", "loopback: failed rtm_newlink", "rtm_newaddr", "rtm_newlink"),
      new Rule(PROC, "can't mount proc", "cannot mount proc"),
      new Rule(MOUNT, "failed to make / slave", "failed to make / rslave", "cannot change root filesystem propagation",
          "failed to mount tmpfs", "mount failed"),
      new Rule(CREATE_DENIED, "no permissions to creat", "creating new namespace failed: operation not permitted",
          "creating new namespace failed: permission denied", "unshare failed: operation not permitted",
          "unshare failed: permission denied"));

  private record Rule(Symptom symptom, String... fragments) {}

  /** The symptom of {@code result}. */
  static Symptom of(CommandResult result) {
    return switch (result.outcome()) {
      case TIMED_OUT -> TIMEOUT;
      case NOT_FOUND -> NOT_FOUND;
      case FAILED_TO_START -> NOT_STARTED;
      case EXITED -> result.exitCode() == 0 ? NONE : ofStderr(result.stderr());
    };
  }

  /** The symptom a failed command's stderr shows. */
  static Symptom ofStderr(String stderr) {
    String text = stderr.toLowerCase(Locale.ROOT);
    for (Rule rule : RULES) {
      for (String fragment : rule.fragments()) {
        if (text.contains(fragment)) {
          return rule.symptom();
        }
      }
    }
    return OTHER;
  }

  /** A refusal by policy that an LSM, seccomp or an outer sandbox could have caused. */
  boolean isPolicyDenial() {
    return this == UID_MAP || this == LOOPBACK || this == PROC || this == MOUNT || this == CREATE_DENIED;
  }

  boolean isMount() {
    return this == PROC || this == MOUNT;
  }
}
