package dev.doctor.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A repair a check offers for some of its findings ({@link Check#fixes}): a one-line plan, the
 * {@link Change}s that carry it out, and what it takes. The host applies the changes, never the
 * plugin: {@code doctor --dry-run} shows the plan and a diff of every file it would touch, {@code
 * doctor --fix} asks (or, with {@code --yes}, does not), applies it, and runs the check again to
 * tell whether the findings are gone. Immutable; build one with {@link #builder}.
 *
 * <p>Several fixes may share an id (one per file or per credential): the id names the kind of
 * repair, users select by it, and it is API like a finding code. The plan, like a finding's
 * message, is shown to users and written to reports: it must never contain a secret.
 *
 * @param id stable {@code <check-id>.<kebab-name>}, e.g. {@code config-secrets.tighten-permissions}
 * @param plan one line saying what will change, e.g. {@code chmod 600 ~/.openclaw/openclaw.json}
 * @param addresses the findings this fix is meant to make disappear, as the check reported them;
 *     never empty. After applying, the host runs the check again: none of them left is {@code
 *     repaired}, some is {@code partial}, all is {@code failed}
 * @param changes what the host does, in order; never empty. A fix that moves a secret lists the
 *     change that stores it before the one that removes it from where it was
 * @param needsRoot only root can apply it; others see it skipped with that reason
 * @param unattendedSafe cannot lose data or reach the network and is easy to undo (a chmod): on a
 *     terminal the prompt defaults to yes, for anything else to no
 * @param optIn applied only when the user names its id ({@code --fix-only ID}), never by {@code
 *     --fix} or {@code --yes} alone: for host-wide changes with a trade-off (a sysctl)
 * @param note shown with the result once applied (e.g. "rotate the key"); null for none
 * @param blocked why the fix cannot be applied as things stand (a variable the user named is not
 *     set, a file it would write is already there); the host lists it as skipped with this reason
 *     and never applies it; null when it can be applied
 */
public record Fix(
    String id,
    String plan,
    List<Finding> addresses,
    List<Change> changes,
    boolean needsRoot,
    boolean unattendedSafe,
    boolean optIn,
    String note,
    String blocked) {

  private static final Pattern ID =
      Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)?\\.[a-z0-9]+(-[a-z0-9]+)*");

  /** What a fix does to the host, from its most far-reaching change. */
  public enum Kind {
    /** Only permission bits. */
    FILE_PERMISSION,
    /** Writes whole files, but edits no config and runs nothing. */
    FILE_WRITE,
    /** Edits values in a JSON5 config (and may write files and permissions). */
    CONFIG_EDIT,
    /** Runs a command (and may do the rest). */
    COMMAND;

    /** Lower-case, dashed name as written in reports ({@code config-edit}). */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  public Fix {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("fix id must be <check-id>.<kebab-name>: " + id);
    }
    Objects.requireNonNull(plan, "plan");
    if (plan.isBlank() || plan.indexOf('\n') >= 0 || plan.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("a fix's plan is one non-blank line: " + id);
    }
    addresses = List.copyOf(addresses);
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("a fix must address at least one finding: " + id);
    }
    changes = List.copyOf(changes);
    if (changes.isEmpty()) {
      throw new IllegalArgumentException("a fix must change something: " + id);
    }
  }

  /** The most far-reaching kind among {@link #changes()}. */
  public Kind kind() {
    Kind kind = Kind.FILE_PERMISSION;
    for (Change change : changes) {
      Kind k = change instanceof Change.RunCommand ? Kind.COMMAND
          : change instanceof Change.ConfigEdit ? Kind.CONFIG_EDIT
          : change instanceof Change.FileWrite ? Kind.FILE_WRITE
          : Kind.FILE_PERMISSION;
      if (k.compareTo(kind) > 0) {
        kind = k;
      }
    }
    return kind;
  }

  /** A fix without a block reason: the constructor before {@link #blocked()} existed. */
  public Fix(
      String id,
      String plan,
      List<Finding> addresses,
      List<Change> changes,
      boolean needsRoot,
      boolean unattendedSafe,
      boolean optIn,
      String note) {
    this(id, plan, addresses, changes, needsRoot, unattendedSafe, optIn, note, null);
  }

  public static Builder builder(String id, String plan) {
    return new Builder(id, plan);
  }

  /** Builds a {@link Fix}. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private final String plan;
    private final List<Finding> addresses = new ArrayList<>();
    private final List<Change> changes = new ArrayList<>();
    private boolean needsRoot;
    private boolean unattendedSafe;
    private boolean optIn;
    private String note;
    private String blocked;

    private Builder(String id, String plan) {
      this.id = id;
      this.plan = plan;
    }

    public Builder addresses(Finding finding) {
      addresses.add(Objects.requireNonNull(finding, "finding"));
      return this;
    }

    public Builder addresses(List<Finding> findings) {
      findings.forEach(this::addresses);
      return this;
    }

    /** Adds a change; changes are applied in the order they are added. */
    public Builder change(Change change) {
      changes.add(Objects.requireNonNull(change, "change"));
      return this;
    }

    public Builder needsRoot() {
      this.needsRoot = true;
      return this;
    }

    public Builder unattendedSafe() {
      this.unattendedSafe = true;
      return this;
    }

    public Builder optIn() {
      this.optIn = true;
      return this;
    }

    public Builder note(String note) {
      this.note = note;
      return this;
    }

    /** Marks the fix as not applicable now, saying why (see {@link Fix#blocked()}). */
    public Builder blocked(String reason) {
      this.blocked = reason;
      return this;
    }

    public Fix build() {
      return new Fix(id, plan, addresses, changes, needsRoot, unattendedSafe, optIn, note, blocked);
    }
  }
}
