package dev.doctor.plugins.sandboxdocker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketPathsTest {

  @TempDir Path dir;

  private final SocketPaths sockets = new SocketPaths(List.of());

  @Test
  void bindSourceIsThePartBeforeTheFirstColon() {
    assertEquals("/var/run/docker.sock", SocketPaths.bindSource("/var/run/docker.sock:/var/run/docker.sock:ro"));
    assertEquals("/src", SocketPaths.bindSource(" /src:/dst "));
    assertEquals("/only-source", SocketPaths.bindSource("/only-source"));
    assertEquals("C:\\Users\\me\\src", SocketPaths.bindSource("C:\\Users\\me\\src:/src:rw"));
  }

  @Test
  void socketsAndDirectoriesAboveThem() {
    assertEquals(Optional.of("it is /run/docker.sock"), sockets.exposure("/run/docker.sock"));
    assertEquals(Optional.of("it resolves to /var/run/docker.sock"), sockets.exposure("/var/run/./docker.sock"));
    assertEquals(Optional.of("it contains /var/run/docker.sock"), sockets.exposure("/var"));
    assertEquals(Optional.of("it contains /var/run/docker.sock"), sockets.exposure("/"));
    assertEquals(Optional.of("it contains the rootless engine sockets under /run/user/1000"), sockets.exposure("/run/user/1000"));
    assertEquals(Optional.of("it is /run/podman/podman.sock"), sockets.exposure("/run/podman/podman.sock"));
  }

  @Test
  void otherPathsAreFine() {
    assertEquals(Optional.empty(), sockets.exposure("/home/user/source"));
    assertEquals(Optional.empty(), sockets.exposure("/var/lib/app"));
    assertEquals(Optional.empty(), sockets.exposure("/runner/cache"));
    assertEquals(Optional.empty(), sockets.exposure("named-volume"));
  }

  @Test
  void canonicalFollowsChainsOfLinksEvenWhenTheEndIsMissing() throws IOException {
    Path real = Files.createDirectory(dir.resolve("real"));
    Files.createSymbolicLink(dir.resolve("a"), dir.resolve("b"));
    Files.createSymbolicLink(dir.resolve("b"), Path.of("real"));

    assertEquals(real.toRealPath() + "/not-yet/file", SocketPaths.canonical(dir.resolve("a/not-yet/file").toString()));
    assertEquals(dir.toRealPath() + "/real", SocketPaths.canonical(dir.resolve("a/../a").toString()));
  }

  @Test
  void linkLoopsEnd() throws IOException {
    Files.createSymbolicLink(dir.resolve("loop1"), dir.resolve("loop2"));
    Files.createSymbolicLink(dir.resolve("loop2"), dir.resolve("loop1"));

    assertEquals(Optional.empty(), sockets.exposure(dir.resolve("loop1").toString()));
  }
}
