package dev.doctor.core.fix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Replaces a file so that it holds its old content or its new one whatever happens, even when the
 * process is killed mid-way, and keeps a backup of the old one that is never half written:
 *
 * <ol>
 *   <li>the file still holds what the fix was planned on (else nothing is written);
 *   <li>the backup content goes to a temp file in the same directory, mode 0600 at most and never
 *       more open than the original, with the original's owner and group, and is forced to disk;
 *   <li>the backup ring turns ({@code NAME.bak} → {@code .bak.1} … {@code .bak.4}, the oldest
 *       dropped; the five-slot ring OpenClaw's own config writes use) and the temp file is renamed
 *       to {@code NAME.bak};
 *   <li>the new content goes to another temp file, forced to disk, given the original's mode,
 *       owner and group, and renamed over the file; then the directory is forced to disk.
 * </ol>
 *
 * Each step is a whole file or an atomic rename, so a kill leaves whole files only: at worst a
 * temp file ({@code .NAME.*.doctor-tmp}, mode 0600) and a ring one slot short. A file reached
 * through a symbolic link is written where the link points, so the link keeps working. Stateless.
 */
public final class AtomicReplace {

  /** Backups kept per file: {@code .bak} and {@code .bak.1} to {@code .bak.4}. */
  public static final int RING = 5;

  static final String TEMP_SUFFIX = ".doctor-tmp";

  private AtomicReplace() {}

  /** The file, its directory and what it must keep. */
  private record Target(Path file, Path dir, Set<PosixFilePermission> mode, UserPrincipal owner, GroupPrincipal group) {}

  /**
   * Writes {@code content} over {@code file}, which must hold exactly {@code expected}, after
   * putting {@code backup} in the ring (null: no backup).
   *
   * @throws IOException when the file changed since it was read, an owner or mode cannot be kept,
   *     or the file system fails; the file then holds what it held
   */
  public static void replace(Path file, byte[] expected, byte[] content, byte[] backup) throws IOException {
    Target target = existing(file);
    byte[] now = Files.readAllBytes(target.file());
    if (!Arrays.equals(now, expected)) {
      throw new IOException(file + " changed since doctor read it; run doctor again");
    }
    if (backup != null) {
      Set<PosixFilePermission> backupMode = target.mode() == null ? null : EnumSet.copyOf(target.mode());
      if (backupMode != null) {
        backupMode.retainAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
      }
      Path temp = temp(target.dir(), target.file().getFileName() + ".bak", backup, backupMode, target);
      try {
        rotate(target.dir(), target.file().getFileName().toString());
        move(temp, target.dir().resolve(target.file().getFileName() + ".bak"));
      } finally {
        Files.deleteIfExists(temp);
      }
    }
    publish(target, content);
  }

  /**
   * Writes {@code content} to {@code file} whatever it holds now, with no backup: for files doctor
   * produces itself, such as reports. An existing file keeps its mode, owner and group, and a file
   * reached through a symbolic link is written where the link points; a new one gets {@code mode}.
   * The directory must exist.
   *
   * @throws IOException when {@code file} exists but is not a regular file, an owner cannot be
   *     kept, or the file system fails; the file then holds what it held
   */
  public static void write(Path file, byte[] content, int mode) throws IOException {
    Path absolute = file.toAbsolutePath();
    Target target;
    if (Files.exists(absolute)) {
      target = existing(absolute);
    } else {
      Path dir = absolute.getParent().toRealPath();
      Set<PosixFilePermission> perms =
          Files.getFileAttributeView(dir, PosixFileAttributeView.class) == null ? null : permissions(mode);
      target = new Target(dir.resolve(absolute.getFileName()), dir, perms, null, null);
    }
    publish(target, content);
  }

  /**
   * Creates {@code file} with {@code content} and {@code mode}; it must not exist. Missing parent
   * directories are created with mode 0700. When doctor runs as root, the file gets the owner and
   * group of its directory, so a file doctor creates for a service user belongs to that user.
   */
  public static void create(Path file, byte[] content, int mode) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    if (!Files.isDirectory(dir)) {
      createDirectories(dir);
    }
    dir = dir.toRealPath();
    Path real = dir.resolve(absolute.getFileName());
    if (Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(file.toString(), null, "it appeared since doctor looked");
    }
    UserPrincipal owner = null;
    GroupPrincipal group = null;
    PosixFileAttributeView dirView = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
    if (dirView != null && Privileges.isRoot()) {
      PosixFileAttributes a = dirView.readAttributes();
      owner = a.owner();
      group = a.group();
    }
    Set<PosixFilePermission> perms = dirView == null ? null : permissions(mode == 0 ? 0600 : mode);
    publish(new Target(real, dir, perms, owner, group), content);
  }

  /** Puts {@code content} in place of the target, in one rename, with its mode, owner and group. */
  private static void publish(Target target, byte[] content) throws IOException {
    Path temp = temp(target.dir(), target.file().getFileName().toString(), content, target.mode(), target);
    try {
      move(temp, target.file());
    } finally {
      Files.deleteIfExists(temp);
    }
    syncDirectory(target.dir());
  }

  private static Target existing(Path file) throws IOException {
    Path real;
    try {
      real = file.toRealPath();
    } catch (NoSuchFileException e) {
      throw new IOException(file + " no longer exists");
    }
    if (!Files.isRegularFile(real)) {
      throw new IOException(file + " is not a regular file");
    }
    PosixFileAttributeView view = Files.getFileAttributeView(real, PosixFileAttributeView.class);
    if (view == null) {
      return new Target(real, real.getParent(), null, null, null);
    }
    PosixFileAttributes a = view.readAttributes();
    return new Target(real, real.getParent(), a.permissions(), a.owner(), a.group());
  }

  /** A forced-to-disk temp file in {@code dir} holding {@code content}, with the target's owner, group and {@code mode}. */
  private static Path temp(Path dir, String name, byte[] content, Set<PosixFilePermission> mode, Target target) throws IOException {
    // createTempFile makes the file 0600 (O_EXCL, no link followed) before anything is written to it.
    Path temp = Files.createTempFile(dir, "." + name + ".", TEMP_SUFFIX);
    boolean done = false;
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
      if (view != null) {
        PosixFileAttributes now = view.readAttributes();
        if (target.owner() != null && !target.owner().equals(now.owner())) {
          try {
            view.setOwner(target.owner());
          } catch (IOException e) {
            throw new IOException("cannot keep the owner of " + target.file() + " (" + target.owner().getName()
                + "): run doctor as that user or as root");
          }
        }
        if (target.group() != null && !target.group().equals(now.group())) {
          try {
            view.setGroup(target.group());
          } catch (IOException e) {
            throw new IOException("cannot keep the group of " + target.file() + " (" + target.group().getName() + ")");
          }
        }
        if (mode != null) {
          view.setPermissions(mode);
        }
      }
      done = true;
      return temp;
    } finally {
      if (!done) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** Turns the ring: {@code .bak.3} → {@code .bak.4}, …, {@code .bak} → {@code .bak.1}. */
  static void rotate(Path dir, String name) throws IOException {
    for (int i = RING - 2; i >= 0; i--) {
      Path from = dir.resolve(slot(name, i));
      if (Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
        move(from, dir.resolve(slot(name, i + 1)));
      }
    }
  }

  /** {@code NAME.bak} for slot 0, {@code NAME.bak.N} after. */
  public static String slot(String name, int i) {
    return i == 0 ? name + ".bak" : name + ".bak." + i;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void createDirectories(Path dir) throws IOException {
    Path parent = dir.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      createDirectories(parent);
    }
    if (Files.getFileStore(parent == null ? dir.getRoot() : parent).supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(permissions(0700)));
    } else {
      Files.createDirectory(dir);
    }
  }

  static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException ignored) {
      // Not every file system lets a directory be opened for sync; the renames are done.
    }
  }

  /** Permission bits as the JDK's set ({@code 0640} → rw-r-----). */
  public static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ … OTHERS_EXECUTE, highest bit first
    for (int i = 0; i < all.length; i++) {
      if ((mode & (1 << (8 - i))) != 0) {
        set.add(all[i]);
      }
    }
    return set;
  }

  /** The JDK's set as bits ({@code rw-r-----} → {@code 0640}). */
  public static int mode(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission p : permissions) {
      mode |= 1 << (8 - p.ordinal());
    }
    return mode;
  }
}
