package dev.doctor.plugins.codexbwrap;

/**
 * Why Codex's sandbox cannot start, one finding code each. The codes are API: documented in
 * docs/checks/codex-bwrap.md and never renamed.
 */
enum Cause {
  APPARMOR_USERNS_RESTRICTED("codex-bwrap.apparmor-userns-restricted"),
  APPARMOR_PROFILE_CONFLICT("codex-bwrap.apparmor-profile-conflict"),
  USERNS_CLONE_DISABLED("codex-bwrap.userns-clone-disabled"),
  NAMESPACE_LIMIT_ZERO("codex-bwrap.namespace-limit-zero"),
  USERNS_UNSUPPORTED("codex-bwrap.userns-unsupported"),
  CONTAINER_SECCOMP("codex-bwrap.container-seccomp"),
  CONTAINER_MOUNT_DENIED("codex-bwrap.container-mount-denied"),
  NO_NEW_PRIVS_SANDBOX("codex-bwrap.no-new-privs-sandbox"),
  WSL1_UNSUPPORTED("codex-bwrap.wsl1-unsupported"),
  GVISOR_UNSUPPORTED("codex-bwrap.gvisor-unsupported"),
  BWRAP_TOO_OLD("codex-bwrap.bwrap-too-old"),
  /** No cause could be named; the code then depends on the mode (see {@link #code(Scope)}). */
  UNKNOWN("codex-bwrap.user-namespace-denied");

  /** The seed's codes, kept for the failures doctor cannot attribute. */
  static final String USER_DENIED = "codex-bwrap.user-namespace-denied";
  static final String NETWORK_DENIED = "codex-bwrap.network-namespace-denied";
  /** Findings that are not a cause of a failing mode. */
  static final String BWRAP_MISSING = "codex-bwrap.bwrap-missing";
  static final String UNSHARE_MISSING = "codex-bwrap.unshare-missing";

  private final String code;

  Cause(String code) {
    this.code = code;
  }

  /** The finding code when this cause breaks {@code scope}. */
  String code(Scope scope) {
    if (this == UNKNOWN) {
      return scope == Scope.NETWORK_ONLY ? NETWORK_DENIED : USER_DENIED;
    }
    return code;
  }

  /** Which of Codex's sandbox modes a failure breaks. */
  enum Scope {
    /** bwrap cannot start at all: every sandboxed command fails, with or without network isolation. */
    ALL,
    /** Only bwrap with {@code --unshare-net} fails: turns without network access break. */
    NETWORK_ONLY
  }
}
