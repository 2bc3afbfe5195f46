package dev.doctor.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.doctor.api.CheckReport;
import dev.doctor.api.Finding;
import dev.doctor.api.FixReport;
import dev.doctor.api.Report;
import dev.doctor.api.ReportOptions;
import dev.doctor.api.Reporter;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * One JSON object per run, schema version 1 (published as {@code docs/report.schema.json}).
 * Finding fields keep the names and meaning of {@code openclaw doctor --lint --json}
 * ({@code checkId}, {@code severity}, {@code message}, {@code path}, {@code fixHint}) and add
 * doctor's own. Fields without a value are left out rather than written as null. Evidence is
 * always included: JSON is for machines, which filter it themselves. {@code fixes} appears only
 * when a {@code --dry-run} or {@code --fix} run has fixes.
 */
public final class JsonReporter implements Reporter {

  /** Bumped only for changes that break a reader of the previous version. */
  public static final int SCHEMA_VERSION = 1;

  @Override
  public String name() {
    return "json";
  }

  @Override
  public String description() {
    return "one JSON object, schema in docs/report.schema.json";
  }

  @Override
  public void write(Report report, ReportOptions options, Writer out) throws IOException {
    JsonDocument.write(out, g -> {
      g.writeStartObject();
      g.writeNumberField("schemaVersion", SCHEMA_VERSION);
      g.writeBooleanField("ok", report.ok());
      g.writeStringField("doctorVersion", report.doctorVersion());
      g.writeStringField("failOn", report.failOn() == null ? "never" : report.failOn().id());
      g.writeStringField("startedAt", report.startedAt().toString());
      g.writeNumberField("durationMs", report.duration().toMillis());
      g.writeNumberField("checksRun", report.checksRun());
      g.writeNumberField("checksSkipped", report.checksSkipped());
      g.writeArrayFieldStart("findings");
      for (Finding f : report.findings()) {
        writeFinding(g, f);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("checks");
      for (CheckReport c : report.checks()) {
        writeCheck(g, c);
      }
      g.writeEndArray();
      if (!report.fixes().isEmpty()) {
        g.writeArrayFieldStart("fixes");
        for (FixReport f : report.fixes()) {
          writeFix(g, f);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    });
  }

  private static void writeFinding(JsonGenerator g, Finding f) throws IOException {
    g.writeStartObject();
    g.writeStringField("checkId", f.checkId());
    g.writeStringField("code", f.code());
    g.writeStringField("severity", f.severity().id());
    g.writeStringField("message", f.message());
    if (f.path() != null) {
      g.writeStringField("path", f.path());
    }
    if (f.file() != null) {
      g.writeStringField("file", f.file());
    }
    if (f.line() > 0) {
      g.writeNumberField("line", f.line());
    }
    if (f.column() > 0) {
      g.writeNumberField("column", f.column());
    }
    if (!f.remediation().text().isEmpty()) {
      g.writeStringField("fixHint", f.remediation().text());
    }
    writeMap(g, "evidence", f.evidence());
    g.writeObjectFieldStart("remediation");
    g.writeStringField("text", f.remediation().text());
    g.writeArrayFieldStart("commands");
    for (String command : f.remediation().commands()) {
      g.writeString(command);
    }
    g.writeEndArray();
    g.writeEndObject();
    if (f.waived()) {
      g.writeObjectFieldStart("waived");
      g.writeStringField("reason", f.waiver().reason());
      g.writeStringField("expires", f.waiver().expires().toString());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void writeCheck(JsonGenerator g, CheckReport c) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", c.id());
    g.writeStringField("plugin", c.plugin());
    g.writeStringField("title", c.title());
    g.writeStringField("status", c.status().id());
    g.writeNumberField("durationMs", c.duration().toMillis());
    if (c.reason() != null) {
      g.writeStringField("reason", c.reason());
    }
    g.writeNumberField("findingCount", c.findings().size());
    writeMap(g, "evidence", c.evidence());
    g.writeEndObject();
  }

  private static void writeFix(JsonGenerator g, FixReport f) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", f.id());
    g.writeStringField("checkId", f.checkId());
    g.writeStringField("plan", f.plan());
    g.writeStringField("kind", f.kind().id());
    g.writeBooleanField("needsRoot", f.needsRoot());
    g.writeBooleanField("unattendedSafe", f.unattendedSafe());
    g.writeBooleanField("optIn", f.optIn());
    if (f.diff() != null) {
      g.writeStringField("diff", f.diff());
    }
    g.writeStringField("status", f.status().id());
    if (f.reason() != null) {
      g.writeStringField("reason", f.reason());
    }
    if (f.note() != null) {
      g.writeStringField("note", f.note());
    }
    g.writeEndObject();
  }

  private static void writeMap(JsonGenerator g, String name, Map<String, String> map) throws IOException {
    g.writeObjectFieldStart(name);
    for (Map.Entry<String, String> e : map.entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }
}
