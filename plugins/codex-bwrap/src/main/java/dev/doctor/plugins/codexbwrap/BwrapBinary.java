package dev.doctor.plugins.codexbwrap;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The bwrap executable Codex would run. Immutable.
 *
 * @param source where it was found: {@code PATH} or the Codex setting that names it; never null
 * @param foundAt the path as found (may be a symbolic link); never null
 * @param realPath the resolved path; the probes run this, and AppArmor attaches profiles to it; never null
 * @param uid the owner's uid, -1 if unknown
 * @param owner the owner's name (or number); never null
 * @param mode the file mode including the set-user-ID bit
 * @param writableBy why someone other than the system owner could replace the file, one reason per
 *     path component; empty when nobody can
 * @param versioned the path carries a version, so it changes with updates
 */
record BwrapBinary(
    String source, String foundAt, String realPath, int uid, String owner, int mode, List<String> writableBy,
    boolean versioned) {

  BwrapBinary {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(foundAt, "foundAt");
    Objects.requireNonNull(realPath, "realPath");
    Objects.requireNonNull(owner, "owner");
    writableBy = List.copyOf(writableBy);
  }

  /** Set-user-ID root: bwrap then runs privileged and needs no unprivileged user namespaces. */
  boolean setuidRoot() {
    return uid == 0 && (mode & 04000) != 0;
  }

  /** e.g. {@code 0755} or {@code 4755 (setuid root)}. */
  String modeText() {
    String octal = String.format(Locale.ROOT, "%04o", mode & 07777);
    return setuidRoot() ? octal + " (setuid root)" : (mode & 04000) != 0 ? octal + " (setuid)" : octal;
  }

  /**
   * Whether doctor may suggest an AppArmor profile that names this exact path: nobody but the
   * system owner can replace it, it does not change with updates, and it needs no quoting (a glob
   * or variable character would widen what the profile attaches to).
   */
  boolean profileable() {
    return writableBy.isEmpty() && !versioned && PLAIN_PATH.matcher(realPath).matches();
  }

  private static final java.util.regex.Pattern PLAIN_PATH = java.util.regex.Pattern.compile("/[A-Za-z0-9._+/-]+");
}
