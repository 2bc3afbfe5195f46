package dev.doctor.plugins.configsecrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * What the file system says about one path, read without following a final symlink for the link
 * itself and following it for the target's mode. Immutable; a snapshot taken once.
 *
 * @param path the path as configured (not resolved)
 * @param exists whether anything is there (a dangling symlink exists as a link)
 * @param symlink whether the path itself is a symlink
 * @param regularFile whether the target is a regular file
 * @param directory whether the target is a directory
 * @param permissions the target's permission bits; null when POSIX attributes are unavailable
 * @param hardLinks the target's link count; 0 when unknown
 * @param owner the target owner's name; null when unknown
 */
record FileFacts(
    Path path,
    boolean exists,
    boolean symlink,
    boolean regularFile,
    boolean directory,
    Set<PosixFilePermission> permissions,
    long hardLinks,
    String owner) {

  static FileFacts of(Path path) {
    boolean symlink = Files.isSymbolicLink(path);
    boolean exists = symlink || Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    if (!exists) {
      return new FileFacts(path, false, false, false, false, null, 0, null);
    }
    boolean regular = Files.isRegularFile(path);
    boolean directory = Files.isDirectory(path);
    Set<PosixFilePermission> perms = null;
    String owner = null;
    long links = 0;
    try {
      PosixFileAttributes attrs = Files.readAttributes(path, PosixFileAttributes.class);
      perms = attrs.permissions();
      owner = attrs.owner().getName();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // No POSIX view (or a dangling link): the permission checks are skipped for this file.
    }
    try {
      Object n = Files.getAttribute(path, "unix:nlink");
      if (n instanceof Number number) {
        links = number.longValue();
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
      // Link counts are a Unix notion; unknown elsewhere.
    }
    return new FileFacts(path, true, symlink, regular, directory, perms, links, owner);
  }

  boolean groupReadable() {
    return has(PosixFilePermission.GROUP_READ);
  }

  boolean worldReadable() {
    return has(PosixFilePermission.OTHERS_READ);
  }

  boolean groupOrWorldWritable() {
    return has(PosixFilePermission.GROUP_WRITE) || has(PosixFilePermission.OTHERS_WRITE);
  }

  /** Any bit for group or others: more open than 0700 / 0600. */
  boolean openToOthers() {
    return permissions != null
        && permissions.stream().anyMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"));
  }

  boolean ownedBy(String user) {
    return owner == null || user == null || owner.equals(user);
  }

  /** The mode as octal text, e.g. {@code 0644}; {@code unknown} without POSIX attributes. */
  String mode() {
    if (permissions == null) {
      return "unknown";
    }
    int mode = 0;
    for (PosixFilePermission p : permissions) {
      mode |= 1 << (8 - p.ordinal());
    }
    return String.format("0%03o", mode);
  }

  private boolean has(PosixFilePermission p) {
    return permissions != null && permissions.contains(p);
  }
}
