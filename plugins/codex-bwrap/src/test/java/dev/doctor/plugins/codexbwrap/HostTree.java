package dev.doctor.plugins.codexbwrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A fixture filesystem root for {@link CodexBwrapCheck#CodexBwrapCheck(Path)}: the {@code /proc},
 * {@code /sys} and {@code /etc} files the check reads, and a {@code /usr/bin/bwrap}. Built in a
 * {@code @TempDir} (Maven would drop the executable bit of resources). Presets describe the kinds
 * of host the causes come from; the {@code with*} methods change one fact. Not thread-safe.
 */
final class HostTree {

  static final String BWRAP = "/usr/bin/bwrap";
  static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final Path root;

  private HostTree(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /**
   * Debian 12 on a plain kernel: user namespaces allowed, no AppArmor restriction, no container,
   * an unprivileged doctor, and {@code /usr/bin/bwrap}.
   */
  static HostTree plainLinux(Path root) {
    return new HostTree(root)
        .file("/proc/sys/kernel/osrelease", "6.1.0-25-amd64\n")
        .file("/proc/version", "Linux version 6.1.0-25-amd64 (debian-kernel@lists.debian.org) #1 SMP PREEMPT_DYNAMIC Debian 6.1.106-3 (2024-08-26)\n")
        .file("/etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nID=debian\n")
        .limit("user", 15000).limit("net", 15000).limit("mnt", 15000).limit("pid", 15000)
        .status("1000", 0, 0, "0000000000000000")
        .file("/proc/self/cgroup", "0::/user.slice/user-1000.slice/session-3.scope\n")
        .file("/proc/self/ns/user", "")
        .file("/sys/kernel/security/lsm", "lockdown,capability,landlock,yama,tomoyo\n")
        .executable(BWRAP);
  }

  /** Ubuntu 24.04: AppArmor restricts unprivileged user namespaces; the distribution profile is in extra-profiles. */
  static HostTree ubuntu2404(Path root) {
    return plainLinux(root)
        .file("/proc/sys/kernel/osrelease", "6.8.0-45-generic\n")
        .file("/proc/version", "Linux version 6.8.0-45-generic (buildd@lcy02-amd64-115) (x86_64-linux-gnu-gcc-13) #45-Ubuntu SMP PREEMPT_DYNAMIC\n")
        .file("/etc/os-release", "PRETTY_NAME=\"Ubuntu 24.04.1 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"24.04\"\n")
        .file("/proc/sys/kernel/apparmor_restrict_unprivileged_userns", "1\n")
        .file("/proc/sys/kernel/apparmor_restrict_unprivileged_unconfined", "0\n")
        .file("/sys/module/apparmor/parameters/enabled", "Y\n")
        .file("/sys/kernel/security/apparmor/features/namespaces/userns_create", "yes\n")
        .file("/sys/kernel/security/lsm", "lockdown,capability,landlock,yama,apparmor,ima,evm\n")
        .file("/proc/self/attr/apparmor/current", "unconfined\n")
        .file("/usr/share/apparmor/extra-profiles/bwrap-userns-restrict", Samples.text("apparmor/bwrap-userns-restrict"))
        .file("/etc/apparmor.d/firefox", Samples.text("apparmor/firefox"));
  }

  /** Debian with the unprivileged user namespace switch off. */
  static HostTree debianUsernsCloneOff(Path root) {
    return plainLinux(root).file("/proc/sys/kernel/unprivileged_userns_clone", "0\n");
  }

  /** Inside a Docker container with the default seccomp filter. */
  static HostTree dockerDefault(Path root) {
    return plainLinux(root)
        .file("/.dockerenv", "")
        .file("/proc/self/cgroup", "0::/system.slice/docker-3f4e1c0a9b2d.scope\n")
        .status("1000", 0, 2, "0000000000000000");
  }

  /** Under a hardened systemd unit (NoNewPrivileges=yes, RestrictNamespaces=yes). */
  static HostTree systemdHardened(Path root) {
    return plainLinux(root)
        .file("/proc/self/cgroup", "0::/user.slice/user-1000.slice/user@1000.service/app.slice/openclaw-gateway.service\n")
        .status("1000", 1, 2, "0000000000000000");
  }

  static HostTree wsl1(Path root) {
    return plainLinux(root)
        .file("/proc/sys/kernel/osrelease", "4.4.0-22621-Microsoft\n")
        .file("/proc/version", "Linux version 4.4.0-22621-Microsoft (Microsoft@Microsoft.com) (gcc version 5.4.0 (GCC) ) #2506-Microsoft Fri Jan 01 08:00:00 PST 2016\n")
        .delete("/proc/sys/user/max_mnt_namespaces");
  }

  static HostTree wsl2(Path root) {
    return plainLinux(root)
        .file("/proc/sys/kernel/osrelease", "5.15.153.1-microsoft-standard-WSL2\n")
        .file("/proc/version", "Linux version 5.15.153.1-microsoft-standard-WSL2 (root@941d701f84f1) #1 SMP\n");
  }

  static HostTree gvisor(Path root) {
    return plainLinux(root)
        .file("/proc/sys/kernel/osrelease", "4.4.0\n")
        .file("/proc/version", "Linux version 4.4.0 #1 SMP Sun Jan 10 15:06:54 PST 2016\n")
        .file("/.dockerenv", "");
  }

  HostTree limit(String kind, long value) {
    return file("/proc/sys/user/max_" + kind + "_namespaces", value + "\n");
  }

  /** {@code /proc/self/status} with these values. */
  HostTree status(String uid, int noNewPrivs, int seccomp, String capEff) {
    return file("/proc/self/status", String.join("\n",
        "Name:\tjava",
        "Umask:\t0022",
        "State:\tS (sleeping)",
        "Uid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid,
        "CapInh:\t0000000000000000",
        "CapPrm:\t" + capEff,
        "CapEff:\t" + capEff,
        "CapBnd:\t000001ffffffffff",
        "CapAmb:\t0000000000000000",
        "NoNewPrivs:\t" + noNewPrivs,
        "Seccomp:\t" + seccomp,
        "Seccomp_filters:\t" + (seccomp == 2 ? 1 : 0),
        ""));
  }

  HostTree file(String absolute, String content) {
    Path p = onHost(absolute);
    try {
      Files.createDirectories(p.getParent());
      Files.writeString(p, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A small executable file. */
  HostTree executable(String absolute) {
    file(absolute, "#!/bin/sh\nexit 0\n");
    return chmod(absolute, "rwxr-xr-x");
  }

  HostTree chmod(String absolute, String perms) {
    try {
      Files.setPosixFilePermissions(onHost(absolute), PosixFilePermissions.fromString(perms));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A symbolic link at {@code absolute} pointing at {@code target} (relative, so it stays in the tree). */
  HostTree symlink(String absolute, String target) {
    Path p = onHost(absolute);
    try {
      Files.createDirectories(p.getParent());
      Files.deleteIfExists(p);
      Files.createSymbolicLink(p, Path.of(target));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  HostTree delete(String absolute) {
    try {
      Files.deleteIfExists(onHost(absolute));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  private Path onHost(String absolute) {
    return root.resolve(absolute.substring(1));
  }
}
