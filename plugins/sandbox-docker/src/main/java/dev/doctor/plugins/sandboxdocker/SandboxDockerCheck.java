package dev.doctor.plugins.sandboxdocker;

import dev.doctor.api.Check;
import dev.doctor.api.CheckContext;
import dev.doctor.api.CheckResult;
import dev.doctor.api.Command;
import dev.doctor.api.CommandResult;
import dev.doctor.api.Finding;
import dev.doctor.api.Fix;
import dev.doctor.api.Platform;
import dev.doctor.api.Remediation;
import dev.doctor.api.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Is OpenClaw's local container sandbox usable here? For every agent whose sandbox runs on the
 * {@code docker} or {@code podman} backend: the CLI on {@code PATH}, an engine that answers (and
 * if not, why), the images and custom network it needs, and settings that endanger the host.
 *
 * <p>Stateless and thread-safe. Every engine command of a run is started at once through
 * {@link dev.doctor.api.CommandRunner#runAll}, each bounded by the probe timeout.
 */
@Extension
public final class SandboxDockerCheck implements Check {

  static final String ID = "sandbox-docker";

  static final String CLI_MISSING = ID + ".cli-missing";
  static final String CLI_FAILED_TO_START = ID + ".cli-failed-to-start";
  static final String DAEMON_NOT_RUNNING = ID + ".daemon-not-running";
  static final String DAEMON_PERMISSION_DENIED = ID + ".daemon-permission-denied";
  static final String DAEMON_ENDPOINT_UNREACHABLE = ID + ".daemon-endpoint-unreachable";
  static final String DAEMON_TIMEOUT = ID + ".daemon-timeout";
  static final String DAEMON_ERROR = ID + ".daemon-error";
  static final String IMAGE_MISSING = ID + ".image-missing";
  static final String NETWORK_MISSING = ID + ".network-missing";
  static final String INSPECT_FAILED = ID + ".inspect-failed";
  static final String NETWORK_REFUSED = ID + ".network-refused";
  static final String SOCKET_MOUNTED = ID + ".docker-socket-mounted";
  static final String CAPABILITIES_KEPT = ID + ".capabilities-kept";
  static final String DANGEROUS_OVERRIDE = ID + ".dangerous-override";
  static final String CONFINEMENT_DISABLED = ID + ".confinement-disabled";

  /** How long each engine command may run: the 5 s. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  // Handed to the engine commands so they see the environment this check reasons about.
  private static final List<String> FORWARDED_ENV =
      List.of("PATH", "DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG", "CONTAINER_HOST", "CONTAINER_CONNECTION");

  private final Duration timeout;

  /** The check as the host runs it, with 5 s per engine command. */
  public SandboxDockerCheck() {
    this(DEFAULT_TIMEOUT);
  }

  /** For tests: a shorter timeout so a hung engine costs about a second. */
  SandboxDockerCheck(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "OpenClaw Docker sandbox";
  }

  @Override
  public String description() {
    return "When an agent's sandbox runs on the docker or podman backend: is the CLI on PATH, does the engine"
        + " answer (and if not, why), are the sandbox images and network there, and does the config expose the host.";
  }

  @Override
  public CheckResult run(CheckContext ctx) {
    if (!ctx.config().usable()) {
      return CheckResult.skipped("the gateway config could not be read, so the sandbox settings are unknown");
    }
    List<SandboxedAgent> agents = SandboxSettings.read(ctx.config());
    var evidence = new LinkedHashMap<String, String>();
    evidence.put("sandbox.agents", SandboxSettings.describe(agents));
    List<SandboxedAgent> applicable = agents.stream().filter(SandboxedAgent::applies).toList();
    if (applicable.isEmpty()) {
      return CheckResult.skipped(SandboxSettings.whyNotApplicable(agents), evidence);
    }

    var findings = new ArrayList<Finding>();
    List<Finding> configFindings = RiskySettings.scan(applicable, new SocketPaths(engineSockets(ctx)));
    List<Requirement> requirements = Requirement.collect(applicable);
    Map<String, String> env = forwardedEnv(ctx);

    // Plan: per engine found on PATH, one probe plus one lookup per requirement; all run at once.
    var engines = new LinkedHashSet<Engine>();
    applicable.forEach(a -> engines.add(a.engine()));
    var commands = new ArrayList<Command>();
    var purposes = new ArrayList<Object>();
    String path = ctx.env("PATH").orElse(null);
    for (Engine engine : engines) {
      Optional<Path> program = ProgramLookup.find(engine.program, path, ctx.platform().os() == Platform.Os.WINDOWS);
      if (program.isEmpty()) {
        evidence.put(engine.program + ".cli", path == null ? "not found: PATH is not set" : "not found on PATH");
        findings.add(cliMissing(engine, applicable, path));
        continue;
      }
      Path real = ProgramLookup.realPath(program.get());
      evidence.put(engine.program + ".cli", program.get() + (real.equals(program.get()) ? "" : " -> " + real));
      commands.add(command(program.get(), engine.probeArgs(), env));
      purposes.add(engine);
      for (Requirement requirement : requirements) {
        if (requirement.engine() == engine) {
          commands.add(command(program.get(), requirement.inspectArgs(), env));
          purposes.add(requirement);
        }
      }
    }

    List<CommandResult> results = commands.isEmpty() ? List.of() : ctx.commands().runAll(commands);
    var log = new RunLog();
    results.forEach(log::add);

    var reachable = new EnumMap<Engine, Boolean>(Engine.class);
    for (int i = 0; i < results.size(); i++) {
      if (purposes.get(i) instanceof Engine engine) {
        Map<String, String> endpointEnv = new LinkedHashMap<>();
        engine.endpointVariables.forEach(v -> ctx.env(v).filter(s -> !s.isBlank()).ifPresent(s -> endpointEnv.put(v, s)));
        DaemonDiagnosis.Status status =
            DaemonDiagnosis.diagnose(engine, results.get(i), endpointEnv, ctx.platform(), seconds(timeout));
        if (status instanceof DaemonDiagnosis.Reachable up) {
          reachable.put(engine, true);
          evidence.put(engine.program + ".server-version", up.version());
        } else if (status instanceof DaemonDiagnosis.Unreachable down) {
          reachable.put(engine, false);
          findings.add(down.finding());
        }
      }
    }
    for (Requirement requirement : requirements) {
      if (!reachable.containsKey(requirement.engine())) {
        evidence.put(key(requirement), "not checked: " + requirement.engine().program + " is not on PATH");
      } else if (!reachable.get(requirement.engine())) {
        evidence.put(key(requirement), "not checked: " + requirement.engine().displayName + " does not answer");
      }
    }
    for (int i = 0; i < results.size(); i++) {
      if (purposes.get(i) instanceof Requirement requirement && reachable.getOrDefault(requirement.engine(), false)) {
        lookup(requirement, results.get(i), evidence).ifPresent(findings::add);
      }
    }
    findings.addAll(configFindings);
    evidence.putAll(log.evidence());
    return CheckResult.of(findings, evidence);
  }

  /**
   * Pulls or builds missing images and creates a missing custom network (see {@link EngineFixes});
   * the check runs again afterwards and looks them up.
   */
  @Override
  public List<Fix> fixes(CheckContext ctx, List<Finding> findings) {
    return EngineFixes.of(ctx, findings, forwardedEnv(ctx));
  }

  private Optional<Finding> lookup(Requirement requirement, CommandResult result, Map<String, String> evidence) {
    Engine engine = requirement.engine();
    String name = requirement.name();
    if (result.succeeded()) {
      evidence.put(key(requirement), "present");
      return Optional.empty();
    }
    boolean missing = result.outcome() == CommandResult.Outcome.EXITED
        && (requirement.kind().isImage() ? engine.saysImageMissing(result.stderr()) : engine.saysNetworkMissing(result.stderr()));
    Finding.Builder finding;
    if (missing) {
      evidence.put(key(requirement), "missing");
      finding = requirement.kind().isImage()
          ? Finding.builder(IMAGE_MISSING, Severity.ERROR,
                  "The " + requirement.kind().label + " " + name + " is not in the " + engine.displayName + " image store")
              .remediation(Remedies.missingImage(engine, name))
          : Finding.builder(NETWORK_MISSING, Severity.ERROR,
                  "The " + requirement.kind().label + " " + name + " does not exist in " + engine.displayName)
              .remediation(Remedies.missingNetwork(engine, name));
    } else {
      evidence.put(key(requirement), "unknown: " + result.summary());
      String typed = engine.program + (requirement.kind().isImage() ? " image inspect" : " network inspect");
      String how = result.outcome() == CommandResult.Outcome.TIMED_OUT ? "timed out" : "failed (" + result.summary() + ")";
      String text = "Run the lookup yourself and read the whole error; its first line is in the evidence.";
      finding = Finding.builder(INSPECT_FAILED, Severity.WARNING,
              "Could not tell whether the " + requirement.kind().label + " " + name + " exists: " + typed + " " + how)
          .remediation(Remedies.shellSafe(name) ? Remediation.of(text, typed + " " + name) : Remediation.of(text));
    }
    return Optional.of(
        finding
            .at(requirement.setting().node())
            .evidence(requirement.kind().isImage() ? "image" : "network", name)
            .evidence("used-by", String.join(", ", requirement.users()))
            .evidence(RunLog.facts(result))
            .build());
  }

  private static Finding cliMissing(Engine engine, List<SandboxedAgent> agents, String path) {
    List<String> users = agents.stream().filter(a -> a.engine() == engine).map(SandboxedAgent::label).toList();
    String text = engine == Engine.DOCKER
        ? "Install Docker Engine (Linux) or Docker Desktop (macOS, Windows) and make sure the docker command is on the"
            + " PATH of the user that runs the gateway; OpenClaw never falls back to Podman. Or turn the sandbox off"
            + " by setting its mode to \"off\"."
        : "Install Podman and its init helper (Debian, Ubuntu: sudo apt-get install podman catatonit) and make sure"
            + " the podman command is on the PATH of the user that runs the gateway; OpenClaw never falls back to"
            + " Docker. Or pick another sandbox backend.";
    return Finding.builder(
            CLI_MISSING,
            Severity.ERROR,
            path == null
                ? "PATH is not set, so the " + engine.program + " command the " + engine.program + " sandbox backend runs cannot be found"
                : "The " + engine.program + " command is not on PATH, but the " + engine.program + " sandbox backend runs it")
        .evidence("needed-by", String.join(", ", users))
        .evidence("PATH", path)
        .remediation(Remediation.of(text))
        .build();
  }

  private Command command(Path program, List<String> args, Map<String, String> env) {
    var argv = new ArrayList<String>();
    argv.add(program.toString());
    argv.addAll(args);
    Command command = Command.of(argv).withTimeout(timeout);
    for (Map.Entry<String, String> e : env.entrySet()) {
      command = command.withEnv(e.getKey(), e.getValue());
    }
    return command;
  }

  private static Map<String, String> forwardedEnv(CheckContext ctx) {
    var env = new LinkedHashMap<String, String>();
    FORWARDED_ENV.forEach(name -> ctx.env(name).ifPresent(value -> env.put(name, value)));
    return env;
  }

  /** Sockets the engines would use here besides the well-known ones, from the environment. */
  private static List<String> engineSockets(CheckContext ctx) {
    var sockets = new ArrayList<String>();
    for (String name : List.of("DOCKER_HOST", "CONTAINER_HOST")) {
      ctx.env(name).filter(v -> v.startsWith("unix://")).ifPresent(v -> sockets.add(v.substring("unix://".length())));
    }
    ctx.env("XDG_RUNTIME_DIR").filter(d -> d.startsWith("/")).ifPresent(dir -> {
      sockets.add(dir + "/docker.sock");
      sockets.add(dir + "/podman/podman.sock");
    });
    return sockets;
  }

  private static String key(Requirement requirement) {
    return requirement.engine().program + (requirement.kind().isImage() ? ".image." : ".network.") + requirement.name();
  }

  private static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
