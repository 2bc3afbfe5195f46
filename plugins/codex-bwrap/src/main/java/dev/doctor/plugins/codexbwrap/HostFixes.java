package dev.doctor.plugins.codexbwrap;

import dev.doctor.api.Change;
import dev.doctor.api.Command;
import dev.doctor.api.Finding;
import dev.doctor.api.Fix;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The repairs {@code doctor --fix} can make for this check's findings, all as root:
 *
 * <ul>
 *   <li>{@value #INSTALL_PROFILE}: the AppArmor profile the finding suggests (doctor's own for the
 *       exact bwrap path, or the distribution's {@code bwrap-userns-restrict}), written to {@code
 *       /etc/apparmor.d} and loaded with {@code apparmor_parser -r};
 *   <li>the host-wide sysctl fallbacks, applied only when named ({@code --fix-only ID}), never by
 *       {@code --fix --yes} alone: {@value #SYSCTL_APPARMOR}, {@value #SYSCTL_USERNS_CLONE},
 *       {@value #SYSCTL_LIMITS}, each written to {@code /etc/sysctl.d/60-openclaw-userns.conf} and
 *       loaded with {@code sysctl -p}.
 * </ul>
 *
 * Everything is read from the findings' evidence, so the plan is exactly what the finding said.
 * Stateless.
 */
final class HostFixes {

  static final String INSTALL_PROFILE = CodexBwrapCheck.ID + ".install-apparmor-profile";
  static final String SYSCTL_APPARMOR = CodexBwrapCheck.ID + ".sysctl-apparmor-userns";
  static final String SYSCTL_USERNS_CLONE = CodexBwrapCheck.ID + ".sysctl-userns-clone";
  static final String SYSCTL_LIMITS = CodexBwrapCheck.ID + ".sysctl-namespace-limits";

  private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);
  private static final String RESTART = "Restart the gateway (openclaw gateway restart) so Codex's sandbox starts under the change.";

  private HostFixes() {}

  static List<Fix> of(HostFiles files, List<Finding> findings) {
    List<Fix> fixes = new ArrayList<>();
    for (Finding f : findings) {
      if (f.code().equals(Cause.APPARMOR_USERNS_RESTRICTED.code(Cause.Scope.ALL))) {
        profile(files, f).ifPresent(fixes::add);
        if ("1".equals(f.evidence().get("kernel.apparmor_restrict_unprivileged_userns"))) {
          fixes.add(sysctl(files, f, SYSCTL_APPARMOR, Map.of("kernel.apparmor_restrict_unprivileged_userns", "0"),
              "every program on this host may then create user namespaces, the kernel attack surface the distribution closed"));
        }
      } else if (f.code().equals(Cause.USERNS_CLONE_DISABLED.code(Cause.Scope.ALL))) {
        fixes.add(sysctl(files, f, SYSCTL_USERNS_CLONE, Map.of("kernel.unprivileged_userns_clone", "1"),
            "every local user may then create user namespaces"));
      } else if (f.code().equals(Cause.NAMESPACE_LIMIT_ZERO.code(Cause.Scope.ALL)) && !inContainer(f)) {
        Map<String, String> limits = limits(f);
        if (!limits.isEmpty()) {
          fixes.add(sysctl(files, f, SYSCTL_LIMITS, limits, "every local user may then create such namespaces"));
        }
      }
    }
    return fixes;
  }

  /** The profile the finding suggests: doctor's own, or the distribution's (installed or at hand). */
  private static java.util.Optional<Fix> profile(HostFiles files, Finding f) {
    String suggested = f.evidence().get("apparmor.suggested-profile");
    String bwrap = f.evidence().getOrDefault("bwrap.real-path", AppArmorProfiles.DISTRO_BWRAP);
    Command load;
    if (suggested != null) {
      Path file = files.onHost(Remedies.PROFILE_FILE);
      load = Command.of("apparmor_parser", "-r", file.toString()).withTimeout(LOAD_TIMEOUT);
      Fix.Builder b = Fix.builder(INSTALL_PROFILE, "write the AppArmor profile " + Remedies.PROFILE_FILE + " that lets " + bwrap
              + " create user namespaces, and load it with apparmor_parser -r")
          .addresses(f)
          .change(Change.FileWrite.of(file, suggested, 0644))
          .change(new Change.RunCommand(load))
          .needsRoot()
          .note(RESTART);
      if (files.exists(Remedies.PROFILE_FILE)) {
        b.blocked(Remedies.PROFILE_FILE + " already exists: doctor does not replace a profile (AppArmor would load a backup"
            + " beside it too); review it, then remove it or load it yourself");
      }
      return java.util.Optional.of(b.build());
    }
    // As the remedy decides: the distribution's profile only for a system bwrap at its path that no
    // one else can replace and that no profile names yet.
    boolean distroPath = AppArmorProfiles.DISTRO_BWRAP.equals(f.evidence().get("bwrap.real-path"))
        && "none".equals(f.evidence().get("apparmor.bwrap-profiles"))
        && !f.evidence().containsKey("bwrap.replaceable") && !f.evidence().containsKey("bwrap.versioned-path");
    String distro = f.evidence().getOrDefault("apparmor.bwrap-userns-restrict", "");
    if (!distroPath || !"1".equals(f.evidence().get("kernel.apparmor_restrict_unprivileged_userns"))) {
      return java.util.Optional.empty();
    }
    Path installed = files.onHost(AppArmorProfiles.DISTRO_INSTALLED);
    load = Command.of("apparmor_parser", "-r", installed.toString()).withTimeout(LOAD_TIMEOUT);
    if (distro.startsWith("installed")) {
      return java.util.Optional.of(Fix.builder(INSTALL_PROFILE,
              "load the distribution's AppArmor profile " + AppArmorProfiles.DISTRO_INSTALLED + " with apparmor_parser -r")
          .addresses(f)
          .change(new Change.RunCommand(load))
          .needsRoot()
          .note(RESTART)
          .build());
    }
    if (distro.startsWith("available")) {
      HostFiles.Read extra = files.read(AppArmorProfiles.DISTRO_EXTRA);
      if (!extra.present() || extra.text().isBlank()) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(Fix.builder(INSTALL_PROFILE,
              "install the distribution's AppArmor profile " + AppArmorProfiles.DISTRO_NAME + " from " + AppArmorProfiles.DISTRO_EXTRA
                  + " into " + AppArmorProfiles.DIR + " and load it with apparmor_parser -r")
          .addresses(f)
          .change(Change.FileWrite.of(installed, extra.text(), 0644))
          .change(new Change.RunCommand(load))
          .needsRoot()
          .note(RESTART)
          .build());
    }
    return java.util.Optional.empty();
  }

  /** A host-wide sysctl in doctor's own file, replacing earlier lines for the same keys; opt-in. */
  private static Fix sysctl(HostFiles files, Finding f, String id, Map<String, String> settings, String cost) {
    Path file = files.onHost(Remedies.SYSCTL_FILE);
    HostFiles.Read existing = files.read(Remedies.SYSCTL_FILE);
    StringBuilder content = new StringBuilder();
    if (existing.present()) {
      for (String line : existing.text().lines().toList()) {
        String key = line.contains("=") ? line.substring(0, line.indexOf('=')).strip() : "";
        if (!settings.containsKey(key)) {
          content.append(line).append('\n');
        }
      }
    } else {
      content.append("# Written by doctor --fix-only ").append(id).append(" for Codex's bubblewrap sandbox.\n");
    }
    List<String> shown = new ArrayList<>();
    settings.forEach((k, v) -> {
      content.append(k).append(" = ").append(v).append('\n');
      shown.add(k + " = " + v);
    });
    return Fix.builder(id, "set " + String.join(", ", shown) + " in " + Remedies.SYSCTL_FILE + " and load it (sysctl -p)")
        .addresses(f)
        .change(Change.FileWrite.of(file, content.toString(), 0644))
        .change(new Change.RunCommand(Command.of("sysctl", "-p", file.toString()).withTimeout(LOAD_TIMEOUT)))
        .needsRoot()
        .optIn()
        .note("Host-wide: " + cost + ". " + RESTART)
        .build();
  }

  /** The zero namespace limits the finding names, each raised as its remedy suggests. */
  private static Map<String, String> limits(Finding f) {
    long lowest = Long.MAX_VALUE;
    List<String> zero = new ArrayList<>();
    for (String kind : HostFacts.LIMIT_KINDS) {
      String value = f.evidence().get("user.max_" + kind + "_namespaces");
      if (value == null || !value.strip().matches("\\d+")) {
        continue;
      }
      long n = Long.parseLong(value.strip());
      if (n == 0 && f.message().contains("user.max_" + kind + "_namespaces")) {
        zero.add("user.max_" + kind + "_namespaces");
      } else if (n > 0) {
        lowest = Math.min(lowest, n);
      }
    }
    long suggested = lowest == Long.MAX_VALUE || lowest > 1_000_000 ? 10000 : lowest;
    Map<String, String> limits = new LinkedHashMap<>();
    zero.forEach(k -> limits.put(k, String.valueOf(suggested)));
    return limits;
  }

  private static boolean inContainer(Finding f) {
    String container = f.evidence().get("container");
    return container != null && !container.equals("none found");
  }
}
