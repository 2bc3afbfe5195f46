package dev.doctor.cli;

import dev.doctor.core.plugin.PluginHost;
import dev.doctor.core.report.JsonDocument;
import dev.doctor.core.plugin.PluginInfo;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code doctor plugins}: every plugin jar found, its state, and why any is not working. */
@Command(name = "plugins", mixinStandardHelpOptions = true, description = "List the plugins: id, version, state, and the reason for any that failed.")
final class PluginsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @ParentCommand DoctorCommand parent;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "console", description = "console or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() throws Exception {
    Tables.requireFormat(spec, format);
    PluginHost.Loaded loaded = parent.loadPlugins();
    PrintWriter out = spec.commandLine().getOut();
    if ("json".equals(format)) {
      JsonDocument.write(out, g -> {
        g.writeStartArray();
        for (PluginInfo p : loaded.plugins()) {
          g.writeStartObject();
          g.writeStringField("id", p.id());
          g.writeStringField("version", p.version());
          g.writeStringField("provider", p.provider());
          g.writeStringField("state", p.state());
          g.writeStringField("jar", p.jar().toString());
          if (p.reason() != null) {
            g.writeStringField("reason", p.reason());
          }
          g.writeEndObject();
        }
        g.writeEndArray();
      });
    } else {
      Tables table = new Tables("ID", "VERSION", "STATE", "REASON");
      loaded.plugins().forEach(p -> table.row(p.id(), p.version(), p.state(), p.reason() == null ? "" : p.reason()));
      table.print(out);
      if (loaded.plugins().isEmpty()) {
        out.println("(no plugins found)");
      }
    }
    out.flush();
    return DoctorCommand.OK;
  }
}
