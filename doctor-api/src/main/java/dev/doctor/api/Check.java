package dev.doctor.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * One diagnostic. Plugins contribute checks as PF4J extensions ({@code @Extension}).
 *
 * <p>The host calls {@link #run} on a worker thread of its own, at most once per run, under a
 * deadline ({@link CheckContext#deadline()}). A check that overruns is abandoned and reported as
 * timed out; one that throws is reported as crashed. Neither harms other checks. Implementations
 * must be safe to call from any thread; they need not be reentrant.
 */
public interface Check extends ExtensionPoint {

  /**
   * The stable id: the plugin id ({@code codex-bwrap}) or {@code <plugin-id>/<name>} when a plugin
   * has several checks. Kebab-case. Users select checks by it; it is API.
   */
  String id();

  /** A short human title, e.g. "Codex bubblewrap namespaces". Never null. */
  String title();

  /** One or two sentences on what the check looks at and when it applies. Never null. */
  String description();

  /**
   * Runs the check. Never returns null. Commands must go through {@link CheckContext#commands()}
   * so that they are bounded by timeouts and ended with the run.
   */
  CheckResult run(CheckContext context);

  /**
   * The repairs this check offers for {@code findings}, which are findings of its own latest
   * {@link #run} (stamped with its id, waived ones left out). The host calls it after the run, on a
   * thread of its own and under a deadline like {@link #run}, only for {@code doctor --dry-run} and
   * {@code doctor --fix}. It must not change anything itself: it describes changes and the host
   * makes them (see {@link Fix}). A fix may use {@code context} to read what it needs (a file the
   * fix will extend, an option such as {@code secret-env:<path>}).
   *
   * <p>The default offers no fixes, which is what checks built against API 1.0 do.
   *
   * @return never null; empty when nothing can be repaired automatically
   */
  default List<Fix> fixes(CheckContext context, List<Finding> findings) {
    return List.of();
  }
}
