package dev.doctor.core.report;

import dev.doctor.api.Reporter;
import dev.doctor.core.explain.Explanations;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The output formats of this run by name: the built-in ones first, then those plugins add. A
 * plugin cannot replace a built-in format; such a clash is kept in {@link #conflicts()}.
 */
public final class Reporters {

  private final Map<String, Reporter> byName = new LinkedHashMap<>();
  private final List<String> conflicts = new ArrayList<>();

  /** The built-in formats, with only the host's explanations as SARIF rule help, then {@code fromPlugins}. */
  public Reporters(List<Reporter> fromPlugins) {
    this(fromPlugins, Explanations.hostOnly());
  }

  /** The built-in formats, with {@code explanations} as SARIF rule help, then {@code fromPlugins}. */
  public Reporters(List<Reporter> fromPlugins, Explanations explanations) {
    add(new ConsoleReporter());
    add(new JsonReporter());
    add(new SarifReporter(explanations::find));
    add(new JunitReporter());
    add(new MarkdownReporter());
    add(new PrometheusReporter());
    fromPlugins.forEach(this::add);
  }

  /** Names of the built-in formats, in order, without creating them (for shell completion). */
  public static final List<String> BUILT_IN = List.of("console", "json", "sarif", "junit", "markdown", "prometheus");

  /** Only the built-in formats. */
  public static Reporters builtIn() {
    return new Reporters(List.of());
  }

  private void add(Reporter reporter) {
    String name;
    try {
      name = reporter.name();
    } catch (RuntimeException | LinkageError e) {
      conflicts.add(reporter.getClass().getName() + " has no usable name");
      return;
    }
    Reporter existing = byName.putIfAbsent(name, reporter);
    if (existing != null) {
      conflicts.add("format '" + name + "' of " + reporter.getClass().getName() + " is already provided by "
          + existing.getClass().getName() + "; the first one is used");
    }
  }

  public Optional<Reporter> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** Every format: name and description, built-in ones first. */
  public List<Reporter> all() {
    return List.copyOf(byName.values());
  }

  public List<String> conflicts() {
    return Collections.unmodifiableList(conflicts);
  }
}
