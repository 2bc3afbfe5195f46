package dev.doctor.core.fix;

import dev.doctor.api.Change;
import dev.doctor.api.CheckReport;
import dev.doctor.api.CheckStatus;
import dev.doctor.api.Command;
import dev.doctor.api.CommandResult;
import dev.doctor.api.CommandRunner;
import dev.doctor.api.ConfigNode;
import dev.doctor.api.Finding;
import dev.doctor.api.Fix;
import dev.doctor.api.FixReport;
import dev.doctor.api.FixReport.Status;
import dev.doctor.api.Report;
import dev.doctor.api.Severity;
import dev.doctor.core.config.ConfigParseException;
import dev.doctor.core.config.Json5Reader;
import dev.doctor.core.fix.ConfigEditor.EditException;
import dev.doctor.core.run.CheckRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The repairs of one run, top to bottom: {@link #plan} what the checks offer (with a diff of every
 * file each fix would touch, secrets redacted), {@link #decide} which to apply (named, root, the
 * user's answers or {@code --yes}), {@link #apply} them, and, once the checks have run again,
 * {@link #verdicts judge} each one. Files are only ever written by {@link AtomicReplace}: a backup
 * first, then an atomic rename; a fix that moves a secret leaves no copy of it in a backup.
 *
 * <p>Not thread-safe: one instance per run, used from one thread.
 */
public final class Repairs {

  /** Asks the user whether to apply a fix; the host's CLI prompts on the terminal. */
  @FunctionalInterface
  public interface Confirm {
    boolean confirm(FixReport fix);
  }

  /** Told while fixes are applied, for progress on a terminal. Called on the applying thread. */
  public interface Listener {
    Listener NONE = new Listener() {};

    /** A step of {@code fix} starts: running a command (bounded by {@code timeout}) or writing a file. */
    default void step(FixReport fix, String step, Duration timeout) {}

    /** The step that started last has ended. */
    default void stepDone() {}
  }

  /** Why a fix stopped; the message is one line that names no value. */
  private static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message, null, false, false);
    }
  }

  private static final class Entry {
    final Fix fix;
    FixReport report;
    boolean go;
    final List<String> warnings = new ArrayList<>();
    final Set<String> files = new LinkedHashSet<>();
    final Set<String> paths = new LinkedHashSet<>();

    Entry(Fix fix, FixReport report) {
      this.fix = fix;
      this.report = report;
    }
  }

  /** A file as a fix's changes leave it, before it is written. */
  private static final class Draft {
    final Path path;
    final String original;
    String text;
    boolean json5;
    boolean secretContent;
    int mode;
    final Set<String> shown = new HashSet<>();
    final List<Change.ConfigEdit> removing = new ArrayList<>();
    final Map<String, String> removedValues = new LinkedHashMap<>();

    Draft(Path path, String original) {
      this.path = path;
      this.original = original;
      this.text = original;
    }

    boolean changed() {
      return !Objects.equals(original, text);
    }
  }

  private static final String REMOVED = "«removed by doctor»";

  private final CommandRunner commands;
  private final boolean root;
  private final Listener listener;
  private final List<Entry> entries = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final Map<Path, String> planned = new LinkedHashMap<>();
  private final Set<Path> written = new HashSet<>();
  private Set<String> named = Set.of();

  /**
   * @param commands runs the fixes' commands, each under its own timeout
   * @param root whether doctor runs as root (fixes that need root are skipped otherwise)
   * @param listener told as steps start and end
   */
  public Repairs(CommandRunner commands, boolean root, Listener listener) {
    this.commands = commands;
    this.root = root;
    this.listener = listener;
  }

  /**
   * Takes what the checks offered. With {@code named} non-empty only fixes with those ids are kept
   * (and only then are opt-in fixes applied). Each kept fix is {@code planned} with its diff, or
   * {@code failed} when its changes cannot be made as planned (a path that is not there, a file
   * that does not parse).
   */
  public List<FixReport> plan(List<CheckRunner.Offer> offers, Set<String> named) {
    this.named = Set.copyOf(named);
    for (CheckRunner.Offer offer : offers) {
      if (offer.problem() != null) {
        problems.add(offer.checkId() + ": " + offer.problem());
      }
      for (Fix fix : offer.fixes()) {
        if (!named.isEmpty() && !named.contains(fix.id())) {
          continue;
        }
        FixReport report;
        try {
          String diff = fix.blocked() != null ? "" : preview(fix);
          report = FixReport.of(fix, offer.checkId(), diff.isEmpty() ? null : diff, Status.PLANNED, null);
        } catch (Failure e) {
          report = FixReport.of(fix, offer.checkId(), null, Status.FAILED, "cannot be applied: " + e.getMessage());
        }
        entries.add(new Entry(fix, report));
      }
    }
    return reports();
  }

  /** Checks whose offer failed, one line each ({@code check: why}). */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** The fixes as they stand. */
  public List<FixReport> reports() {
    return entries.stream().map(e -> e.report).toList();
  }

  /**
   * Decides which planned fixes to apply. With {@code dryRun} none. Otherwise an opt-in fix that was
   * not named, or one that needs root when doctor is not root, is skipped; with {@code yes} the
   * rest are applied; else {@code confirm} asks for each (null: no way to ask, nothing applied).
   */
  public List<FixReport> decide(boolean dryRun, boolean yes, Confirm confirm) {
    for (Entry e : entries) {
      if (e.report.status() != Status.PLANNED) {
        continue;
      }
      if (dryRun) {
        if (e.fix.blocked() != null) {
          e.report = e.report.with(Status.SKIPPED, e.fix.blocked());
        }
        continue;
      }
      if (e.fix.blocked() != null) {
        e.report = e.report.with(Status.SKIPPED, e.fix.blocked());
      } else if (e.fix.optIn() && !named.contains(e.fix.id())) {
        e.report = e.report.with(Status.SKIPPED, "opt-in: apply it by name with --fix-only " + e.fix.id());
      } else if (e.fix.needsRoot() && !root) {
        e.report = e.report.with(Status.SKIPPED, "needs root: run doctor as root (sudo) to apply it");
      } else if (yes) {
        e.go = true;
      } else if (confirm == null) {
        e.report = e.report.with(Status.PLANNED, "not applied: there is no terminal to ask on; run again with --yes to apply it");
      } else if (confirm.confirm(e.report)) {
        e.go = true;
      } else {
        e.report = e.report.with(Status.DECLINED, null);
      }
    }
    return reports();
  }

  /**
   * Applies the fixes {@link #decide} chose, in the order they were offered; each ends {@code
   * applied}, or {@code failed} with why (and what it had done before it stopped).
   *
   * @return the ids of the checks to run again, in order
   */
  public Set<String> apply() {
    Set<String> checks = new LinkedHashSet<>();
    for (Entry e : entries) {
      if (!e.go) {
        continue;
      }
      checks.add(e.report.checkId());
      List<String> done = new ArrayList<>();
      try {
        execute(e, done);
        e.report = e.report.with(Status.APPLIED, null);
      } catch (Failure f) {
        e.report = e.report.with(Status.FAILED, f.getMessage() + (done.isEmpty() ? "" : " (done before: " + String.join("; ", done) + ")"));
      }
    }
    return checks;
  }

  /**
   * Each applied fix judged by the checks' second run in {@code after}: {@code repaired} when none
   * of the findings it addressed is left and it caused no new one, {@code failed} when all are
   * left, {@code partial} otherwise, {@code applied} when the second run cannot tell.
   */
  public List<FixReport> verdicts(Report before, Report after) {
    for (Entry e : entries) {
      if (e.report.status() != Status.APPLIED) {
        continue;
      }
      CheckReport was = find(before, e.report.checkId());
      CheckReport now = find(after, e.report.checkId());
      if (now == null || now.status() == CheckStatus.SKIPPED || now.status() == CheckStatus.ERROR
          || now.status() == CheckStatus.TIMEOUT) {
        e.report = e.report.with(Status.APPLIED, "cannot tell whether it worked: the check's second run "
            + (now == null ? "did not happen" : now.status() == CheckStatus.SKIPPED ? "was skipped (" + now.reason() + ")" : "ended in " + now.status().id()));
        continue;
      }
      Set<List<String>> nowKeys = new HashSet<>();
      now.findings().forEach(f -> nowKeys.add(key(f, true)));
      List<Finding> left = e.fix.addresses().stream().filter(f -> nowKeys.contains(key(f, true))).toList();
      Set<List<String>> wasKeys = new HashSet<>();
      if (was != null) {
        was.findings().forEach(f -> wasKeys.add(key(f, false)));
      }
      List<Finding> caused = now.findings().stream()
          .filter(f -> f.severity().atLeast(Severity.WARNING) && !wasKeys.contains(key(f, false)))
          .filter(f -> (f.file() != null && e.files.contains(f.file())) || (f.path() != null && e.paths.contains(f.path())))
          .toList();
      int addressed = e.fix.addresses().size();
      if (left.isEmpty() && caused.isEmpty() && e.warnings.isEmpty()) {
        e.report = e.report.with(Status.REPAIRED, null);
      } else if (left.size() == addressed) {
        e.report = e.report.with(Status.FAILED, "the check still reports: " + left.get(0).message());
      } else if (!left.isEmpty()) {
        e.report = e.report.with(Status.PARTIAL, left.size() + " of " + addressed + " findings left: " + left.get(0).message());
      } else if (!caused.isEmpty()) {
        e.report = e.report.with(Status.PARTIAL, "the check now reports: " + caused.get(0).message());
      } else {
        e.report = e.report.with(Status.PARTIAL, e.warnings.get(0));
      }
    }
    return reports();
  }

  private static CheckReport find(Report report, String checkId) {
    return report.checks().stream().filter(c -> c.id().equals(checkId)).findFirst().orElse(null);
  }

  /** What makes two findings the same: code, place and (with {@code message}) the message. */
  private static List<String> key(Finding f, boolean message) {
    List<String> key = new ArrayList<>();
    key.add(f.code());
    key.add(String.valueOf(f.path()));
    key.add(String.valueOf(f.file()));
    if (message) {
      key.add(f.message());
    }
    return key;
  }

  // ------------------------------------------------------------------ planning

  /** Every file change of {@code fix} made in memory; the diffs of what would change. */
  private String preview(Fix fix) throws Failure {
    Map<Path, Draft> drafts = new LinkedHashMap<>();
    for (Change change : fix.changes()) {
      stage(drafts, change);
    }
    StringBuilder diff = new StringBuilder();
    for (Draft d : drafts.values()) {
      planned.putIfAbsent(d.path, d.original);
      if (!d.changed()) {
        continue;
      }
      String name = d.path.toString();
      diff.append(UnifiedDiff.of(d.original == null ? "/dev/null" : name, name, shown(d, d.original), shown(d, d.text)));
    }
    return diff.toString();
  }

  /** A file's text as a diff may show it. */
  private static String shown(Draft d, String text) {
    if (text == null) {
      return "";
    }
    if (d.json5 || d.secretContent) {
      return Redacted.json5(text, d.shown);
    }
    return text;
  }

  /** Applies a file change to its draft (read from disk on first touch); other changes are ignored. */
  private static void stage(Map<Path, Draft> drafts, Change change) throws Failure {
    if (change instanceof Change.ConfigEdit edit) {
      Draft d = draft(drafts, edit.file());
      if (d.text == null) {
        throw new Failure(edit.file() + " does not exist");
      }
      String old = ConfigEditor.stringAt(d.text, edit.path());
      try {
        d.text = ConfigEditor.set(d.text, edit.path(), edit.valueJson());
      } catch (EditException e) {
        throw new Failure("cannot edit " + edit.file() + ": " + e.getMessage());
      }
      d.json5 = true;
      if (!edit.storesSecret()) {
        d.shown.addAll(ConfigEditor.strings(edit.valueJson()));
      }
      if (edit.removesSecret()) {
        d.removing.add(edit);
        if (old != null && !old.isEmpty()) {
          d.removedValues.put(old, edit.valueJson());
        }
      } else if (old != null) {
        d.shown.add(old);
      }
    } else if (change instanceof Change.FileWrite write) {
      Draft d = draft(drafts, write.path());
      if (write.onlyIfMissing() && d.text != null) {
        return;
      }
      d.text = write.content();
      d.mode = write.mode();
      d.secretContent |= write.secret();
    }
  }

  private static Draft draft(Map<Path, Draft> drafts, Path file) throws Failure {
    Path key = file.toAbsolutePath().normalize();
    Draft d = drafts.get(key);
    if (d == null) {
      String original;
      try {
        original = Files.exists(key) ? Files.readString(key, StandardCharsets.UTF_8) : null;
      } catch (IOException e) {
        throw new Failure("cannot read " + file + ": " + reason(e));
      }
      if (original != null && !Files.isRegularFile(key)) {
        throw new Failure(file + " is not a regular file");
      }
      d = new Draft(key, original);
      drafts.put(key, d);
    }
    return d;
  }

  // ------------------------------------------------------------------ applying

  private void execute(Entry e, List<String> done) throws Failure {
    Map<Path, Draft> drafts = new LinkedHashMap<>();
    for (Change change : e.fix.changes()) {
      if (change instanceof Change.ConfigEdit || change instanceof Change.FileWrite) {
        stage(drafts, change);
        if (change instanceof Change.ConfigEdit edit) {
          e.paths.add(String.join(".", edit.path()));
        }
        continue;
      }
      flush(e, drafts, done);
      if (change instanceof Change.Chmod chmod) {
        chmod(e, chmod, done);
      } else if (change instanceof Change.RunCommand run) {
        run(e, run.command(), done);
      }
    }
    flush(e, drafts, done);
  }

  /** Writes the drafts in the order they were first touched, then forgets them. */
  private void flush(Entry e, Map<Path, Draft> drafts, List<String> done) throws Failure {
    try {
      for (Draft d : drafts.values()) {
        e.files.add(d.path.toString());
        if (!d.changed()) {
          continue;
        }
        if (!written.contains(d.path) && planned.containsKey(d.path) && !Objects.equals(planned.get(d.path), d.original)) {
          throw new Failure(d.path + " changed since doctor planned this fix; run doctor again");
        }
        listener.step(e.report, "writing " + d.path, Duration.ZERO);
        try {
          write(e, d);
        } finally {
          listener.stepDone();
        }
        written.add(d.path);
        done.add((d.original == null ? "created " : "wrote ") + d.path);
      }
    } finally {
      drafts.clear();
    }
  }

  private static void write(Entry e, Draft d) throws Failure {
    byte[] content = d.text.getBytes(StandardCharsets.UTF_8);
    try {
      if (d.original == null) {
        AtomicReplace.create(d.path, content, d.mode == 0 ? 0600 : d.mode);
        return;
      }
      byte[] original = d.original.getBytes(StandardCharsets.UTF_8);
      AtomicReplace.replace(d.path, original, content, backup(d).getBytes(StandardCharsets.UTF_8));
      if (d.mode != 0) {
        Files.setPosixFilePermissions(d.path, AtomicReplace.permissions(d.mode));
      }
    } catch (IOException | UnsupportedOperationException ex) {
      throw new Failure("cannot write " + d.path + ": " + reason(ex));
    }
    if (!d.removedValues.isEmpty()) {
      scrubRing(e, d);
    }
  }

  /**
   * What the backup of a write holds: the old file, except that a value a fix removes as a secret
   * is already replaced there (and content written as secret is kept only in its new form).
   */
  private static String backup(Draft d) {
    if (d.secretContent) {
      return d.text;
    }
    String text = d.original;
    for (Change.ConfigEdit edit : d.removing) {
      try {
        text = ConfigEditor.set(text, edit.path(), edit.valueJson());
      } catch (EditException ex) {
        return d.text; // the new content holds no secret either
      }
    }
    return text;
  }

  /** Rewrites the older backups of {@code d} that still hold a value just removed as a secret. */
  private static void scrubRing(Entry e, Draft d) {
    Path dir;
    String name;
    try {
      Path real = d.path.toRealPath();
      dir = real.getParent();
      name = real.getFileName().toString();
    } catch (IOException ex) {
      return;
    }
    for (int i = 1; i < AtomicReplace.RING; i++) {
      Path slot = dir.resolve(AtomicReplace.slot(name, i));
      if (!Files.isRegularFile(slot, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try {
        String text = Files.readString(slot, StandardCharsets.UTF_8);
        String clean = text;
        for (Map.Entry<String, String> removed : d.removedValues.entrySet()) {
          clean = without(clean, removed.getKey(), removed.getValue());
        }
        if (!clean.equals(text)) {
          AtomicReplace.replace(slot, text.getBytes(StandardCharsets.UTF_8), clean.getBytes(StandardCharsets.UTF_8), null);
        }
      } catch (IOException ex) {
        e.warnings.add("an older backup, " + slot + ", may still hold the old value and could not be rewritten (" + reason(ex)
            + "): delete it");
      }
    }
  }

  /** {@code text} with every string equal to {@code secret} set to {@code valueJson}. */
  static String without(String text, String secret, String valueJson) {
    String out = text;
    try {
      for (List<String> path : pathsOf(Json5Reader.parse(text, null), secret, new ArrayList<>(), new ArrayList<>())) {
        out = ConfigEditor.set(out, path, valueJson);
      }
    } catch (ConfigParseException | EditException ex) {
      // Not an editable document: the value's own text is cut out below.
    }
    // Cutting text is only safe for a value too long to occur by chance.
    return secret.length() >= 8 && out.contains(secret) ? out.replace(secret, REMOVED) : out;
  }

  private static List<List<String>> pathsOf(ConfigNode node, String value, List<String> at, List<List<String>> found) {
    if (node.isString() && value.equals(node.text())) {
      found.add(List.copyOf(at));
    } else if (node.isObject()) {
      for (var f : node.fields().entrySet()) {
        at.add(f.getKey());
        pathsOf(f.getValue(), value, at, found);
        at.remove(at.size() - 1);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.items().size(); i++) {
        at.add(String.valueOf(i));
        pathsOf(node.items().get(i), value, at, found);
        at.remove(at.size() - 1);
      }
    }
    return found;
  }

  private void chmod(Entry e, Change.Chmod chmod, List<String> done) throws Failure {
    Path path = chmod.path();
    String mode = String.format("%04o", chmod.mode());
    if (Files.isSymbolicLink(path)) {
      throw new Failure(path + " is a symbolic link; doctor changes the mode of a file itself, not through a link");
    }
    try {
      Files.setPosixFilePermissions(path, AtomicReplace.permissions(chmod.mode()));
    } catch (NoSuchFileException ex) {
      throw new Failure(path + " does not exist");
    } catch (IOException | UnsupportedOperationException ex) {
      throw new Failure("cannot chmod " + mode + " " + path + ": " + reason(ex));
    }
    e.files.add(path.toAbsolutePath().normalize().toString());
    e.files.add(path.toString());
    done.add("chmod " + mode + " " + path);
  }

  private void run(Entry e, Command command, List<String> done) throws Failure {
    listener.step(e.report, command.display(), command.timeout());
    CommandResult result;
    try {
      result = commands.run(command);
    } finally {
      listener.stepDone();
    }
    if (!result.succeeded()) {
      String line = result.firstStderrLine();
      if (line.length() > 200) {
        line = line.substring(0, 200) + "…";
      }
      throw new Failure(command.display() + ": " + result.summary() + (line.isEmpty() ? "" : ": " + line));
    }
    done.add("ran " + command.display());
  }

  private static String reason(Exception e) {
    if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
