package dev.doctor.core.waiver;

import dev.doctor.api.CheckReport;
import dev.doctor.api.CheckStatus;
import dev.doctor.api.ConfigNode;
import dev.doctor.api.Finding;
import dev.doctor.api.Json5Parse;
import dev.doctor.api.Remediation;
import dev.doctor.api.Severity;
import dev.doctor.api.Waiver;
import dev.doctor.core.config.Json5Reader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The waivers of one run, read from a JSON5 file:
 *
 * <pre>{@code
 * { waivers: [ { code: 'sandbox-docker.capabilities-kept', path: 'agents.defaults.sandbox',
 *                reason: 'INFRA-123: needs NET_ADMIN until the VPN sidecar lands', expires: '2026-12-31' } ] }
 * }</pre>
 *
 * A waiver applies to findings with its {@code code} and, when it has a {@code path}, whose config
 * path is that path or lies under it, or whose file is that path. It applies through its {@code
 * expires} day (UTC). A waiver that has expired, or lacks a reason, a valid code or a valid date,
 * or has a field doctor does not know, is not applied and is itself a warning finding ({@value
 * #EXPIRED}, {@value #INVALID}); so is a file that cannot be used at all ({@value #UNREADABLE}).
 * The host's waiver findings cannot be waived. Immutable and thread-safe.
 */
public final class Waivers {

  /** The waivers file looked for beside the gateway config when {@code --waivers} is not given. */
  public static final String FILE_NAME = "doctor-waivers.json5";

  /** Code of the finding for a waiver past its {@code expires} date. */
  public static final String EXPIRED = "doctor.waiver-expired";
  /** Code of the finding for a waiver that cannot be used (no reason, bad date, unknown field, ...). */
  public static final String INVALID = "doctor.waiver-invalid";
  /** Code of the finding for a waivers file that cannot be read or parsed. */
  public static final String UNREADABLE = "doctor.waivers-unreadable";

  static final int MAX_BYTES = 1 << 20;

  private static final Set<String> FIELDS = Set.of("code", "path", "reason", "expires");
  private static final Set<String> OWN_CODES = Set.of(EXPIRED, INVALID, UNREADABLE);
  private static final Pattern CODE =
      Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)?\\.[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /** A waiver that applies in this run. */
  private record Entry(String code, String path, Waiver waiver) {
    boolean matches(Finding f) {
      if (!code.equals(f.code())) {
        return false;
      }
      if (path == null) {
        return true;
      }
      String p = f.path();
      boolean underPath = p != null && (p.equals(path) || p.startsWith(path + ".") || p.startsWith(path + "["));
      return underPath || path.equals(f.file());
    }
  }

  private final Path file;
  private final List<Entry> entries;
  private final List<Finding> problems;

  private Waivers(Path file, List<Entry> entries, List<Finding> problems) {
    this.file = file;
    this.entries = List.copyOf(entries);
    this.problems = List.copyOf(problems);
  }

  /** No waivers. */
  public static Waivers none() {
    return new Waivers(null, List.of(), List.of());
  }

  /** {@value #FILE_NAME} in the directory of {@code configFile}. */
  public static Path defaultFile(Path configFile) {
    return configFile.resolveSibling(FILE_NAME);
  }

  /**
   * Reads {@code file}; a missing file means no waivers. Never throws for a bad file: that is in
   * {@link #problems()}.
   *
   * @param today the day (UTC) the run is on, against which {@code expires} is compared
   */
  public static Waivers load(Path file, LocalDate today) {
    String text;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        return unreadable(file, "the waivers file " + file + " is over " + MAX_BYTES + " bytes", 0, 0);
      }
      text = new String(bytes, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new Waivers(file, List.of(), List.of());
    } catch (IOException e) {
      String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage());
      return unreadable(file, "cannot read the waivers file " + file + ": " + why, 0, 0);
    }
    Json5Parse parsed = Json5Reader.parseDocument(text, file);
    if (!parsed.ok()) {
      return unreadable(file, "the waivers file is not valid JSON5 at line " + parsed.line() + ", column " + parsed.column()
          + ": " + parsed.error(), parsed.line(), parsed.column());
    }
    ConfigNode list = parsed.root().get("waivers");
    if (!list.isArray()) {
      ConfigNode at = list.isMissing() ? parsed.root() : list;
      return unreadable(file, "the waivers file has no 'waivers' array at its top level", at.line(), at.column());
    }
    List<Entry> entries = new ArrayList<>();
    List<Finding> problems = new ArrayList<>();
    int index = 0;
    for (ConfigNode item : list.items()) {
      index++;
      read(file, index, item, today, entries, problems);
    }
    return new Waivers(file, entries, problems);
  }

  private static void read(Path file, int index, ConfigNode item, LocalDate today, List<Entry> entries, List<Finding> problems) {
    String code = item.get("code").text();
    String name = code != null && !code.isBlank() ? "the waiver for " + code : "waiver " + index;
    String invalid = problem(item, code);
    if (invalid != null) {
      problems.add(finding(INVALID, name + " in " + file.getFileName() + " is not applied: " + invalid, file, item, code,
          "Give the waiver a code, a reason saying why the finding is acceptable for now, and an expires date "
              + "(YYYY-MM-DD); or delete it. Unknown fields are refused so that a misspelt one cannot waive more than meant."));
      return;
    }
    LocalDate expires = LocalDate.parse(item.get("expires").text().strip());
    if (expires.isBefore(today)) {
      problems.add(finding(EXPIRED, name + " expired on " + expires + "; its findings count again", file, item, code,
          "Fix what the finding reports and delete the waiver; or, if the reason still holds, give it a new expires "
              + "date and update its reason."));
      return;
    }
    String path = item.get("path").isPresent() ? item.get("path").text().strip() : null;
    entries.add(new Entry(code.strip(), path == null || path.isEmpty() ? null : path,
        new Waiver(item.get("reason").text().strip(), expires)));
  }

  /** Why {@code item} cannot be used, or null. */
  private static String problem(ConfigNode item, String code) {
    if (!item.isObject()) {
      return "it is not an object";
    }
    for (String field : item.fields().keySet()) {
      if (!FIELDS.contains(field)) {
        return "it has a field doctor does not know, '" + field + "' (fields: code, path, reason, expires)";
      }
    }
    if (code == null || code.isBlank()) {
      return "it has no code";
    }
    if (!CODE.matcher(code.strip()).matches()) {
      return "its code '" + code + "' is not a finding code (<check-id>.<name>, as reports show it)";
    }
    if (OWN_CODES.contains(code.strip())) {
      return "findings about waivers cannot themselves be waived";
    }
    ConfigNode path = item.get("path");
    if (path.isPresent() && !path.isString()) {
      return "its path is not a string";
    }
    String reason = item.get("reason").text();
    if (reason == null || reason.isBlank()) {
      return "it has no reason";
    }
    String expires = item.get("expires").text();
    if (expires == null || expires.isBlank()) {
      return "it has no expires date (YYYY-MM-DD)";
    }
    if (!DATE.matcher(expires.strip()).matches()) {
      return "its expires date '" + expires + "' is not YYYY-MM-DD";
    }
    try {
      LocalDate.parse(expires.strip());
    } catch (DateTimeParseException e) {
      return "its expires date '" + expires + "' is not a real date";
    }
    return null;
  }

  private static Finding finding(String code, String message, Path file, ConfigNode item, String waivedCode, String fix) {
    return Finding.builder(code, Severity.WARNING, message)
        .file(file)
        .location(item.line(), item.column())
        .evidence("waiver.code", waivedCode)
        .evidence("waiver.expires", item.get("expires").scalarText())
        .remediation(Remediation.of(fix, editCommand(file, item.line())))
        .build();
  }

  private static Waivers unreadable(Path file, String message, int line, int column) {
    Finding finding = Finding.builder(UNREADABLE, Severity.WARNING, message + "; no waiver applies")
        .file(file)
        .location(line, column)
        .remediation(Remediation.of("Fix the file (its shape is { waivers: [ { code, path, reason, expires } ] }), "
            + "or pass another with --waivers.", editCommand(file, line)))
        .build();
    return new Waivers(file, List.of(), List.of(finding));
  }

  private static String editCommand(Path file, int line) {
    return "\"${EDITOR:-vi}\" +" + Math.max(line, 1) + " '" + file.toString().replace("'", "'\\''") + "'";
  }

  /** The file these came from; null for {@link #none()}. */
  public Path file() {
    return file;
  }

  /** Findings about the waivers themselves (expired, invalid, unreadable), not yet stamped with a check id. */
  public List<Finding> problems() {
    return problems;
  }

  /** How many waivers apply in this run. */
  public int size() {
    return entries.size();
  }

  /**
   * {@code checks} with every finding a waiver matches marked waived (the first matching waiver
   * wins), and each passed-or-failed status recomputed so that waived findings do not fail a check.
   */
  public List<CheckReport> apply(List<CheckReport> checks) {
    if (entries.isEmpty()) {
      return checks;
    }
    List<CheckReport> out = new ArrayList<>(checks.size());
    for (CheckReport check : checks) {
      List<Finding> findings = check.findings().stream().map(this::waive).toList();
      CheckStatus status = check.status();
      if (status == CheckStatus.FAILED || status == CheckStatus.PASSED) {
        boolean serious = findings.stream().anyMatch(f -> !f.waived() && f.severity().atLeast(Severity.WARNING));
        status = serious ? CheckStatus.FAILED : CheckStatus.PASSED;
      }
      out.add(new CheckReport(check.id(), check.plugin(), check.title(), status, check.duration(), check.reason(), findings,
          check.evidence()));
    }
    return out;
  }

  private Finding waive(Finding f) {
    if (f.waived() || OWN_CODES.contains(f.code())) {
      return f;
    }
    for (Entry e : entries) {
      if (e.matches(f)) {
        return f.withWaiver(e.waiver());
      }
    }
    return f;
  }

  @Override
  public String toString() {
    return "Waivers[" + file + ", " + entries.size() + " applied, " + problems.size() + " problems]";
  }
}
