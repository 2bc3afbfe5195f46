package dev.doctor.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.doctor.api.CheckReport;
import dev.doctor.api.Finding;
import dev.doctor.api.Report;
import dev.doctor.api.ReportOptions;
import dev.doctor.api.Reporter;
import dev.doctor.api.Severity;
import dev.doctor.core.explain.Explanation;
import dev.doctor.core.explain.Explanations;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * SARIF 2.1.0, the static analysis interchange format that code scanning services and IDE viewers
 * read. One run; one rule per finding code, whose help is the code's explanation ({@code doctor
 * explain}); one result per finding, located at its file, line and column where known, with its
 * config path as a logical location. A waived finding carries an accepted external suppression
 * with the waiver's reason. Evidence and the remediation are result properties.
 */
public final class SarifReporter implements Reporter {

  static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

  private final Function<String, Optional<Explanation>> explain;

  /** With the host's explanations only. */
  public SarifReporter() {
    this(Explanations.hostOnly()::find);
  }

  /** With {@code explain} as the source of each rule's help (usually {@link Explanations#find}). */
  public SarifReporter(Function<String, Optional<Explanation>> explain) {
    this.explain = explain;
  }

  @Override
  public String name() {
    return "sarif";
  }

  @Override
  public String description() {
    return "SARIF 2.1.0 for code scanning and SARIF viewers";
  }

  @Override
  public void write(Report report, ReportOptions options, Writer out) throws IOException {
    Map<String, Finding> rules = new LinkedHashMap<>();
    for (Finding f : report.findings()) {
      rules.putIfAbsent(f.code(), f);
    }
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    rules.keySet().forEach(code -> ruleIndex.put(code, ruleIndex.size()));

    JsonDocument.write(out, g -> {
      g.writeStartObject();
      g.writeStringField("$schema", SCHEMA);
      g.writeStringField("version", "2.1.0");
      g.writeArrayFieldStart("runs");
      g.writeStartObject();

      g.writeObjectFieldStart("tool");
      g.writeObjectFieldStart("driver");
      g.writeStringField("name", "doctor");
      g.writeStringField("version", report.doctorVersion());
      g.writeStringField("fullName", "doctor " + report.doctorVersion() + ": diagnostics for OpenClaw gateway hosts");
      g.writeArrayFieldStart("rules");
      for (Finding first : rules.values()) {
        writeRule(g, first);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();

      g.writeArrayFieldStart("invocations");
      g.writeStartObject();
      g.writeBooleanField("executionSuccessful", true);
      g.writeStringField("startTimeUtc", report.startedAt().toString());
      g.writeStringField("endTimeUtc", report.startedAt().plus(report.duration()).toString());
      g.writeObjectFieldStart("properties");
      g.writeBooleanField("ok", report.ok());
      g.writeStringField("failOn", report.failOn() == null ? "never" : report.failOn().id());
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();

      g.writeArrayFieldStart("results");
      for (Finding f : report.findings()) {
        writeResult(g, f, ruleIndex.get(f.code()));
      }
      g.writeEndArray();

      g.writeObjectFieldStart("properties");
      g.writeArrayFieldStart("checks");
      for (CheckReport c : report.checks()) {
        g.writeStartObject();
        g.writeStringField("id", c.id());
        g.writeStringField("plugin", c.plugin());
        g.writeStringField("status", c.status().id());
        g.writeNumberField("durationMs", c.duration().toMillis());
        if (c.reason() != null) {
          g.writeStringField("reason", c.reason());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();

      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  private void writeRule(JsonGenerator g, Finding first) throws IOException {
    Optional<Explanation> explanation = explain.apply(first.code());
    g.writeStartObject();
    g.writeStringField("id", first.code());
    g.writeStringField("name", ruleName(first.code()));
    String summary = explanation.map(Explanation::summary).filter(s -> !s.isEmpty()).orElse(first.message());
    g.writeObjectFieldStart("shortDescription");
    g.writeStringField("text", summary);
    g.writeEndObject();
    g.writeObjectFieldStart("help");
    if (explanation.isPresent()) {
      g.writeStringField("text", plain(explanation.get().markdown()));
      g.writeStringField("markdown", explanation.get().markdown() + "\n\nSee also: `doctor explain " + first.code() + "`");
    } else {
      String fix = first.remediation().text().isEmpty() ? first.message() : first.remediation().text();
      g.writeStringField("text", fix);
      g.writeStringField("markdown", Markdown.text(fix));
    }
    g.writeEndObject();
    g.writeObjectFieldStart("defaultConfiguration");
    g.writeStringField("level", level(first.severity()));
    g.writeEndObject();
    g.writeObjectFieldStart("properties");
    g.writeStringField("plugin", explanation.map(Explanation::pluginId).orElse(Explanations.pluginIdOf(first.code())));
    g.writeArrayFieldStart("tags");
    for (String tag : new java.util.LinkedHashSet<>(java.util.List.of("doctor", Explanations.pluginIdOf(first.code())))) {
      g.writeString(tag);
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeResult(JsonGenerator g, Finding f, int ruleIndex) throws IOException {
    g.writeStartObject();
    g.writeStringField("ruleId", f.code());
    g.writeNumberField("ruleIndex", ruleIndex);
    g.writeStringField("level", level(f.severity()));
    g.writeObjectFieldStart("message");
    g.writeStringField("text", f.message());
    g.writeStringField("markdown", messageMarkdown(f));
    g.writeEndObject();
    String uri = fileUri(f.file());
    if (uri != null || f.path() != null) {
      g.writeArrayFieldStart("locations");
      g.writeStartObject();
      if (uri != null) {
        g.writeObjectFieldStart("physicalLocation");
        g.writeObjectFieldStart("artifactLocation");
        g.writeStringField("uri", uri);
        g.writeEndObject();
        if (f.line() > 0) {
          g.writeObjectFieldStart("region");
          g.writeNumberField("startLine", f.line());
          if (f.column() > 0) {
            g.writeNumberField("startColumn", f.column());
          }
          g.writeEndObject();
        }
        g.writeEndObject();
      }
      if (f.path() != null) {
        g.writeArrayFieldStart("logicalLocations");
        g.writeStartObject();
        g.writeStringField("fullyQualifiedName", f.path());
        g.writeStringField("kind", "property");
        g.writeEndObject();
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeEndArray();
    }
    g.writeObjectFieldStart("partialFingerprints");
    g.writeStringField("doctorFinding/v1", fingerprint(f));
    g.writeEndObject();
    if (f.waived()) {
      g.writeArrayFieldStart("suppressions");
      g.writeStartObject();
      g.writeStringField("kind", "external");
      g.writeStringField("status", "accepted");
      g.writeStringField("justification", f.waiver().reason() + " (waived until " + f.waiver().expires() + ")");
      g.writeEndObject();
      g.writeEndArray();
    }
    g.writeObjectFieldStart("properties");
    g.writeStringField("checkId", f.checkId());
    g.writeObjectFieldStart("evidence");
    for (Map.Entry<String, String> e : f.evidence().entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("remediation");
    g.writeStringField("text", f.remediation().text());
    g.writeArrayFieldStart("commands");
    for (String command : f.remediation().commands()) {
      g.writeString(command);
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndObject();
  }

  private static String messageMarkdown(Finding f) {
    StringBuilder b = new StringBuilder(Markdown.text(f.message()));
    if (!f.remediation().text().isEmpty()) {
      b.append("\n\n**Fix:** ").append(Markdown.text(f.remediation().text()));
    }
    if (!f.remediation().commands().isEmpty()) {
      b.append("\n\n").append(Markdown.block("sh", String.join("\n", f.remediation().commands())).stripTrailing());
    }
    return b.toString();
  }

  static String level(Severity severity) {
    return switch (severity) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }

  /** {@code codex-bwrap.user-namespace-denied} → {@code UserNamespaceDenied}: SARIF's rule name is an identifier. */
  static String ruleName(String code) {
    String last = code.substring(code.lastIndexOf('.') + 1);
    StringBuilder b = new StringBuilder();
    for (String part : last.split("-")) {
      if (!part.isEmpty()) {
        b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return b.toString();
  }

  /** An absolute file URI for {@code file}; null when there is none. */
  static String fileUri(String file) {
    if (file == null || file.isBlank()) {
      return null;
    }
    try {
      return Path.of(file).toAbsolutePath().normalize().toUri().toASCIIString();
    } catch (InvalidPathException | java.io.IOError | SecurityException e) {
      return null;
    }
  }

  /** Stable across runs for the same problem in the same place, so consumers can follow it. */
  private static String fingerprint(Finding f) {
    String key = f.checkId() + "\n" + f.code() + "\n" + (f.path() == null ? "" : f.path()) + "\n" + (f.file() == null ? "" : f.file());
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String plain(String markdown) {
    return markdown.replaceAll("\\[([^\\]]*)]\\(([^)]*)\\)", "$1 ($2)").replace("**", "").replace("`", "");
  }
}
