package dev.doctor.cli;

import dev.doctor.core.explain.Explanation;
import dev.doctor.core.explain.Explanations;
import dev.doctor.core.plugin.PluginHost;
import dev.doctor.core.run.Selection;
import dev.doctor.core.run.UsageException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code doctor explain CODE}: what a finding means, its usual causes, the fix, and where to read
 * more, from the code's section of its plugin's page (see {@link Explanations}).
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Say what a finding code means and how to fix it.",
      "CODE is a finding code as reports show it (codex-bwrap.user-namespace-denied); a plugin id prints its whole page."
    })
final class ExplainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @ParentCommand DoctorCommand parent;

  @Parameters(paramLabel = "CODE", arity = "0..1", description = "A finding code, or a plugin id.")
  String code;

  @Option(names = "--list", description = "List every code that has an explanation, with its first sentence.")
  boolean list;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (list) {
      Explanations explanations = explanations(null);
      for (String known : explanations.codes()) {
        out.println(known + "  " + explanations.find(known).map(Explanation::summary).orElse(""));
      }
      out.flush();
      return DoctorCommand.OK;
    }
    if (code == null || code.isBlank()) {
      throw new UsageException("explain needs a finding code, e.g. 'doctor explain doctor.check-timeout' (or --list)");
    }
    String asked = code.strip();
    Explanations explanations = explanations(asked);
    Optional<Explanation> found = explanations.find(asked);
    if (found.isPresent()) {
      Explanation e = found.get();
      out.println(e.code());
      out.println();
      out.println(e.markdown());
      out.println();
      out.println("More: 'doctor explain " + e.pluginId() + "' prints the whole page of " + e.pluginId()
          + " (read from " + e.source() + ").");
      out.flush();
      return DoctorCommand.OK;
    }
    Optional<Explanations.Page> page = asked.contains(".") ? Optional.empty() : explanations.page(asked);
    if (page.isPresent()) {
      out.println(page.get().markdown().strip());
      out.flush();
      return DoctorCommand.OK;
    }
    throw new UsageException(notFound(asked, explanations));
  }

  /** Host codes need no plugins, so a missing plugins directory only matters for a plugin's code. */
  private Explanations explanations(String asked) {
    try {
      PluginHost.Loaded loaded = parent.loadPlugins();
      return new Explanations(loaded.plugins());
    } catch (UsageException e) {
      if (asked != null && Explanations.pluginIdOf(asked).equals(Explanations.HOST_ID)) {
        return Explanations.hostOnly();
      }
      throw e;
    }
  }

  private static String notFound(String asked, Explanations explanations) {
    String pluginId = Explanations.pluginIdOf(asked);
    String why;
    if (!explanations.pluginIds().contains(pluginId)) {
      why = "no installed plugin has the id '" + pluginId + "', so nothing explains '" + asked + "'";
    } else if (explanations.page(pluginId).isEmpty()) {
      why = "plugin " + pluginId + " ships no explanations (" + Explanations.pageEntry(pluginId) + " in its jar)";
    } else {
      why = "plugin " + pluginId + " has no explanation for '" + asked + "'";
    }
    List<String> candidates = List.copyOf(explanations.codes());
    String nearest = Selection.nearest(asked, candidates);
    return why + (nearest == null ? "" : "; did you mean '" + nearest + "'?") + " (see 'doctor explain --list')";
  }
}
