package dev.doctor.core.report;

import dev.doctor.api.CheckReport;
import dev.doctor.api.CheckStatus;
import dev.doctor.api.Report;
import dev.doctor.api.ReportOptions;
import dev.doctor.api.Reporter;
import dev.doctor.api.Severity;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus text format (0.0.4) as node_exporter's textfile collector reads it, so a fleet of
 * gateway hosts reports into Prometheus: write it with {@code --report prometheus=FILE.prom} into
 * the collector's directory (the host writes report files atomically, so a scrape never sees half
 * a file). No sample has a timestamp: the collector refuses them. Series for every check and
 * every severity are written even when zero, so alerts see a value go to 0 rather than vanish.
 *
 * <p>Metrics: {@code doctor_up}, {@code doctor_ok}, {@code doctor_last_run_timestamp_seconds},
 * {@code doctor_run_duration_seconds}, {@code doctor_info}, {@code doctor_check_status} (one
 * series per status, 1 for the current one), {@code doctor_check_duration_seconds}, {@code
 * doctor_findings} and {@code doctor_findings_waived}.
 */
public final class PrometheusReporter implements Reporter {

  private static final Severity[] SEVERITIES = {Severity.ERROR, Severity.WARNING, Severity.INFO};

  @Override
  public String name() {
    return "prometheus";
  }

  @Override
  public String description() {
    return "Prometheus metrics for node_exporter's textfile collector";
  }

  @Override
  public void write(Report report, ReportOptions options, Writer out) throws IOException {
    Metrics m = new Metrics();
    m.family("doctor_up", "1 when doctor's last run produced a report; 0 when it failed before any result.");
    m.sample("doctor_up", "", "1");
    m.family("doctor_ok", "1 when the last run had no finding at or above --fail-on that is not waived (exit code 0).");
    m.sample("doctor_ok", "", report.ok() ? "1" : "0");
    m.family("doctor_last_run_timestamp_seconds", "When doctor's last run ended, in seconds since the Unix epoch.");
    m.sample("doctor_last_run_timestamp_seconds", "", seconds(report.startedAt().plus(report.duration())));
    m.family("doctor_run_duration_seconds", "How long doctor's last run took.");
    m.sample("doctor_run_duration_seconds", "", seconds(report.duration()));
    m.family("doctor_info", "Always 1; labels say which doctor ran and what fails a run.");
    m.sample("doctor_info", labels("version", report.doctorVersion(), "fail_on", report.failOn() == null ? "never" : report.failOn().id()), "1");

    List<CheckReport> checks = report.checks().stream().filter(c -> !c.isHost()).toList();
    m.family("doctor_check_status", "Status of each check in the last run: 1 for its status, 0 for the others.");
    for (CheckReport c : checks) {
      for (CheckStatus s : CheckStatus.values()) {
        m.sample("doctor_check_status", labels("check", c.id(), "plugin", c.plugin(), "status", s.id()), c.status() == s ? "1" : "0");
      }
    }
    m.family("doctor_check_duration_seconds", "How long each check ran in the last run.");
    for (CheckReport c : checks) {
      m.sample("doctor_check_duration_seconds", labels("check", c.id(), "plugin", c.plugin()), seconds(c.duration()));
    }

    // The host's own findings (an unreadable config, a broken plugin) are under check="doctor", always present.
    List<CheckReport> withHost = new ArrayList<>();
    if (report.checks().stream().noneMatch(CheckReport::isHost)) {
      withHost.add(new CheckReport(CheckReport.HOST_ID, CheckReport.HOST_ID, "doctor itself", CheckStatus.PASSED, Duration.ZERO,
          null, List.of(), Map.of()));
    }
    withHost.addAll(report.checks());
    m.family("doctor_findings", "Findings of each check in the last run by severity, waived ones not counted.");
    for (CheckReport c : withHost) {
      for (Severity s : SEVERITIES) {
        long n = c.findings().stream().filter(f -> !f.waived() && f.severity() == s).count();
        m.sample("doctor_findings", labels("check", c.id(), "severity", s.id()), String.valueOf(n));
      }
    }
    m.family("doctor_findings_waived", "Findings of each check in the last run that a waiver accepts, by severity.");
    for (CheckReport c : withHost) {
      for (Severity s : SEVERITIES) {
        long n = c.findings().stream().filter(f -> f.waived() && f.severity() == s).count();
        m.sample("doctor_findings_waived", labels("check", c.id(), "severity", s.id()), String.valueOf(n));
      }
    }
    out.write(m.toString());
  }

  /**
   * The metrics of a run that failed before any result (bad usage, no plugins directory): {@code
   * doctor_up 0} and the time, so a fleet sees a broken doctor instead of last run's numbers.
   */
  public static void writeFailedRun(Instant at, Writer out) throws IOException {
    Metrics m = new Metrics();
    m.family("doctor_up", "1 when doctor's last run produced a report; 0 when it failed before any result.");
    m.sample("doctor_up", "", "0");
    m.family("doctor_last_run_timestamp_seconds", "When doctor's last run ended, in seconds since the Unix epoch.");
    m.sample("doctor_last_run_timestamp_seconds", "", seconds(at));
    out.write(m.toString());
  }

  private static String seconds(Instant at) {
    return BigDecimal.valueOf(at.getEpochSecond()).add(BigDecimal.valueOf(at.getNano() / 1_000_000, 3)).toPlainString();
  }

  private static String seconds(Duration d) {
    return BigDecimal.valueOf(d.toMillis(), 3).toPlainString();
  }

  /** {@code {k="v",...}} with values escaped as the text format requires. */
  static String labels(String... keysAndValues) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (i > 0) {
        b.append(',');
      }
      b.append(keysAndValues[i]).append("=\"")
          .append(keysAndValues[i + 1].replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
          .append('"');
    }
    return b.append('}').toString();
  }

  /** Collects the text; every family is a gauge. */
  private static final class Metrics {
    private final StringBuilder text = new StringBuilder();

    void family(String name, String help) {
      text.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
      text.append("# TYPE ").append(name).append(" gauge\n");
    }

    void sample(String name, String labels, String value) {
      text.append(name).append(labels).append(' ').append(value).append('\n');
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
