package dev.doctor.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Report files: whole or untouched, and a user's file keeps what it had. */
class AtomicFileTest {

  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aNewReportIsReadableByAll() throws IOException {
    Path report = dir.resolve("report.json");
    AtomicFile.write(report, w -> w.write("{\"ok\": true}\n"));
    assertEquals("{\"ok\": true}\n", Files.readString(report));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(report)));
    assertEquals(List.of("report.json"), names(), "no temp file left");
  }

  @Test
  void anExistingReportKeepsItsModeAndALinkKeepsPointingAtIt() throws IOException {
    Path real = Files.writeString(dir.resolve("real.prom"), "old\n");
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r-----"));
    Path link = Files.createSymbolicLink(dir.resolve("doctor.prom"), real.getFileName());

    AtomicFile.write(link, w -> w.write("new\n"));

    assertTrue(Files.isSymbolicLink(link), "the link is still a link");
    assertEquals("new\n", Files.readString(real));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
    assertEquals(List.of("doctor.prom", "real.prom"), names());
  }

  @Test
  void aFailingRendererLeavesTheOldReportAndNoTempFile() throws IOException {
    Path report = Files.writeString(dir.resolve("report.xml"), "old\n");
    IOException e = assertThrows(IOException.class, () -> AtomicFile.write(report, w -> {
      w.write("half of it");
      throw new IOException("renderer broke");
    }));
    assertEquals("renderer broke", e.getMessage());
    assertEquals("old\n", Files.readString(report));
    assertEquals(List.of("report.xml"), names());
  }

  @Test
  void somethingThatIsNotARegularFileIsNotReplaced() throws IOException {
    Path directory = Files.createDirectory(dir.resolve("out"));
    IOException e = assertThrows(IOException.class, () -> AtomicFile.write(directory, w -> w.write("x")));
    assertTrue(e.getMessage().contains("is not a regular file"), e.getMessage());
    assertTrue(Files.isDirectory(directory));
    assertEquals(List.of("out"), names());
  }

  @Test
  void aDeviceOrPipeIsWrittenToNotReplaced() throws Exception {
    AtomicFile.write(Path.of("/dev/null"), w -> w.write("discarded"));
    assertTrue(Files.exists(Path.of("/dev/null")) && !Files.isRegularFile(Path.of("/dev/null")), "/dev/null is still a device");

    Path fifo = dir.resolve("fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    Process reader = new ProcessBuilder("cat", fifo.toString()).start();
    AtomicFile.write(fifo, w -> w.write("through the pipe\n"));
    assertEquals("through the pipe\n", new String(reader.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    assertTrue(reader.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
    assertTrue(!Files.isRegularFile(fifo) && Files.exists(fifo), "the pipe is still a pipe");
  }

  @Test
  void aMissingDirectoryIsAnError() {
    assertThrows(IOException.class, () -> AtomicFile.write(dir.resolve("no/such/report.json"), w -> w.write("x")));
  }
}
