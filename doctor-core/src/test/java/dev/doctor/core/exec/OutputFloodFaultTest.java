package dev.doctor.core.exec;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.Command;
import dev.doctor.api.CommandResult;
import dev.doctor.api.CommandResult.Outcome;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Fault suite: a command that floods stdout with 1 GiB. The runner keeps at most 1 MiB of it and
 * its memory stays small. The runner works in a child JVM started with the launcher's flags
 * ({@code bin/doctor}), whose peak resident set (VmHWM) is doctor's whole footprint, JVM included;
 * the same probe with no output gives the baseline, so the growth is the flood's alone.
 */
@EnabledOnOs(OS.LINUX)
class OutputFloodFaultTest {

  private static final long GIB = 1L << 30;
  private static final long MIB = 1L << 20;

  @Test
  @Timeout(value = 60, unit = SECONDS)
  void aGibibyteOnStdoutKeepsOneMebibyteAndLittleMemory() throws Exception {
    Map<String, String> quiet = probe(0);
    Map<String, String> flood = probe(GIB);

    assertEquals("EXITED", flood.get("outcome"), flood::toString);
    assertEquals("0", flood.get("exit"), flood::toString);
    assertEquals("true", flood.get("truncated"), flood::toString);
    assertEquals(ProcessCommandRunner.DEFAULT_MAX_CAPTURE_BYTES, Long.parseLong(flood.get("retainedChars")), flood::toString);
    assertTrue(Long.parseLong(flood.get("retainedChars")) <= MIB, flood::toString);
    long peak = Long.parseLong(flood.get("peakRssKiB"));
    long growth = peak - Long.parseLong(quiet.get("peakRssKiB"));
    System.out.printf("1 GiB flood: kept %s chars in %s ms; peak RSS %d KiB (%d KiB without output, +%d KiB)%n",
        flood.get("retainedChars"), flood.get("millis"), peak, Long.parseLong(quiet.get("peakRssKiB")), growth);
    assertTrue(peak <= 150 * 1024, () -> "peak RSS " + peak + " KiB is over 150 MiB: " + flood);
  }

  /** Runs {@link OutputFloodProbe} in a JVM of its own and returns its figures. */
  private static Map<String, String> probe(long bytes) throws URISyntaxException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = String.join(File.pathSeparator, codeSource(OutputFloodProbe.class),
        codeSource(ProcessCommandRunner.class), codeSource(Command.class));
    // bin/doctor's flags: what doctor runs with.
    Command command = Command.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss1m", "-Xmx256m",
            "-cp", classPath, OutputFloodProbe.class.getName(), Long.toString(bytes))
        .withTimeout(Duration.ofSeconds(50));
    CommandResult result = new ProcessCommandRunner().run(command);
    assertEquals(Outcome.EXITED, result.outcome(), result::toString);
    assertEquals(0, result.exitCode(), result::stderr);
    Map<String, String> figures = new HashMap<>();
    for (String pair : List.of(result.stdout().strip().split(" "))) {
      int eq = pair.indexOf('=');
      figures.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return figures;
  }

  private static String codeSource(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
