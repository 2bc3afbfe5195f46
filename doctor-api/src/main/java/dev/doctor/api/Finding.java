package dev.doctor.api;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Something a check found. Immutable; build one with {@link #builder}.
 *
 * <p>Messages, evidence and remediation are shown to users and written to reports: they must never
 * contain a secret value.
 *
 * @param checkId id of the check that produced it; null until the host stamps it
 * @param code stable {@code <check-id>.<kebab-name>}, e.g. {@code codex-bwrap.user-namespace-denied}; API
 * @param severity never null
 * @param message one line, no trailing period needed; never null
 * @param path dot path into the gateway config ({@code agents.defaults.sandbox.mode}); nullable
 * @param file file the finding is about; nullable
 * @param line 1-based line in {@code file}; 0 when unknown
 * @param column 1-based column in {@code file}; 0 when unknown
 * @param evidence facts behind the finding (probe command, its stderr), in order; never null
 * @param remediation how to fix it; never null, {@link Remediation#none()} when there is no fix
 * @param waiver why the user accepts it for now; null unless the host matched a waiver (checks
 *     never set it)
 */
public record Finding(
    String checkId,
    String code,
    Severity severity,
    String message,
    String path,
    String file,
    int line,
    int column,
    Map<String, String> evidence,
    Remediation remediation,
    Waiver waiver) {

  private static final Pattern CODE =
      Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)?\\.[a-z0-9]+(-[a-z0-9]+)*");

  public Finding {
    Objects.requireNonNull(code, "code");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("finding code must be <check-id>.<kebab-name>: " + code);
    }
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    evidence = CheckResult.Values.orderedCopy(evidence);
    remediation = remediation == null ? Remediation.none() : remediation;
  }

  /** A finding without a waiver: the constructor of API 1.0, kept for plugins built against it. */
  public Finding(
      String checkId,
      String code,
      Severity severity,
      String message,
      String path,
      String file,
      int line,
      int column,
      Map<String, String> evidence,
      Remediation remediation) {
    this(checkId, code, severity, message, path, file, line, column, evidence, remediation, null);
  }

  /** This finding attributed to {@code checkId}; used by the host. */
  public Finding withCheckId(String checkId) {
    return new Finding(checkId, code, severity, message, path, file, line, column, evidence, remediation, waiver);
  }

  /** This finding accepted by {@code waiver} (null to clear it); used by the host. */
  public Finding withWaiver(Waiver waiver) {
    return new Finding(checkId, code, severity, message, path, file, line, column, evidence, remediation, waiver);
  }

  /** This finding pointed at {@code file}, {@code line} and {@code column}; used by the host. */
  public Finding withLocation(String file, int line, int column) {
    return new Finding(checkId, code, severity, message, path, file, line, column, evidence, remediation, waiver);
  }

  /** True when the user accepted this finding with a waiver; it then does not fail the run. */
  public boolean waived() {
    return waiver != null;
  }

  public static Builder builder(String code, Severity severity, String message) {
    return new Builder(code, severity, message);
  }

  /** Builds a {@link Finding}. Not thread-safe. */
  public static final class Builder {
    private final String code;
    private final Severity severity;
    private final String message;
    private String path;
    private String file;
    private int line;
    private int column;
    private final Map<String, String> evidence = new LinkedHashMap<>();
    private Remediation remediation = Remediation.none();

    private Builder(String code, Severity severity, String message) {
      this.code = code;
      this.severity = severity;
      this.message = message;
    }

    /** Dot path into the gateway config. */
    public Builder path(String path) {
      this.path = path;
      return this;
    }

    public Builder file(Path file) {
      this.file = file == null ? null : file.toString();
      return this;
    }

    public Builder location(int line, int column) {
      this.line = line;
      this.column = column;
      return this;
    }

    /** Points at a config value: its path, file, line and column, as far as they are known. */
    public Builder at(ConfigNode node) {
      this.path = node.path().isEmpty() ? null : node.path();
      if (node.file() != null) {
        this.file = node.file().toString();
      }
      this.line = node.line();
      this.column = node.column();
      return this;
    }

    /** Adds one fact; a null value is skipped so callers need not test optional facts. */
    public Builder evidence(String key, String value) {
      if (value != null) {
        evidence.put(key, value);
      }
      return this;
    }

    public Builder evidence(Map<String, String> facts) {
      facts.forEach(this::evidence);
      return this;
    }

    public Builder remediation(Remediation remediation) {
      this.remediation = remediation;
      return this;
    }

    public Builder remediation(String text, String... commands) {
      return remediation(Remediation.of(text, commands));
    }

    public Finding build() {
      return new Finding(null, code, severity, message, path, file, line, column, evidence, remediation, null);
    }
  }
}
