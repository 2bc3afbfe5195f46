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
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML as CI servers read it (the Ant/Surefire shape): one {@code testsuite} named
 * {@code doctor} with a {@code testcase} per check (named by check id, class {@code
 * doctor.<plugin-id>}), the host's pseudo-check included. A check
 * fails exactly when it would fail the exit code: it has a finding at or above {@code --fail-on}
 * that is not waived. Then it gets one {@code <error>} if such a finding is an error and one
 * {@code <failure>} otherwise, whose text lists those findings with their fixes. A skipped check
 * is {@code <skipped>} with its reason. Everything else (findings below the threshold, waived
 * findings, and with {@code -v} the evidence) is in {@code <system-out>}.
 */
public final class JunitReporter implements Reporter {

  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);

  @Override
  public String name() {
    return "junit";
  }

  @Override
  public String description() {
    return "JUnit XML, a test case per check, for CI test reports";
  }

  /** What one check is for JUnit. */
  private record Verdict(CheckReport check, List<Finding> counted, String element) {
    static Verdict of(CheckReport check, Severity failOn) {
      List<Finding> counted = failOn == null ? List.of()
          : check.findings().stream().filter(f -> !f.waived() && f.severity().atLeast(failOn)).toList();
      String element;
      if (!counted.isEmpty()) {
        element = counted.stream().anyMatch(f -> f.severity() == Severity.ERROR) ? "error" : "failure";
      } else if (check.status() == CheckStatus.SKIPPED) {
        element = "skipped";
      } else {
        element = null;
      }
      return new Verdict(check, counted, element);
    }
  }

  @Override
  public void write(Report report, ReportOptions options, Writer out) throws IOException {
    List<Verdict> verdicts = report.checks().stream().map(c -> Verdict.of(c, report.failOn())).toList();
    Map<String, Long> counts = Map.of(
        "failure", verdicts.stream().filter(v -> "failure".equals(v.element())).count(),
        "error", verdicts.stream().filter(v -> "error".equals(v.element())).count(),
        "skipped", verdicts.stream().filter(v -> "skipped".equals(v.element())).count());
    String timestamp = TIMESTAMP.format(LocalDateTime.ofInstant(report.startedAt(), ZoneOffset.UTC));
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      x.writeAttribute("name", "doctor");
      totals(x, verdicts.size(), counts, report.duration());
      x.writeCharacters("\n  ");
      x.writeStartElement("testsuite");
      x.writeAttribute("name", "doctor");
      totals(x, verdicts.size(), counts, report.duration());
      x.writeAttribute("timestamp", timestamp);
      x.writeCharacters("\n    ");
      x.writeStartElement("properties");
      property(x, "doctor.version", report.doctorVersion());
      property(x, "doctor.failOn", report.failOn() == null ? "never" : report.failOn().id());
      property(x, "doctor.ok", String.valueOf(report.ok()));
      x.writeCharacters("\n    ");
      x.writeEndElement();
      for (Verdict v : verdicts) {
        testcase(x, v, options.verbose());
      }
      x.writeCharacters("\n  ");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.flush();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
    }
  }

  private static void totals(XMLStreamWriter x, int tests, Map<String, Long> counts, Duration time) throws XMLStreamException {
    x.writeAttribute("tests", String.valueOf(tests));
    x.writeAttribute("failures", String.valueOf(counts.get("failure")));
    x.writeAttribute("errors", String.valueOf(counts.get("error")));
    x.writeAttribute("skipped", String.valueOf(counts.get("skipped")));
    x.writeAttribute("time", seconds(time));
  }

  private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
    x.writeCharacters("\n      ");
    x.writeEmptyElement("property");
    x.writeAttribute("name", name);
    x.writeAttribute("value", clean(value));
  }

  private static void testcase(XMLStreamWriter x, Verdict v, boolean verbose) throws XMLStreamException {
    CheckReport check = v.check();
    x.writeCharacters("\n    ");
    x.writeStartElement("testcase");
    x.writeAttribute("name", check.id());
    // Grouped as Surefire and Jenkins group tests: package "doctor", one class per plugin.
    x.writeAttribute("classname", "doctor." + check.plugin());
    x.writeAttribute("time", seconds(check.duration()));
    if ("skipped".equals(v.element())) {
      x.writeCharacters("\n      ");
      x.writeEmptyElement("skipped");
      x.writeAttribute("message", clean(check.reason() == null ? "skipped" : check.reason()));
    } else if (v.element() != null) {
      x.writeCharacters("\n      ");
      x.writeStartElement(v.element());
      Finding first = v.counted().stream().max(Comparator.comparing(Finding::severity)).orElseThrow();
      String more = v.counted().size() > 1 ? " (and " + (v.counted().size() - 1) + " more)" : "";
      x.writeAttribute("message", clean(first.message() + more));
      x.writeAttribute("type", first.code());
      StringBuilder text = new StringBuilder("\n");
      v.counted().forEach(f -> describe(f, verbose, text));
      x.writeCharacters(clean(text.toString()));
      x.writeEndElement();
    }
    StringBuilder rest = new StringBuilder();
    check.findings().stream().filter(f -> !v.counted().contains(f)).forEach(f -> describe(f, verbose, rest));
    if (verbose && !check.evidence().isEmpty()) {
      rest.append("facts:\n");
      check.evidence().forEach((k, val) -> rest.append("  ").append(k).append(": ").append(val.replace("\n", "\n    ")).append('\n'));
    }
    if (rest.length() > 0) {
      x.writeCharacters("\n      ");
      x.writeStartElement("system-out");
      x.writeCharacters(clean("\n" + rest));
      x.writeEndElement();
    }
    x.writeCharacters(v.element() == null && rest.length() == 0 ? "" : "\n    ");
    x.writeEndElement();
  }

  private static void describe(Finding f, boolean verbose, StringBuilder b) {
    b.append(f.waived() ? "waived " : "").append(f.severity().id()).append(' ').append(f.code()).append(": ").append(f.message()).append('\n');
    if (f.waived()) {
      b.append("  waived until ").append(f.waiver().expires()).append(": ").append(f.waiver().reason()).append('\n');
    }
    String where = where(f);
    if (!where.isEmpty()) {
      b.append("  at ").append(where).append('\n');
    }
    if (!f.remediation().text().isEmpty()) {
      b.append("  fix: ").append(f.remediation().text()).append('\n');
    }
    f.remediation().commands().forEach(c -> b.append("    $ ").append(c).append('\n'));
    if (verbose) {
      f.evidence().forEach((k, val) -> b.append("  ").append(k).append(": ").append(val.replace("\n", "\n    ")).append('\n'));
    }
  }

  private static String where(Finding f) {
    String file = f.file() == null ? "" : f.file() + (f.line() > 0 ? ":" + f.line() + (f.column() > 0 ? ":" + f.column() : "") : "");
    if (f.path() == null) {
      return file;
    }
    return file.isEmpty() ? f.path() : f.path() + " (" + file + ")";
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
  }

  /** XML 1.0 cannot carry most control characters, not even escaped; they become U+FFFD. */
  static String clean(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
          || Character.isSurrogate(c);
      if (!ok) {
        if (b == null) {
          b = new StringBuilder(s.substring(0, i));
        }
        b.append('\uFFFD');
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }
}
