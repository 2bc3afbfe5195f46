package dev.doctor.cli;

import dev.doctor.api.Report;
import dev.doctor.api.ReportOptions;
import dev.doctor.api.Reporter;
import dev.doctor.api.Severity;
import dev.doctor.core.exec.ProcessCommandRunner;
import dev.doctor.core.explain.Explanations;
import dev.doctor.core.plugin.PluginHost;
import dev.doctor.core.report.AtomicFile;
import dev.doctor.core.report.Reporters;
import dev.doctor.core.run.DoctorRun;
import dev.doctor.core.run.Platforms;
import dev.doctor.core.run.Selection;
import dev.doctor.core.run.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code doctor}: runs the checks and reports. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    usageHelpWidth = 100,
    description = "Diagnoses a host that runs the OpenClaw gateway and says how to fix what it finds.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no finding at or above --fail-on",
      "1:some finding at or above --fail-on",
      "2:bad usage, or a failure before any result"
    })
final class DoctorCommand implements Callable<Integer> {

  static final int OK = 0;
  static final int FINDINGS = 1;
  static final int USAGE = 2;

  @Spec CommandSpec spec;

  @Option(names = "--only", paramLabel = "ID", split = ",", description = "Run only these checks or plugins (repeatable, comma-separated).")
  List<String> only = new ArrayList<>();

  @Option(names = "--skip", paramLabel = "ID", split = ",", description = "Leave out these checks or plugins.")
  List<String> skip = new ArrayList<>();

  @Option(names = "--format", paramLabel = "NAME", defaultValue = "console", completionCandidates = FormatNames.class,
      description = "Report format: console (default), json, sarif, junit, markdown, prometheus, or a plugin's.")
  String format;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE (atomically) instead of standard output.")
  Path output;

  @Option(names = "--report", paramLabel = "NAME=FILE", description = "Also write format NAME to FILE (repeatable).")
  List<String> reports = new ArrayList<>();

  @Option(names = "--waivers", paramLabel = "FILE", description = "Waivers file (default: doctor-waivers.json5 beside the config).")
  Path waivers;

  @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "warning", description = "Lowest severity that makes the exit code 1: info, warning, error, never (default: ${DEFAULT-VALUE}).")
  String failOn;

  @Option(names = "--config", paramLabel = "FILE", description = "Gateway config file (default: $OPENCLAW_CONFIG_PATH, else openclaw.json in $OPENCLAW_STATE_DIR or ~/.openclaw).")
  Path config;

  @Option(names = "--plugins-dir", paramLabel = "DIR", scope = ScopeType.INHERIT, description = "Load plugins from DIR (default: $DOCTOR_PLUGINS_DIR, else the distribution's plugins/).")
  Path pluginsDir;

  @Option(names = "--jobs", paramLabel = "N", description = "Checks run at once (default: number of cores).")
  Integer jobs;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10", description = "Deadline of each check in seconds (default: ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto", description = "Colour: auto, always, never (default: ${DEFAULT-VALUE}; NO_COLOR turns it off).")
  String color;

  @Option(names = {"-v", "--verbose"}, description = "Show the evidence behind each finding.")
  boolean verbose;

  @Option(names = "--allow-exec", description = "Let config-secrets run exec SecretRef providers to check they resolve.")
  boolean allowExec;

  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Log to standard error and show stack traces.")
  boolean debug;

  @Option(names = "--dry-run", description = "Show the fixes the checks offer, with diffs; change nothing.")
  boolean dryRun;

  @Option(names = "--fix", description = "Apply the fixes, asking for each on a terminal (see docs/fixes.md).")
  boolean fix;

  @Option(names = "--yes", description = "With --fix: apply without asking (opt-in fixes still need --fix-only).")
  boolean yes;

  @Option(names = "--fix-only", paramLabel = "FIX", split = ",", description = "Only these fixes; the one way to apply an opt-in fix.")
  List<String> fixOnly = new ArrayList<>();

  @Option(names = "--secret-env", paramLabel = "PATH=NAME", description = "Move the credential at PATH to an env ref to NAME, not a file.")
  List<String> secretEnv = new ArrayList<>();

  private final Environment environment;
  private final PluginDirectory plugins;

  DoctorCommand(Environment environment) {
    this(environment, PluginDirectory.lazy(environment));
  }

  private DoctorCommand(Environment environment, PluginDirectory plugins) {
    this.environment = environment;
    this.plugins = plugins;
  }

  /** The subcommands, in the order --help lists them. */
  private static final List<Class<?>> SUBCOMMANDS =
      List.of(ListCommand.class, PluginsCommand.class, ExplainCommand.class, CompletionCommand.class);

  /**
   * The command line for {@code args}. picocli builds a model of every command by reflection before
   * parsing, a noticeable share of a run's time (bench/RESULTS.md), so the subcommands are added
   * only when the arguments may name one or ask for help.
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, Environment environment, String... args) {
    // picocli otherwise looks for Groovy (Class.forName("groovy.lang.Closure")) on first use: a miss
    // that searches the whole class path, ~8 ms of a run, for annotations doctor never writes.
    System.setProperty("picocli.disable.closures", "true");
    // Plugins load on another thread while picocli builds its model and parses (PluginDirectory).
    DoctorCommand root = new DoctorCommand(environment, PluginDirectory.prefetch(environment, args));
    CommandLine cl = new CommandLine(root);
    if (mayNameSubcommand(cl.getCommandSpec(), args)) {
      for (Class<?> subcommand : SUBCOMMANDS) {
        cl.addSubcommand(subcommand);
      }
    }
    cl.setOut(out);
    cl.setErr(err);
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // `--plugins-dir plugins` names a directory (the distribution's is called that), not the subcommand.
    cl.setAllowSubcommandsAsOptionParameters(true);
    cl.setParameterExceptionHandler(DoctorCommand::badUsage);
    cl.setExecutionExceptionHandler(DoctorCommand::failed);
    return cl;
  }

  /**
   * True unless every argument is an option of the root command or such an option's value: a bare
   * word is a subcommand (or a typo picocli should answer with suggestions), and help lists them.
   */
  static boolean mayNameSubcommand(CommandSpec root, String... args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
        return true;
      }
      if (arg.equals("-h") || arg.equals("--help")) {
        return true;
      }
      CommandLine.Model.OptionSpec option = arg.contains("=") ? null : root.findOption(arg);
      if (option != null && option.arity().max() > 0) {
        i++;
      }
    }
    return false;
  }

  @Override
  public Integer call() {
    Severity threshold = parseFailOn();
    int workers = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
    if (workers < 1) {
      throw new ParameterException(spec.commandLine(), "--jobs must be at least 1");
    }
    if (!(timeoutSeconds > 0) || timeoutSeconds > 86_400) {
      throw new ParameterException(spec.commandLine(), "--timeout must be between 0 and 86400 seconds");
    }
    boolean useColor = useColor();
    ReportFiles reportFiles = ReportFiles.parse(reports, output);
    Map<String, String> checkOptions = checkOptions();

    Reporters reporters;
    Reporter reporter;
    Report report;
    try {
      PluginHost.Loaded loaded = loadPlugins();
      reporters = new Reporters(loaded.reporters(), new Explanations(loaded.plugins()));
      reporter = reporters.find(format).orElseThrow(() ->
          new UsageException("unknown format '" + format + "' (available: " + String.join(", ", reporters.names()) + ")"));
      reportFiles.validate(reporters);

      DoctorRun run = new DoctorRun(loaded, environment.variables(), environment.home(), new ProcessCommandRunner(), Platforms.current());
      DoctorRun.Request request = new DoctorRun.Request(
          config, Selection.parse(only, skip), workers, Duration.ofMillis(Math.round(timeoutSeconds * 1000)), threshold,
          checkOptions, waivers);

      PrintWriter err = spec.commandLine().getErr();
      CheckOutput checks = new CheckOutput(err, showProgress(), Progress.width(environment));
      report = checks.run(listener -> run.execute(request, listener));
      if (dryRun || fix) {
        report = repairFlow(err, useColor, checks).run(run, request, report);
      }
    } catch (RuntimeException e) {
      reportFiles.writeFailedRun(Instant.now());
      throw e;
    }
    write(report, reporter, new ReportOptions(verbose, useColor && output == null));
    reportFiles.write(report, reporters, verbose);
    return report.ok() ? OK : FINDINGS;
  }

  /**
   * The options checks read: {@code allow-exec}, and {@code secret-env:<path>} for each {@code
   * --secret-env PATH=NAME}. Also checks that the repair options go together.
   */
  private Map<String, String> checkOptions() {
    if (dryRun && fix) {
      throw new ParameterException(spec.commandLine(), "--dry-run and --fix exclude each other");
    }
    if (yes && !fix) {
      throw new ParameterException(spec.commandLine(), "--yes only goes with --fix");
    }
    if (!(dryRun || fix) && (!fixOnly.isEmpty() || !secretEnv.isEmpty())) {
      throw new ParameterException(spec.commandLine(), (fixOnly.isEmpty() ? "--secret-env" : "--fix-only") + " needs --fix or --dry-run");
    }
    for (String id : fixOnly) {
      if (!id.strip().matches("[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)?\\.[a-z0-9]+(-[a-z0-9]+)*")) {
        throw new ParameterException(spec.commandLine(), "--fix-only takes fix ids such as config-secrets.tighten-permissions, not '" + id + "'");
      }
    }
    Map<String, String> options = new java.util.LinkedHashMap<>();
    if (allowExec) {
      options.put("allow-exec", "true");
    }
    for (String value : secretEnv) {
      int eq = value.lastIndexOf('=');
      String name = eq < 0 ? "" : value.substring(eq + 1).strip();
      if (eq <= 0 || !name.matches("[A-Z][A-Z0-9_]{0,127}")) {
        throw new ParameterException(spec.commandLine(),
            "--secret-env takes PATH=NAME with an upper-case variable name (e.g. models.providers.openai.apiKey=OPENAI_API_KEY), not '" + value + "'");
      }
      options.put("secret-env:" + value.substring(0, eq).strip(), name);
    }
    return Map.copyOf(options);
  }

  /** The conversation of --dry-run and --fix; prompts go where the console report goes, else to standard error. */
  private RepairFlow repairFlow(PrintWriter err, boolean useColor, CheckOutput checks) {
    PrintWriter talk = "console".equals(format) && output == null ? spec.commandLine().getOut() : err;
    Set<String> named = new LinkedHashSet<>(fixOnly.stream().map(String::strip).toList());
    boolean live = environment.terminal() && !debug && !"dumb".equals(environment.get("TERM"));
    return new RepairFlow(environment, new RepairFlow.Options(dryRun, fix, yes, named), talk, err, useColor, live, checks);
  }

  /** The live progress line: only for the console report on a terminal, never for machines or with --debug logs. */
  private boolean showProgress() {
    return environment.terminal() && output == null && "console".equals(format) && !debug && !"dumb".equals(environment.get("TERM"));
  }

  /** The built-in formats, for shell completion of {@code --format}. */
  static final class FormatNames extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    FormatNames() {
      super(Reporters.BUILT_IN);
    }
  }

  private Severity parseFailOn() {
    if ("never".equalsIgnoreCase(failOn.trim())) {
      return null;
    }
    try {
      return Severity.parse(failOn);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--fail-on must be info, warning, error or never, not '" + failOn + "'");
    }
  }

  private boolean useColor() {
    String noColor = environment.get("NO_COLOR");
    if (noColor != null && !noColor.isEmpty()) {
      return false;
    }
    return switch (color.toLowerCase(Locale.ROOT)) {
      case "always" -> true;
      case "never" -> false;
      case "auto" -> environment.terminal() && !"dumb".equals(environment.get("TERM"));
      default -> throw new ParameterException(spec.commandLine(), "--color must be auto, always or never, not '" + color + "'");
    };
  }

  private void write(Report report, Reporter reporter, ReportOptions options) {
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      try {
        reporter.write(report, options, out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out.flush();
      return;
    }
    try {
      AtomicFile.write(output, w -> reporter.write(report, options, w));
    } catch (IOException e) {
      throw new UsageException("cannot write " + output + ": " + e.getMessage());
    }
  }

  /** The plugins of {@code --plugins-dir}, else {@code DOCTOR_PLUGINS_DIR}, else the distribution's {@code plugins/}. */
  PluginHost.Loaded loadPlugins() {
    return plugins.load(pluginsDir);
  }

  private static int badUsage(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("doctor: " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return USAGE;
  }

  private static int failed(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    boolean debug = parsed.hasMatchedOption("--debug")
        || (parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--debug"));
    if (e instanceof UsageException) {
      err.println("doctor: " + e.getMessage());
    } else {
      err.println("doctor: internal error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()))
          + (debug ? "" : " (run with --debug for details)"));
    }
    if (debug) {
      e.printStackTrace(err);
    }
    err.flush();
    return USAGE;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
