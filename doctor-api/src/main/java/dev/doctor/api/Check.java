package dev.doctor.api;

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
}
