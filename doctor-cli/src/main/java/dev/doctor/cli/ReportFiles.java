package dev.doctor.cli;

import dev.doctor.api.Report;
import dev.doctor.api.ReportOptions;
import dev.doctor.api.Reporter;
import dev.doctor.core.report.AtomicFile;
import dev.doctor.core.report.PrometheusReporter;
import dev.doctor.core.report.Reporters;
import dev.doctor.core.run.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code --report NAME=FILE} destinations of a run: parsed and checked before any check runs
 * (a typo must not cost a run), then each written atomically (temp file, fsync, rename), so a
 * reader such as node_exporter's textfile collector never sees half a file.
 */
final class ReportFiles {

  /** One destination. */
  record Target(String format, Path file) {}

  private final List<Target> targets;

  private ReportFiles(List<Target> targets) {
    this.targets = List.copyOf(targets);
  }

  /** Parses {@code NAME=FILE} values; throws {@link UsageException} for a malformed one. */
  static ReportFiles parse(List<String> values, Path output) {
    List<Target> targets = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    if (output != null) {
      seen.add(output.toAbsolutePath().normalize());
    }
    for (String value : values) {
      int eq = value.indexOf('=');
      if (eq <= 0 || eq == value.length() - 1) {
        throw new UsageException("--report takes NAME=FILE (e.g. --report sarif=doctor.sarif), not '" + value + "'");
      }
      Target target = new Target(value.substring(0, eq).trim(), Path.of(value.substring(eq + 1)));
      if (!seen.add(target.file().toAbsolutePath().normalize())) {
        throw new UsageException("two reports would be written to " + target.file());
      }
      targets.add(target);
    }
    return new ReportFiles(targets);
  }

  /** Throws {@link UsageException} for an unknown format or a file whose directory does not exist. */
  void validate(Reporters reporters) {
    for (Target t : targets) {
      if (reporters.find(t.format()).isEmpty()) {
        throw new UsageException("unknown format '" + t.format() + "' in --report " + t.format() + "=" + t.file()
            + " (available: " + String.join(", ", reporters.names()) + ")");
      }
      Path dir = t.file().toAbsolutePath().getParent();
      if (dir == null || !Files.isDirectory(dir)) {
        throw new UsageException("cannot write " + t.file() + ": directory " + dir + " does not exist");
      }
      if (Files.isDirectory(t.file())) {
        throw new UsageException("cannot write " + t.file() + ": it is a directory");
      }
    }
  }

  /** Writes every report; tries them all, then throws {@link UsageException} naming those that failed. */
  void write(Report report, Reporters reporters, boolean verbose) {
    List<String> failures = new ArrayList<>();
    for (Target t : targets) {
      Reporter reporter = reporters.find(t.format()).orElseThrow();
      try {
        AtomicFile.write(t.file(), w -> reporter.write(report, new ReportOptions(verbose, false), w));
      } catch (IOException | RuntimeException e) {
        failures.add(t.file() + " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
      }
    }
    if (!failures.isEmpty()) {
      throw new UsageException("cannot write " + String.join(", ", failures));
    }
  }

  /**
   * After a failure before any result: every Prometheus report says {@code doctor_up 0}, so a
   * fleet sees a broken doctor rather than the last run's numbers. Best effort.
   */
  void writeFailedRun(Instant at) {
    for (Target t : targets) {
      if ("prometheus".equals(t.format())) {
        try {
          AtomicFile.write(t.file(), w -> PrometheusReporter.writeFailedRun(at, w));
        } catch (IOException | RuntimeException ignored) {
          // The run has failed already and says why; a missing metrics file is what it would be anyway.
        }
      }
    }
  }
}
