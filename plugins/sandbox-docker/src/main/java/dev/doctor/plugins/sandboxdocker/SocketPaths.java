package dev.doctor.plugins.sandboxdocker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a bind-mount source gives a sandbox the container engine's socket: the socket
 * itself, a directory above it, or a path that resolves to either through symlinks. Immutable.
 */
final class SocketPaths {

  private static final List<String> WELL_KNOWN =
      List.of(
          "/var/run/docker.sock",
          "/run/docker.sock",
          "/private/var/run/docker.sock",
          "/run/podman/podman.sock",
          "/var/run/podman/podman.sock");

  private static final Set<String> SOCKET_NAMES = Set.of("docker.sock", "podman.sock");

  // Rootless engines keep their sockets under the per-user runtime directory.
  private static final Pattern USER_RUNTIME_DIR = Pattern.compile("/run/user(/\\d+(/podman)?)?");

  private static final int MAX_SYMLINKS = 40;

  private final List<String> sockets;

  /** @param extra further socket paths, e.g. from {@code DOCKER_HOST=unix://...} */
  SocketPaths(List<String> extra) {
    var all = new LinkedHashSet<String>();
    for (String path : concat(WELL_KNOWN, extra)) {
      all.add(path);
      all.add(canonical(path));
    }
    this.sockets = List.copyOf(all);
  }

  /** The Docker source part of a bind spec {@code source:target[:mode]}; Windows drive letters kept. */
  static String bindSource(String bind) {
    String spec = bind.strip();
    int from = spec.length() > 2 && Character.isLetter(spec.charAt(0)) && spec.charAt(1) == ':'
        && (spec.charAt(2) == '\\' || spec.charAt(2) == '/') ? 2 : 0;
    int colon = spec.indexOf(':', from);
    return colon < 0 ? spec : spec.substring(0, colon);
  }

  /**
   * Why binding {@code source} exposes an engine socket, e.g. {@code it is /run/docker.sock} or
   * {@code it contains /var/run/docker.sock}; empty when it does not (as far as doctor can tell).
   */
  Optional<String> exposure(String source) {
    if (!source.startsWith("/")) {
      return Optional.empty();
    }
    String lexical = lexical(source);
    String resolved = canonical(lexical);
    for (String candidate : lexical.equals(resolved) ? List.of(lexical) : List.of(lexical, resolved)) {
      String name = candidate.substring(candidate.lastIndexOf('/') + 1);
      if (SOCKET_NAMES.contains(name) || sockets.contains(candidate)) {
        return Optional.of(candidate.equals(source) ? "it is " + candidate : "it resolves to " + candidate);
      }
      if (USER_RUNTIME_DIR.matcher(candidate).matches()) {
        return Optional.of("it contains the rootless engine sockets under " + candidate);
      }
      for (String socket : sockets) {
        if (candidate.equals("/") || socket.startsWith(candidate + "/")) {
          return Optional.of("it contains " + socket);
        }
      }
    }
    return Optional.empty();
  }

  /** {@code /a/./b//c/../d} as {@code /a/b/d}, without touching the filesystem. */
  static String lexical(String path) {
    try {
      String normal = Path.of(path).normalize().toString();
      return normal.length() > 1 && normal.endsWith("/") ? normal.substring(0, normal.length() - 1) : normal;
    } catch (InvalidPathException e) {
      return path;
    }
  }

  /**
   * Resolves symlinks along {@code path} like {@code realpath}, but also where the path (or its end)
   * does not exist: a dangling link to the socket still counts.
   */
  static String canonical(String path) {
    Path root;
    Deque<String> todo = new ArrayDeque<>();
    try {
      Path p = Path.of(path);
      root = p.getRoot();
      if (root == null) {
        return path;
      }
      p.forEach(part -> todo.add(part.toString()));
    } catch (InvalidPathException e) {
      return path;
    }
    Path current = root;
    int links = 0;
    while (!todo.isEmpty()) {
      String name = todo.pollFirst();
      if (name.equals(".") || name.isEmpty()) {
        continue;
      }
      if (name.equals("..")) {
        current = current.getParent() == null ? root : current.getParent();
        continue;
      }
      Path next = current.resolve(name);
      Optional<Path> target = links < MAX_SYMLINKS ? linkTarget(next) : Optional.empty();
      if (target.isPresent()) {
        links++;
        Path resolved = current.resolve(target.get());
        List<String> parts = new ArrayList<>();
        resolved.forEach(part -> parts.add(part.toString()));
        for (int i = parts.size() - 1; i >= 0; i--) {
          todo.addFirst(parts.get(i));
        }
        current = root;
        continue;
      }
      current = next;
    }
    return current.toString();
  }

  private static Optional<Path> linkTarget(Path path) {
    try {
      return Files.isSymbolicLink(path) ? Optional.of(Files.readSymbolicLink(path)) : Optional.empty();
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    var all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
