package dev.doctor.core.run;

import dev.doctor.api.CheckReport;
import dev.doctor.api.CheckStatus;
import dev.doctor.api.CommandRunner;
import dev.doctor.api.ConfigNode;
import dev.doctor.api.Finding;
import dev.doctor.api.GatewayConfig;
import dev.doctor.api.Platform;
import dev.doctor.api.Remediation;
import dev.doctor.api.Report;
import dev.doctor.api.Severity;
import dev.doctor.core.config.ConfigLoader;
import dev.doctor.core.config.ConfigLocator;
import dev.doctor.core.plugin.LoadedCheck;
import dev.doctor.core.plugin.PluginHost;
import dev.doctor.core.plugin.PluginInfo;
import dev.doctor.core.waiver.Waivers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One doctor run, top to bottom: check the selection against what is installed, read the gateway
 * config and the waivers, run the selected checks, put the host's own findings (config, plugins,
 * waivers) in front, point config findings at their line, and mark what the waivers accept.
 */
public final class DoctorRun {

  /** Code of the host finding for a plugin that failed to load, start, or provide its checks. */
  public static final String PLUGIN_FAILED = "doctor.plugin-failed";

  /**
   * What the user asked for.
   *
   * @param configFile {@code --config}; null to look it up
   * @param selection {@code --only} / {@code --skip}
   * @param jobs checks run at once
   * @param timeout deadline of each check
   * @param failOn lowest severity that fails the run; null for never
   * @param options check options such as {@code allow-exec}
   * @param waiversFile {@code --waivers}; null for {@value Waivers#FILE_NAME} beside the config file
   */
  public record Request(
      Path configFile, Selection selection, int jobs, Duration timeout, Severity failOn, Map<String, String> options, Path waiversFile) {
    public Request {
      options = Map.copyOf(options);
    }

    /** A request with the default waivers file. */
    public Request(Path configFile, Selection selection, int jobs, Duration timeout, Severity failOn, Map<String, String> options) {
      this(configFile, selection, jobs, timeout, failOn, options, null);
    }
  }

  private final PluginHost.Loaded plugins;
  private final Function<String, String> environment;
  private final Path home;
  private final CommandRunner commands;
  private final Platform platform;

  public DoctorRun(PluginHost.Loaded plugins, Function<String, String> environment, Path home, CommandRunner commands, Platform platform) {
    this.plugins = plugins;
    this.environment = environment;
    this.home = home;
    this.commands = commands;
    this.platform = platform;
  }

  /** The version of this doctor, from the build. */
  public static String version() {
    try (InputStream in = DoctorRun.class.getResourceAsStream("/dev/doctor/core/doctor.properties")) {
      Properties props = new Properties();
      props.load(in);
      return props.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every id {@code --only} and {@code --skip} accept: plugin ids (loaded or not) and check ids. */
  public Set<String> knownIds() {
    Set<String> ids = new TreeSet<>();
    plugins.plugins().forEach(p -> ids.add(p.id()));
    plugins.checks().forEach(c -> ids.add(c.id()));
    return ids;
  }

  /** Runs what {@code request} selects; throws {@link UsageException} for a request that cannot run. */
  public Report execute(Request request) {
    return execute(request, CheckRunner.Listener.NONE);
  }

  /** As {@link #execute(Request)}, telling {@code listener} as each check starts and ends. */
  public Report execute(Request request, CheckRunner.Listener listener) {
    Instant startedAt = Instant.now();
    request.selection().validate(knownIds());
    Session session = open(request, startedAt);
    List<LoadedCheck> selected = plugins.checks().stream().filter(request.selection()::includes).toList();
    List<CheckReport> results = session.runner().run(selected, listener);
    return report(request, session, results, startedAt);
  }

  /**
   * What the checks of {@code report} offer to repair their findings ({@link dev.doctor.api.Check#fixes}):
   * each selected check with findings that are not waived is asked once, under the same deadline
   * and containment as its run. The config is read again, as it is now.
   */
  public List<CheckRunner.Offer> offers(Request request, Report report) {
    Session session = open(request, report.startedAt());
    Map<String, List<Finding>> findings = new LinkedHashMap<>();
    for (CheckReport check : report.checks()) {
      List<Finding> open = check.findings().stream().filter(f -> !f.waived()).toList();
      if (!check.isHost() && !open.isEmpty()) {
        findings.put(check.id(), open);
      }
    }
    List<LoadedCheck> asked = plugins.checks().stream()
        .filter(c -> request.selection().includes(c) && findings.containsKey(c.id()))
        .toList();
    return session.runner().offers(asked, findings);
  }

  /**
   * Runs the checks {@code checkIds} again (after repairs) with the config as it is now, and
   * returns {@code before} with their reports replaced; the host's own findings are read afresh.
   */
  public Report rerun(Request request, Report before, Set<String> checkIds, CheckRunner.Listener listener) {
    Session session = open(request, before.startedAt());
    List<LoadedCheck> selected = plugins.checks().stream()
        .filter(c -> request.selection().includes(c) && checkIds.contains(c.id()))
        .toList();
    Map<String, CheckReport> fresh = new LinkedHashMap<>();
    session.runner().run(selected, listener).forEach(r -> fresh.put(r.id(), r));
    List<CheckReport> merged = before.checks().stream()
        .filter(c -> !c.isHost())
        .map(c -> fresh.getOrDefault(c.id(), c))
        .toList();
    return report(request, session, merged, before.startedAt());
  }

  /** What a run reads before any check runs: the config, the waivers, and the host's own findings. */
  private record Session(GatewayConfig config, Waivers waivers, List<Finding> hostFindings, CheckRunner runner) {}

  private Session open(Request request, Instant startedAt) {
    ConfigLocator locator = new ConfigLocator(environment, home);
    Path configFile = locator.configFile(request.configFile());
    if (request.configFile() != null && !Files.exists(configFile)) {
      throw new UsageException("config file not found: " + configFile);
    }
    if (request.waiversFile() != null && !Files.exists(request.waiversFile())) {
      throw new UsageException("waivers file not found: " + request.waiversFile());
    }
    ConfigLoader.Loaded loaded = new ConfigLoader().load(configFile, locator.stateDir());
    GatewayConfig config = loaded.config();
    Path waiversFile = request.waiversFile() != null ? request.waiversFile() : Waivers.defaultFile(configFile);
    Waivers waivers = Waivers.load(waiversFile, LocalDate.ofInstant(startedAt, ZoneOffset.UTC));

    List<Finding> hostFindings = new ArrayList<>();
    loaded.problem().ifPresent(hostFindings::add);
    hostFindings.addAll(waivers.problems());
    for (PluginInfo plugin : plugins.plugins()) {
      if (plugin.reason() != null && request.selection().includesPlugin(plugin.id())) {
        hostFindings.add(pluginFinding(plugin));
      }
    }
    CheckRunner runner = new CheckRunner(config, commands, platform, environment, request.options(), request.jobs(), request.timeout());
    return new Session(config, waivers, hostFindings, runner);
  }

  private Report report(Request request, Session session, List<CheckReport> results, Instant startedAt) {
    List<CheckReport> checks = new ArrayList<>();
    if (!session.hostFindings().isEmpty()) {
      List<Finding> stamped = session.hostFindings().stream().map(f -> f.withCheckId(CheckReport.HOST_ID)).toList();
      checks.add(new CheckReport(CheckReport.HOST_ID, CheckReport.HOST_ID, "doctor itself", CheckStatus.FAILED,
          Duration.ZERO, null, stamped, Map.of()));
    }
    checks.addAll(results);
    List<CheckReport> located = checks.stream().map(c -> locate(c, session.config())).toList();
    Duration took = Duration.between(startedAt, Instant.now());
    return new Report(version(), startedAt, took.isNegative() ? Duration.ZERO : took, request.failOn(), session.waivers().apply(located));
  }

  /**
   * Findings that name a config path but no file get the config file, line and column of that
   * path when the config sets it, so every report format can point at the right line.
   */
  private static CheckReport locate(CheckReport check, GatewayConfig config) {
    if (config.status() != GatewayConfig.Status.LOADED || check.findings().stream().noneMatch(f -> f.path() != null && f.file() == null)) {
      return check;
    }
    List<Finding> findings = check.findings().stream().map(f -> {
      if (f.path() == null || f.file() != null) {
        return f;
      }
      ConfigNode node;
      try {
        node = config.at(f.path());
      } catch (RuntimeException e) { // a path the config cannot follow (a key with a dot, a bad index)
        return f;
      }
      return node.isMissing() || node.line() <= 0 ? f : f.withLocation(config.file().toString(), node.line(), node.column());
    }).toList();
    return new CheckReport(check.id(), check.plugin(), check.title(), check.status(), check.duration(), check.reason(), findings,
        check.evidence());
  }

  private static Finding pluginFinding(PluginInfo plugin) {
    String message;
    String fix;
    if (plugin.started()) {
      message = "plugin " + plugin.id() + " is partly broken: " + plugin.reason();
      fix = "Its other checks still run. Update the plugin, or report this to its provider (" + or(plugin.provider()) + ").";
    } else if (plugin.reason().startsWith("requires doctor API")) {
      message = "plugin " + plugin.id() + " is disabled: it " + plugin.reason();
      fix = "Install a version of the plugin built for this doctor's API, or upgrade doctor.";
    } else {
      message = "plugin " + plugin.id() + " could not be loaded: " + plugin.reason();
      fix = "The other plugins still run. Replace or remove the jar, and report the problem to the plugin's provider ("
          + or(plugin.provider()) + ").";
    }
    return Finding.builder(PLUGIN_FAILED, Severity.WARNING, message)
        .file(plugin.jar())
        .evidence("plugin", plugin.id())
        .evidence("version", plugin.version().isEmpty() ? null : plugin.version())
        .evidence("state", plugin.state())
        .evidence("jar", plugin.jar().toString())
        .remediation(Remediation.of(fix))
        .build();
  }

  private static String or(String provider) {
    return provider == null || provider.isBlank() ? "unknown" : provider;
  }
}
