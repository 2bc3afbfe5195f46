package dev.doctor.cli;

import dev.doctor.core.plugin.LoadedCheck;
import dev.doctor.core.plugin.PluginHost;
import dev.doctor.core.report.JsonDocument;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code doctor list}: the checks that are installed. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the installed checks: id, plugin, title.")
final class ListCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @ParentCommand DoctorCommand parent;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "console", description = "console or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() throws Exception {
    Tables.requireFormat(spec, format);
    PluginHost.Loaded loaded = parent.loadPlugins();
    List<LoadedCheck> checks = loaded.checks().stream().sorted(Comparator.comparing(LoadedCheck::id)).toList();
    PrintWriter out = spec.commandLine().getOut();
    if ("json".equals(format)) {
      JsonDocument.write(out, g -> {
        g.writeStartArray();
        for (LoadedCheck c : checks) {
          g.writeStartObject();
          g.writeStringField("id", c.id());
          g.writeStringField("plugin", c.pluginId());
          g.writeStringField("title", c.title());
          g.writeStringField("description", Tables.safe(c.check()::description));
          g.writeEndObject();
        }
        g.writeEndArray();
      });
    } else {
      Tables table = new Tables("ID", "PLUGIN", "TITLE");
      checks.forEach(c -> table.row(c.id(), c.pluginId(), c.title()));
      table.print(out);
      if (checks.isEmpty()) {
        out.println("(no checks installed)");
      }
    }
    out.flush();
    return DoctorCommand.OK;
  }
}
