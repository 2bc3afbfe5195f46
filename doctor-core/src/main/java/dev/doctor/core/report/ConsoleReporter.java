package dev.doctor.core.report;

import dev.doctor.api.CheckReport;
import dev.doctor.api.CheckStatus;
import dev.doctor.api.Finding;
import dev.doctor.api.FixReport;
import dev.doctor.api.Report;
import dev.doctor.api.ReportOptions;
import dev.doctor.api.Reporter;
import dev.doctor.api.Severity;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The human report: one block per check in a stable order, each finding with its fix under it,
 * and a summary line. Colour only when {@link ReportOptions#color()} says so.
 */
public final class ConsoleReporter implements Reporter {

  private static final int WIDTH = 100;
  private static final String RESET = "\u001b[0m";
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String CYAN = "\u001b[36m";
  private static final String DIM = "\u001b[2m";
  private static final String BOLD = "\u001b[1m";

  @Override
  public String name() {
    return "console";
  }

  @Override
  public String description() {
    return "readable report for a terminal (the default)";
  }

  @Override
  public void write(Report report, ReportOptions options, Writer out) throws IOException {
    Style s = new Style(options.color());
    StringBuilder b = new StringBuilder();
    for (CheckReport check : report.checks()) {
      writeCheck(check, options.verbose(), s, b);
    }
    if (!report.checks().isEmpty()) {
      b.append('\n');
    }
    if (!report.fixes().isEmpty()) {
      writeFixes(report.fixes(), options.verbose(), s, b);
      b.append('\n');
    }
    b.append(summary(report, s)).append('\n');
    out.write(b.toString());
  }

  private static void writeCheck(CheckReport check, boolean verbose, Style s, StringBuilder b) {
    String mark = switch (check.status()) {
      case PASSED -> s.paint(GREEN, "[PASS]   ");
      case FAILED -> s.paint(RED, "[FAIL]   ");
      case SKIPPED -> s.paint(DIM, "[SKIP]   ");
      case ERROR -> s.paint(RED, "[ERROR]  ");
      case TIMEOUT -> s.paint(YELLOW, "[TIMEOUT]");
    };
    b.append(mark).append(' ').append(s.paint(BOLD, check.id()));
    if (!check.title().isEmpty() && !check.isHost()) {
      b.append(" - ").append(check.title());
    }
    if (check.status() == CheckStatus.SKIPPED) {
      b.append(s.paint(DIM, ": " + check.reason()));
    } else if (!check.isHost()) {
      b.append(s.paint(DIM, " (" + millis(check.duration()) + ")"));
    }
    b.append('\n');
    String indent = " ".repeat(10);
    for (Finding f : check.findings()) {
      writeFinding(f, verbose, s, indent, b);
    }
    if (verbose && !check.evidence().isEmpty()) {
      b.append(indent).append(s.paint(DIM, "facts:")).append('\n');
      writeFacts(check.evidence(), indent + "  ", s, b);
    }
  }

  private static void writeFinding(Finding f, boolean verbose, Style s, String indent, StringBuilder b) {
    String sev = f.waived() ? s.paint(DIM, "waived " + f.severity().id()) : switch (f.severity()) {
      case ERROR -> s.paint(RED, "error");
      case WARNING -> s.paint(YELLOW, "warning");
      case INFO -> s.paint(CYAN, "info");
    };
    b.append(indent).append(sev).append(' ').append(f.message()).append(s.paint(DIM, "  [" + f.code() + "]")).append('\n');
    if (f.waived()) {
      wrap("waived until " + f.waiver().expires() + ": " + f.waiver().reason(), indent + "  ", indent + "    ", b);
    }
    String where = location(f);
    if (!where.isEmpty()) {
      b.append(indent).append("  at ").append(where).append('\n');
    }
    if (!f.remediation().text().isEmpty()) {
      wrap("fix: " + f.remediation().text(), indent + "  ", indent + "       ", b);
    }
    for (String command : f.remediation().commands()) {
      b.append(indent).append("    $ ").append(command).append('\n');
    }
    if (verbose && !f.evidence().isEmpty()) {
      b.append(indent).append("  ").append(s.paint(DIM, "evidence:")).append('\n');
      writeFacts(f.evidence(), indent + "    ", s, b);
    }
  }

  /**
   * The fixes of a {@code --dry-run} or {@code --fix} run: a count line, then per fix its status,
   * id and plan, what it takes, why it stands as it does, and the diff of what it would change
   * (for fixes not applied, or with {@code -v}).
   */
  private static void writeFixes(List<FixReport> fixes, boolean verbose, Style s, StringBuilder b) {
    Map<FixReport.Status, Long> counts = new java.util.EnumMap<>(FixReport.Status.class);
    fixes.forEach(f -> counts.merge(f.status(), 1L, Long::sum));
    List<String> parts = new java.util.ArrayList<>();
    for (FixReport.Status status : List.of(FixReport.Status.REPAIRED, FixReport.Status.PARTIAL, FixReport.Status.FAILED,
        FixReport.Status.APPLIED, FixReport.Status.PLANNED, FixReport.Status.DECLINED, FixReport.Status.SKIPPED)) {
      if (counts.containsKey(status)) {
        parts.add(counts.get(status) + " " + status.id());
      }
    }
    b.append(s.paint(BOLD, "Fixes")).append(": ").append(String.join(", ", parts)).append('\n');
    String indent = " ".repeat(10);
    for (FixReport f : fixes) {
      String mark = switch (f.status()) {
        case REPAIRED -> s.paint(GREEN, "repaired ");
        case PARTIAL, APPLIED -> s.paint(YELLOW, String.format("%-9s", f.status().id()));
        case FAILED -> s.paint(RED, "failed   ");
        case PLANNED -> s.paint(CYAN, "planned  ");
        case DECLINED, SKIPPED -> s.paint(DIM, String.format("%-9s", f.status().id()));
      };
      b.append(mark).append(' ').append(s.paint(BOLD, f.id())).append(": ").append(f.plan()).append('\n');
      wrap(traits(f), indent, indent, b);
      if (f.reason() != null) {
        wrap(f.reason(), indent, indent + "  ", b);
      }
      if (f.note() != null && (f.status() == FixReport.Status.REPAIRED || f.status() == FixReport.Status.PARTIAL
          || f.status() == FixReport.Status.APPLIED)) {
        wrap("note: " + f.note(), indent, indent + "      ", b);
      }
      if (f.diff() != null && (verbose || f.status() == FixReport.Status.PLANNED)) {
        for (String line : f.diff().split("\n")) {
          String painted = line.startsWith("+") && !line.startsWith("+++") ? s.paint(GREEN, line)
              : line.startsWith("-") && !line.startsWith("---") ? s.paint(RED, line)
              : line.startsWith("@@") ? s.paint(CYAN, line) : line;
          b.append(indent).append(painted).append('\n');
        }
      }
    }
  }

  /** What a fix takes, in words: {@code config edit, needs root, opt-in (--fix-only ID)}. */
  public static String traits(FixReport f) {
    List<String> t = new java.util.ArrayList<>();
    t.add(f.kind().id().replace('-', ' '));
    if (f.unattendedSafe()) {
      t.add("safe to apply unattended");
    }
    if (f.needsRoot()) {
      t.add("needs root");
    }
    if (f.optIn()) {
      t.add("opt-in (--fix-only " + f.id() + ")");
    }
    return String.join(", ", t);
  }

  private static void writeFacts(Map<String, String> facts, String indent, Style s, StringBuilder b) {
    facts.forEach((k, v) -> {
      List<String> lines = v.lines().toList();
      b.append(indent).append(s.paint(DIM, k + ":")).append(' ').append(lines.isEmpty() ? "" : lines.get(0)).append('\n');
      for (int i = 1; i < lines.size(); i++) {
        b.append(indent).append("  ").append(lines.get(i)).append('\n');
      }
    });
  }

  private static String location(Finding f) {
    StringBuilder where = new StringBuilder();
    if (f.path() != null) {
      where.append(f.path());
    }
    if (f.file() != null) {
      String file = f.file() + (f.line() > 0 ? ":" + f.line() + (f.column() > 0 ? ":" + f.column() : "") : "");
      where.append(where.length() > 0 ? " (" + file + ")" : file);
    }
    return where.toString();
  }

  private static String summary(Report report, Style s) {
    long passed = count(report, CheckStatus.PASSED);
    long failed = count(report, CheckStatus.FAILED);
    long skipped = count(report, CheckStatus.SKIPPED);
    long broken = count(report, CheckStatus.ERROR) + count(report, CheckStatus.TIMEOUT);
    List<Finding> findings = report.findings().stream().filter(f -> !f.waived()).toList();
    long waived = report.findings().size() - findings.size();
    long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
    long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
    long infos = findings.stream().filter(f -> f.severity() == Severity.INFO).count();
    long checks = report.checks().stream().filter(c -> !c.isHost()).count();
    String text = checks + (checks == 1 ? " check: " : " checks: ") + passed + " passed, " + failed + " failed, "
        + skipped + " skipped" + (broken > 0 ? ", " + broken + " broken" : "")
        + "; " + plural(errors, "error") + ", " + plural(warnings, "warning") + ", " + infos + " info"
        + (waived > 0 ? ", " + waived + " waived" : "") + " (" + seconds(report.duration()) + ")";
    String verdict = report.ok() ? s.paint(GREEN, "OK") : s.paint(RED, "PROBLEMS FOUND");
    return verdict + "  " + text;
  }

  private static long count(Report report, CheckStatus status) {
    return report.checks().stream().filter(c -> !c.isHost() && c.status() == status).count();
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  private static String millis(Duration d) {
    return d.toMillis() + " ms";
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
  }

  /** Word-wraps {@code text} to the report width; long words are left whole. */
  private static void wrap(String text, String firstIndent, String nextIndent, StringBuilder b) {
    String indent = firstIndent;
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && indent.length() + line.length() + 1 + word.length() > WIDTH) {
        b.append(indent).append(line).append('\n');
        indent = nextIndent;
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      b.append(indent).append(line).append('\n');
    }
  }

  private record Style(boolean color) {
    String paint(String code, String text) {
      return color ? code + text + RESET : text;
    }
  }
}
