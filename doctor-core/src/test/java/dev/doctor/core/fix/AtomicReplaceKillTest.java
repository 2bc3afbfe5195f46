package dev.doctor.core.fix;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection: a JVM that rewrites a 2 MiB file over and over (backup, ring, temp file,
 * fsync, rename) is killed with SIGKILL at random moments, 40 times. After every kill the file is
 * byte for byte the old content or the new one, every backup in the ring is whole and private, a
 * backup exists once a write has been made, and a temp file left behind is no more readable than
 * the file.
 */
@EnabledOnOs(OS.LINUX)
class AtomicReplaceKillTest {

  private static final int SIZE = 2 * 1024 * 1024;
  private static final int KILLS = 40;

  @TempDir Path dir;

  @Test
  @Timeout(value = 150, unit = SECONDS)
  void aKilledWriteLeavesTheOldOrTheNewFileAndWholeBackups() throws Exception {
    byte[] a = AtomicReplaceProbe.content('A', SIZE);
    byte[] b = AtomicReplaceProbe.content('B', SIZE);
    Path target = dir.resolve("openclaw.json");
    Files.write(target, a);
    Files.setPosixFilePermissions(target, AtomicReplace.permissions(0640));
    Random random = new Random(42);
    int sawA = 0;
    int sawB = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      Process child = start(target);
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        assertEquals("writing", out.readLine(), "the probe started");
        Thread.sleep(random.nextInt(120));
        child.destroyForcibly(); // SIGKILL on Linux
        assertTrue(child.waitFor(10, SECONDS), "the probe died");
      }
      byte[] now = Files.readAllBytes(target);
      if (Arrays.equals(now, a)) {
        sawA++;
      } else if (Arrays.equals(now, b)) {
        sawB++;
      } else {
        fail("after kill " + kill + " the file is neither the old nor the new content (" + now.length + " bytes)");
      }
      assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ),
          Files.getPosixFilePermissions(target), "the file keeps its mode");
      List<Path> ring = new ArrayList<>();
      for (int i = 0; i < AtomicReplace.RING; i++) {
        Path slot = dir.resolve(AtomicReplace.slot("openclaw.json", i));
        if (Files.exists(slot)) {
          ring.add(slot);
          byte[] backup = Files.readAllBytes(slot);
          assertTrue(Arrays.equals(backup, a) || Arrays.equals(backup, b), "after kill " + kill + ", " + slot.getFileName() + " is whole");
          assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(slot),
              "a backup is never more readable than the file (0640 → 0600)");
        }
      }
      if (sawB > 0) {
        assertTrue(!ring.isEmpty(), "once a write has landed, its backup is in the ring");
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path leftover : files.filter(f -> f.getFileName().toString().endsWith(AtomicReplace.TEMP_SUFFIX)).toList()) {
          Set<PosixFilePermission> mode = Files.getPosixFilePermissions(leftover);
          assertTrue(AtomicReplace.permissions(0640).containsAll(mode),
              "a temp file left by a kill is no more readable than the file (" + AtomicReplace.mode(mode) + ")");
          Files.delete(leftover);
        }
      }
    }
    System.out.printf("%d kills: %d times the old content, %d times the new%n", KILLS, sawA, sawB);
    assertTrue(sawA + sawB == KILLS);
  }

  private Process start(Path target) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = String.join(File.pathSeparator, codeSource(AtomicReplaceProbe.class), codeSource(AtomicReplace.class));
    return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-cp", classPath,
        AtomicReplaceProbe.class.getName(), target.toString(), Integer.toString(SIZE))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  private static String codeSource(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
