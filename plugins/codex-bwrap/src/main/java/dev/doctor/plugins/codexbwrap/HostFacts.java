package dev.doctor.plugins.codexbwrap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the host's files say about namespaces, AppArmor, the doctor process and its surroundings.
 * Read once per run from {@link HostFiles}; immutable.
 *
 * @param limits {@code user}, {@code net}, {@code mnt}, {@code pid} to the value of {@code
 *     /proc/sys/user/max_<kind>_namespaces}, null where unknown; never null
 * @param unprivilegedUsernsClone Debian's {@code kernel.unprivileged_userns_clone}; null if absent
 * @param apparmorRestrict {@code kernel.apparmor_restrict_unprivileged_userns}; null if absent
 * @param apparmorEnabled AppArmor is enabled in the running kernel
 * @param apparmorUsernsMediation the kernel's AppArmor can mediate user namespace creation
 * @param apparmorLabel the doctor process's AppArmor label ({@code unconfined}, {@code name (enforce)}); empty if unknown
 * @param capSysAdmin the doctor process has CAP_SYS_ADMIN in its effective set
 * @param noNewPrivs {@code NoNewPrivs} is 1 for the doctor process
 * @param seccompFilter {@code Seccomp} is 2 (a filter) for the doctor process
 * @param containerMarkers signs that doctor runs in a container; empty when none were found
 * @param wsl1 the kernel is WSL1's
 * @param wsl2 the kernel is WSL2's
 * @param gvisor the kernel is gVisor's
 * @param userNamespaces the kernel has user namespaces ({@code /proc/self/ns/user} exists)
 * @param landlock Landlock is among the active LSMs
 * @param evidence every fact as read, for evidence; never null
 */
record HostFacts(
    Map<String, Long> limits,
    Long unprivilegedUsernsClone,
    Long apparmorRestrict,
    boolean apparmorEnabled,
    boolean apparmorUsernsMediation,
    String apparmorLabel,
    boolean capSysAdmin,
    boolean noNewPrivs,
    boolean seccompFilter,
    List<String> containerMarkers,
    boolean wsl1,
    boolean wsl2,
    boolean gvisor,
    boolean userNamespaces,
    boolean landlock,
    Map<String, String> evidence) {

  /** The namespace kinds whose limits are read, in the order they are reported. */
  static final List<String> LIMIT_KINDS = List.of("user", "net", "mnt", "pid");

  private static final int CAP_SYS_ADMIN = 21;
  private static final String GVISOR_BUILD = "sun jan 10 15:06:54 pst 2016";
  private static final List<String> CONTAINER_CGROUP_WORDS =
      List.of("docker", "kubepods", "containerd", "libpod", "lxc", "crio", "buildkit");

  HostFacts {
    limits = Map.copyOf(limits.entrySet().stream()
        .filter(e -> e.getValue() != null)
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    containerMarkers = List.copyOf(containerMarkers);
    evidence = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
  }

  /** The limit for {@code kind} ({@code user}, {@code net}, ...), or null when it could not be read. */
  Long limit(String kind) {
    return limits.get(kind);
  }

  boolean inContainer() {
    return !containerMarkers.isEmpty();
  }

  /** The AppArmor label says the process is confined by a profile (not {@code unconfined}). */
  boolean apparmorConfined() {
    return apparmorEnabled && !apparmorLabel.isEmpty() && !apparmorLabel.startsWith("unconfined");
  }

  boolean apparmorRestricts() {
    return apparmorRestrict != null && apparmorRestrict == 1;
  }

  /** Reads every fact. Never throws for what the host can do. */
  static HostFacts read(HostFiles files) {
    var ev = new LinkedHashMap<String, String>();

    HostFiles.Read release = files.read("/proc/sys/kernel/osrelease");
    HostFiles.Read version = files.read("/proc/version");
    ev.put("kernel.release", release.display());
    ev.put("kernel.version", version.display());
    ev.put("os", osName(files.read("/etc/os-release")));

    var limits = new LinkedHashMap<String, Long>();
    for (String kind : LIMIT_KINDS) {
      HostFiles.Read limit = files.read("/proc/sys/user/max_" + kind + "_namespaces");
      limits.put(kind, limit.asLong());
      ev.put("user.max_" + kind + "_namespaces", limit.display());
    }

    HostFiles.Read clone = files.read("/proc/sys/kernel/unprivileged_userns_clone");
    HostFiles.Read restrict = files.read("/proc/sys/kernel/apparmor_restrict_unprivileged_userns");
    HostFiles.Read restrictUnconfined = files.read("/proc/sys/kernel/apparmor_restrict_unprivileged_unconfined");
    ev.put("kernel.unprivileged_userns_clone", clone.display());
    ev.put("kernel.apparmor_restrict_unprivileged_userns", restrict.display());
    ev.put("kernel.apparmor_restrict_unprivileged_unconfined", restrictUnconfined.display());

    HostFiles.Read enabled = files.read("/sys/module/apparmor/parameters/enabled");
    boolean apparmor =
        enabled.firstLine().equalsIgnoreCase("Y") || files.isDirectory("/sys/kernel/security/apparmor");
    boolean mediation = files.exists("/sys/kernel/security/apparmor/features/namespaces/userns_create");
    String label = label(files);
    ev.put("apparmor.enabled", enabled.present() ? enabled.firstLine() : apparmor ? "Y (securityfs)" : enabled.display());
    ev.put("apparmor.userns_create", mediation ? "supported" : "not supported");
    ev.put("apparmor.label", label.isEmpty() ? "unknown" : label);
    HostFiles.Read lsm = files.read("/sys/kernel/security/lsm");
    ev.put("lsm", lsm.display());

    Map<String, String> status = status(files.read("/proc/self/status"));
    String uid = status.getOrDefault("Uid", "").split("\\s+")[0];
    String capEff = status.getOrDefault("CapEff", "");
    boolean sysAdmin = hasCapability(capEff, CAP_SYS_ADMIN);
    ev.put("process.uid", uid.isEmpty() ? "unknown" : uid);
    ev.put("process.NoNewPrivs", status.getOrDefault("NoNewPrivs", "unknown"));
    ev.put("process.Seccomp", status.getOrDefault("Seccomp", "unknown"));
    ev.put("process.CapEff", capEff.isEmpty() ? "unknown" : capEff + (sysAdmin ? " (has CAP_SYS_ADMIN)" : " (no CAP_SYS_ADMIN)"));

    List<String> markers = containerMarkers(files);
    ev.put("container", markers.isEmpty() ? "none found" : String.join("; ", markers));

    String kernelText = (release.text() + " " + version.text()).toLowerCase(Locale.ROOT);
    boolean wsl1 = indicatesWsl1(kernelText);
    boolean wsl2 = !wsl1 && kernelText.contains("microsoft");
    boolean gvisor = kernelText.contains("gvisor") || kernelText.contains(GVISOR_BUILD);
    ev.put("wsl", wsl1 ? "WSL1" : wsl2 ? "WSL2" : "no");
    ev.put("gvisor", gvisor ? "yes" : "no");
    boolean userNs = files.existsAsLink("/proc/self/ns/user");
    ev.put("user-namespaces", userNs ? "supported (/proc/self/ns/user)" : "no /proc/self/ns/user");

    return new HostFacts(
        limits,
        clone.asLong(),
        restrict.asLong(),
        apparmor,
        mediation,
        label,
        sysAdmin,
        "1".equals(status.get("NoNewPrivs")),
        "2".equals(status.get("Seccomp")),
        markers,
        wsl1,
        wsl2,
        gvisor,
        userNs,
        lsm.text().toLowerCase(Locale.ROOT).contains("landlock"),
        ev);
  }

  private static String osName(HostFiles.Read osRelease) {
    if (!osRelease.present()) {
      return osRelease.display();
    }
    var fields = new LinkedHashMap<String, String>();
    osRelease.text().lines().forEach(line -> {
      int eq = line.indexOf('=');
      if (eq > 0) {
        fields.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip().replaceAll("^[\"']|[\"']$", ""));
      }
    });
    String pretty = fields.get("PRETTY_NAME");
    if (pretty != null && !pretty.isEmpty()) {
      return pretty;
    }
    return (fields.getOrDefault("NAME", "unknown") + " " + fields.getOrDefault("VERSION_ID", "")).strip();
  }

  private static String label(HostFiles files) {
    // Kernels with LSM stacking give AppArmor its own file; older ones share attr/current.
    HostFiles.Read own = files.read("/proc/self/attr/apparmor/current");
    HostFiles.Read shared = own.present() ? own : files.read("/proc/self/attr/current");
    return shared.present() ? shared.text().replace("\0", "").strip() : "";
  }

  private static Map<String, String> status(HostFiles.Read status) {
    var fields = new LinkedHashMap<String, String>();
    status.text().lines().forEach(line -> {
      int colon = line.indexOf(':');
      if (colon > 0) {
        fields.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    });
    return fields;
  }

  static boolean hasCapability(String hexMask, int capability) {
    try {
      return !hexMask.isEmpty() && new java.math.BigInteger(hexMask, 16).testBit(capability);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static List<String> containerMarkers(HostFiles files) {
    var markers = new ArrayList<String>();
    if (files.exists("/.dockerenv")) {
      markers.add("/.dockerenv");
    }
    if (files.exists("/run/.containerenv")) {
      markers.add("/run/.containerenv");
    }
    HostFiles.Read systemd = files.read("/run/systemd/container");
    if (systemd.present() && !systemd.firstLine().isEmpty()) {
      markers.add("container=" + systemd.firstLine() + " (/run/systemd/container)");
    }
    // Often readable only by root; silently skipped otherwise.
    HostFiles.Read environ = files.read("/proc/1/environ");
    for (String entry : environ.text().split("\0")) {
      if (entry.startsWith("container=") && entry.length() > "container=".length()) {
        markers.add(entry.strip() + " (/proc/1/environ)");
        break;
      }
    }
    HostFiles.Read cgroup = files.read("/proc/self/cgroup");
    cgroup.text().lines()
        .filter(line -> CONTAINER_CGROUP_WORDS.stream().anyMatch(w -> line.toLowerCase(Locale.ROOT).contains(w)))
        .findFirst()
        .ifPresent(line -> markers.add("cgroup " + line.strip()));
    return markers;
  }

  /**
   * WSL1 kernels call themselves {@code ...-Microsoft}; WSL2 kernels {@code ...-microsoft-standard}
   * (and newer ones name {@code WSL2}). An explicit {@code wslN} decides.
   */
  static boolean indicatesWsl1(String kernelTextLowerCase) {
    String rest = kernelTextLowerCase;
    int at;
    while ((at = rest.indexOf("wsl")) >= 0) {
      int start = at + 3;
      int end = start;
      while (end < rest.length() && Character.isDigit(rest.charAt(end))) {
        end++;
      }
      if (end > start) {
        return rest.substring(start, end).equals("1");
      }
      rest = rest.substring(start);
    }
    return kernelTextLowerCase.contains("microsoft") && !kernelTextLowerCase.contains("microsoft-standard");
  }
}
