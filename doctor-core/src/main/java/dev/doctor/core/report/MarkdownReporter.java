package dev.doctor.core.report;

import dev.doctor.api.CheckReport;
import dev.doctor.api.CheckStatus;
import dev.doctor.api.Finding;
import dev.doctor.api.Report;
import dev.doctor.api.ReportOptions;
import dev.doctor.api.Reporter;
import dev.doctor.api.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A report to paste into an issue or pull request (GitHub flavoured markdown): a verdict, a table
 * of checks, then each finding with where it is and its fix; with {@code -v} the evidence too, in
 * collapsed blocks. Every text that comes from a check is escaped, so a message cannot turn into
 * markup, a link or a broken table.
 */
public final class MarkdownReporter implements Reporter {

  @Override
  public String name() {
    return "markdown";
  }

  @Override
  public String description() {
    return "GitHub flavoured markdown, to paste into an issue or pull request";
  }

  @Override
  public void write(Report report, ReportOptions options, Writer out) throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("## doctor: ").append(report.ok() ? "✅ OK" : "❌ problems found").append("\n\n");
    b.append(summary(report)).append("\n\n");
    if (!report.checks().isEmpty()) {
      b.append("| Check | Status | Findings | Time |\n");
      b.append("| --- | --- | --- | ---: |\n");
      for (CheckReport c : report.checks()) {
        b.append("| ").append(Markdown.cellCode(c.id()));
        if (!c.isHost() && !c.title().isEmpty()) {
          b.append(' ').append(Markdown.text(c.title()));
        }
        b.append(" | ").append(status(c));
        b.append(" | ").append(counts(c.findings()));
        b.append(" | ").append(c.isHost() ? "" : c.duration().toMillis() + " ms").append(" |\n");
      }
      b.append('\n');
    }
    List<Finding> findings = report.findings();
    if (!findings.isEmpty()) {
      b.append("### Findings\n\n");
      for (Finding f : findings) {
        writeFinding(f, options.verbose(), b);
      }
    }
    if (options.verbose()) {
      for (CheckReport c : report.checks()) {
        if (!c.evidence().isEmpty()) {
          // Check ids are kebab-case, so they are safe inside HTML as they stand.
          b.append("<details><summary>Facts gathered by <code>").append(c.id()).append("</code></summary>\n\n");
          b.append(facts(c.evidence())).append("\n</details>\n\n");
        }
      }
    }
    b.append("<sub>doctor ").append(Markdown.text(report.doctorVersion())).append(", ").append(report.startedAt())
        .append(". `doctor explain CODE` says what a finding means and how to fix it.</sub>\n");
    out.write(b.toString());
  }

  private static String summary(Report report) {
    long checks = report.checks().stream().filter(c -> !c.isHost()).count();
    List<String> parts = new ArrayList<>();
    for (CheckStatus s : CheckStatus.values()) {
      long n = report.checks().stream().filter(c -> !c.isHost() && c.status() == s).count();
      if (n > 0) {
        parts.add(n + " " + s.id());
      }
    }
    String findingCounts = counts(report.findings());
    return "**" + (findingCounts.isEmpty() ? "no findings" : findingCounts) + "** from " + checks + (checks == 1 ? " check" : " checks")
        + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")")
        + " in " + String.format(Locale.ROOT, "%.2f s", report.duration().toMillis() / 1000.0)
        + "; fails on " + (report.failOn() == null ? "nothing (`--fail-on never`)" : report.failOn().id() + " and above") + ".";
  }

  private static String counts(List<Finding> findings) {
    List<String> parts = new ArrayList<>();
    for (Severity s : new Severity[] {Severity.ERROR, Severity.WARNING, Severity.INFO}) {
      long n = findings.stream().filter(f -> !f.waived() && f.severity() == s).count();
      if (n > 0) {
        parts.add(n + " " + s.id() + (n > 1 && s != Severity.INFO ? "s" : ""));
      }
    }
    long waived = findings.stream().filter(Finding::waived).count();
    if (waived > 0) {
      parts.add(waived + " waived");
    }
    return String.join(", ", parts);
  }

  private static String status(CheckReport c) {
    return switch (c.status()) {
      case PASSED -> "✅ passed";
      case FAILED -> "❌ failed";
      case SKIPPED -> "⏭️ skipped: " + Markdown.text(c.reason() == null ? "" : c.reason());
      case ERROR -> "💥 crashed";
      case TIMEOUT -> "⏱️ timed out";
    };
  }

  private static void writeFinding(Finding f, boolean verbose, StringBuilder b) {
    String icon = f.waived() ? "🔕 waived " : switch (f.severity()) {
      case ERROR -> "❌ ";
      case WARNING -> "⚠️ ";
      case INFO -> "ℹ️ ";
    };
    b.append("#### ").append(icon).append(f.severity().id()).append(": ").append(Markdown.text(f.message())).append("\n\n");
    b.append(Markdown.code(f.code())).append(" from ").append(Markdown.code(f.checkId() == null ? "?" : f.checkId()));
    if (f.path() != null) {
      b.append(" at ").append(Markdown.code(f.path()));
    }
    if (f.file() != null) {
      String file = f.file() + (f.line() > 0 ? ":" + f.line() + (f.column() > 0 ? ":" + f.column() : "") : "");
      b.append(f.path() != null ? " in " : " at ").append(Markdown.code(file));
    }
    b.append("\n\n");
    if (f.waived()) {
      b.append("> Waived until ").append(f.waiver().expires()).append(": ").append(Markdown.text(f.waiver().reason())).append("\n\n");
    }
    if (!f.remediation().text().isEmpty()) {
      b.append("**Fix:** ").append(Markdown.text(f.remediation().text())).append("\n\n");
    }
    if (!f.remediation().commands().isEmpty()) {
      b.append(Markdown.block("sh", String.join("\n", f.remediation().commands()))).append('\n');
    }
    if (verbose && !f.evidence().isEmpty()) {
      b.append("<details><summary>Evidence</summary>\n\n").append(facts(f.evidence())).append("\n</details>\n\n");
    }
  }

  private static String facts(Map<String, String> facts) {
    StringBuilder text = new StringBuilder();
    facts.forEach((k, v) -> text.append(k).append(": ").append(v.replace("\n", "\n  ")).append('\n'));
    return Markdown.block("text", text.toString());
  }
}
