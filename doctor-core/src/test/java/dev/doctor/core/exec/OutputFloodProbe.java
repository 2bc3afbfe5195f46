package dev.doctor.core.exec;

import dev.doctor.api.Command;
import dev.doctor.api.CommandResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs in a JVM of its own for {@link OutputFloodFaultTest}: has the default {@link
 * ProcessCommandRunner} capture a command that writes {@code args[0]} bytes to stdout, then prints
 * one line of {@code key=value} figures, among them this JVM's peak resident set (VmHWM) before and
 * after. Its own JVM, so the peak is the flood's and not the test suite's.
 */
public final class OutputFloodProbe {

  private OutputFloodProbe() {}

  public static void main(String[] args) throws IOException {
    long bytes = Long.parseLong(args[0]);
    long before = peakRssKib();
    long started = System.nanoTime();
    CommandResult result = new ProcessCommandRunner()
        .run(Command.of("head", "-c", Long.toString(bytes), "/dev/zero").withTimeout(Duration.ofSeconds(60)));
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.println("outcome=" + result.outcome() + " exit=" + result.exitCode()
        + " retainedChars=" + result.stdout().length() + " truncated=" + result.stdoutTruncated()
        + " peakRssBeforeKiB=" + before + " peakRssKiB=" + peakRssKib() + " millis=" + millis);
  }

  /** VmHWM of /proc/self/status: the most resident memory this process has had, in KiB. */
  static long peakRssKib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D+", ""));
      }
    }
    throw new IllegalStateException("no VmHWM in /proc/self/status");
  }
}
