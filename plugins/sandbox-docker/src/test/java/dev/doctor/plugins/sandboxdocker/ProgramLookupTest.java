package dev.doctor.plugins.sandboxdocker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramLookupTest {

  @TempDir Path dir;

  private Path file(String relative, String permissions) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  @Test
  void firstExecutableOnPathWins() throws IOException {
    file("a/docker", "rw-r--r--");
    Files.createDirectories(dir.resolve("b/docker"));
    Path wanted = file("c/docker", "rwxr-xr-x");
    file("d/docker", "rwxr-xr-x");
    String path = String.join(":", dir.resolve("missing").toString(), dir.resolve("a").toString(),
        dir.resolve("b").toString(), dir.resolve("c").toString(), dir.resolve("d").toString());

    assertEquals(Optional.of(wanted), ProgramLookup.find("docker", path, false));
  }

  @Test
  void emptyAndRelativeEntriesAreIgnored() throws IOException {
    file("rel/docker", "rwxr-xr-x");

    assertEquals(Optional.empty(), ProgramLookup.find("docker", ":rel:.:", false));
    assertEquals(Optional.empty(), ProgramLookup.find("docker", null, false));
  }

  @Test
  void realPathFollowsLinks() throws IOException {
    Path target = file("opt/docker-28", "rwxr-xr-x");
    Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("bin")).resolve("docker"), target);

    assertEquals(Optional.of(link), ProgramLookup.find("docker", dir.resolve("bin").toString(), false));
    assertEquals(target.toRealPath(), ProgramLookup.realPath(link));
  }
}
