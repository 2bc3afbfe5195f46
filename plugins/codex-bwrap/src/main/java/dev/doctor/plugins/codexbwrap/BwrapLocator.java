package dev.doctor.plugins.codexbwrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the bwrap Codex would use, the way Codex looks for it: the first executable {@code bwrap}
 * on {@code PATH} whose real path is not inside the gateway workspace (a project-local copy could
 * be planted by the agent itself), else a path configured for Codex. Stateless.
 */
final class BwrapLocator {

  // A directory name carrying a version (bubblewrap-0.8.0, 0.155.1, v1.2) changes on every update.
  private static final Pattern VERSIONED = Pattern.compile(".*\\d+\\.\\d+.*");

  private BwrapLocator() {}

  /**
   * What the search found.
   *
   * @param binary the bwrap Codex would run; empty when there is none
   * @param skipped candidates passed over, with why; never null
   */
  record Lookup(Optional<BwrapBinary> binary, List<String> skipped) {
    Lookup {
      skipped = List.copyOf(skipped);
    }
  }

  /**
   * @param path the {@code PATH} doctor runs with; empty when unset
   * @param excluded absolute host directories no bwrap may come from (workspaces, working dirs)
   * @param configured a bwrap path configured for Codex, used when PATH has none
   */
  static Lookup find(HostFiles files, String path, List<String> excluded, Optional<String> configured) {
    var skipped = new ArrayList<String>();
    List<Path> excludedReal = excluded.stream().map(d -> real(files, d)).filter(p -> p.getNameCount() > 0).toList();
    for (String dir : path.split(":")) {
      if (dir.isEmpty() || !dir.startsWith("/")) {
        continue;
      }
      String candidate = dir.endsWith("/") ? dir + "bwrap" : dir + "/bwrap";
      if (!isExecutableFile(files, candidate)) {
        continue;
      }
      Path real = real(files, candidate);
      Optional<Path> inside = excludedReal.stream().filter(real::startsWith).findFirst();
      if (inside.isPresent()) {
        skipped.add(candidate + " (inside " + files.hostName(inside.get()) + ", a gateway workspace)");
        continue;
      }
      return new Lookup(Optional.of(describe(files, "PATH", candidate, real)), skipped);
    }
    if (configured.isPresent() && configured.get().startsWith("/")) {
      String candidate = configured.get();
      if (isExecutableFile(files, candidate)) {
        return new Lookup(
            Optional.of(describe(files, CodexOverrides.BWRAP_PATH, candidate, real(files, candidate))), skipped);
      }
      skipped.add(candidate + " (configured as " + CodexOverrides.BWRAP_PATH + ", but not an executable file)");
    }
    return new Lookup(Optional.empty(), skipped);
  }

  // Paths come from PATH and the config: one the filesystem cannot even name is simply not there.
  private static boolean isExecutableFile(HostFiles files, String absolute) {
    try {
      Path onHost = files.onHost(absolute);
      return Files.isRegularFile(onHost) && Files.isExecutable(onHost);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Path real(HostFiles files, String absolute) {
    Path onHost;
    try {
      onHost = files.onHost(absolute);
    } catch (RuntimeException e) {
      return Path.of("/");
    }
    try {
      return onHost.toRealPath();
    } catch (IOException | RuntimeException e) {
      return onHost.toAbsolutePath().normalize();
    }
  }

  private static BwrapBinary describe(HostFiles files, String source, String foundAt, Path real) {
    int trustedUid = uid(files.root());
    int uid = uid(real);
    int mode = mode(real);
    var writable = new ArrayList<String>();
    Path rootReal = real(files, "/");
    for (Path p = real; p != null && p.startsWith(rootReal); p = p.getParent()) {
      int owner = uid(p);
      int perms = mode(p);
      String name = files.hostName(p);
      if (owner != trustedUid) {
        writable.add(name + " is owned by uid " + owner);
      } else if ((perms & 0022) != 0) {
        writable.add(name + " is writable by " + ((perms & 0002) != 0 ? "everyone" : "its group"));
      }
      if (p.equals(rootReal)) {
        break;
      }
    }
    String realName = files.hostName(real);
    boolean versioned = false;
    for (Path segment : Path.of(realName)) {
      versioned |= VERSIONED.matcher(segment.toString()).matches();
    }
    versioned |= realName.startsWith("/nix/store/") || realName.contains("/node_modules/");
    return new BwrapBinary(source, foundAt, realName, uid, owner(real), mode, writable, versioned);
  }

  private static int uid(Path p) {
    try {
      return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static int mode(Path p) {
    try {
      return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static String owner(Path p) {
    try {
      return Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName();
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
