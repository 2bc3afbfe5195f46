package dev.doctor.plugins.sandboxdocker;

import dev.doctor.api.CommandResult;
import dev.doctor.api.CommandResult.Outcome;
import dev.doctor.api.Finding;
import dev.doctor.api.Platform;
import dev.doctor.api.Remediation;
import dev.doctor.api.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells from the engine probe ({@code docker version}, {@code podman info}) whether the engine
 * answers and, when it does not, why: not running, socket permission, an endpoint elsewhere, hung.
 * Stateless.
 */
final class DaemonDiagnosis {

  /** What the probe showed. */
  sealed interface Status permits Reachable, Unreachable {}

  /** The engine answered; {@code version} is the server version it reported (may be empty). */
  record Reachable(String version) implements Status {}

  /** The engine did not answer; {@code finding} says why and what to do. */
  record Unreachable(Finding finding) implements Status {}

  // "... daemon at unix:///var/run/docker.sock. Is ..." and "... daemon socket at unix:///...: Get ..."
  private static final Pattern ENDPOINT =
      Pattern.compile("\\bat ((?:unix|tcp|ssh|npipe|fd|https?)://\\S+?)(?=[.:]?(?:\\s|$))");

  // Go's net errors, which podman passes on: "dial unix ///run/podman/podman.sock: connect: ...",
  // "dial tcp 10.0.0.5:2375: connect: ...".
  private static final Pattern DIAL = Pattern.compile("\\bdial (unix|tcp) (\\S+?): ");

  private static final List<String> LOCAL_DOCKER_SOCKETS =
      List.of("unix:///var/run/docker.sock", "unix:///run/docker.sock");

  private static final List<String> CONNECT_FAILURES =
      List.of(
          "cannot connect to the docker daemon",
          "is the docker daemon running",
          "cannot connect to podman",
          "unable to connect to podman",
          "error during connect",
          "connection refused",
          "dial unix",
          "dial tcp",
          "no such host",
          "i/o timeout",
          "context deadline exceeded",
          "failed to connect");

  private DaemonDiagnosis() {}

  /**
   * @param endpointEnv the engine's endpoint variables that are set ({@code DOCKER_HOST}, ...)
   * @param timeoutText the probe timeout as shown to users, e.g. {@code 5s}
   */
  static Status diagnose(
      Engine engine, CommandResult probe, Map<String, String> endpointEnv, Platform platform, String timeoutText) {
    Map<String, String> facts = RunLog.facts(probe);
    if (probe.succeeded() && !probe.stdout().isBlank()) {
      return new Reachable(probe.stdout().strip());
    }
    if (probe.outcome() == Outcome.TIMED_OUT) {
      return new Unreachable(timeout(engine, facts, platform, timeoutText));
    }
    if (probe.outcome() != Outcome.EXITED) {
      return new Unreachable(failedToStart(engine, probe, facts));
    }
    String stderr = probe.stderr().toLowerCase(Locale.ROOT);
    Optional<String> endpoint = endpoint(probe.stderr());
    endpoint.ifPresent(e -> facts.put("endpoint", e));
    endpointEnv.forEach((name, value) -> facts.put(name, RunLog.redact(value)));

    if (stderr.contains("permission denied")) {
      return new Unreachable(permissionDenied(engine, endpoint, facts));
    }
    boolean contextProblem = stderr.contains("context") && (stderr.contains("not found") || stderr.contains("does not exist"));
    if (contextProblem || CONNECT_FAILURES.stream().anyMatch(stderr::contains)) {
      if (pointsElsewhere(engine, endpoint, endpointEnv, contextProblem)) {
        return new Unreachable(endpointUnreachable(engine, endpoint, endpointEnv, facts));
      }
      return new Unreachable(notRunning(engine, endpoint, facts, platform));
    }
    return new Unreachable(unrecognised(engine, probe, facts));
  }

  /** The daemon address quoted by the client's error, password masked. */
  static Optional<String> endpoint(String stderr) {
    Matcher m = ENDPOINT.matcher(stderr);
    if (m.find()) {
      return Optional.of(RunLog.redact(m.group(1)));
    }
    Matcher dial = DIAL.matcher(stderr);
    if (dial.find()) {
      String address = dial.group(1).equals("unix") ? "unix:///" + dial.group(2).replaceFirst("^/+", "") : "tcp://" + dial.group(2);
      return Optional.of(RunLog.redact(address));
    }
    return Optional.empty();
  }

  private static boolean pointsElsewhere(
      Engine engine, Optional<String> endpoint, Map<String, String> endpointEnv, boolean contextProblem) {
    if (contextProblem || !endpointEnv.isEmpty()) {
      return true;
    }
    if (engine == Engine.PODMAN || endpoint.isEmpty()) {
      return false;
    }
    String e = endpoint.get();
    // Docker Desktop's own socket: selected by its context, but "not running" is the real story.
    return !LOCAL_DOCKER_SOCKETS.contains(e) && !isDesktopSocket(e);
  }

  private static boolean isDesktopSocket(String endpoint) {
    return endpoint.startsWith("unix://") && (endpoint.contains("/.docker/run/") || endpoint.contains("/.docker/desktop/"));
  }

  private static Finding notRunning(Engine engine, Optional<String> endpoint, Map<String, String> facts, Platform platform) {
    if (engine == Engine.PODMAN) {
      List<String> commands = platform.isLinux() ? List.of("podman system connection list") : List.of("podman machine start");
      return Finding.builder(
              SandboxDockerCheck.DAEMON_NOT_RUNNING,
              Severity.ERROR,
              "Podman cannot reach its engine" + endpoint.map(e -> " at " + e).orElse("") + ": the Podman machine or service is not running")
          .evidence(facts)
          .remediation(
              new Remediation(
                  "Start the Podman machine (macOS, Windows: podman machine start) or the Podman service the"
                      + " default connection points at, then run podman info again. On Linux, list the"
                      + " connections to see which one podman uses.",
                  commands))
          .build();
    }
    String where = endpoint.orElse("the default socket");
    boolean desktop = endpoint.map(DaemonDiagnosis::isDesktopSocket).orElse(false) || platform.os() == Platform.Os.MACOS;
    String text;
    List<String> commands;
    if (desktop) {
      text = "Start Docker Desktop (or the Docker engine you use, such as Colima) and wait until it reports that the"
          + " engine is running. Or turn the sandbox off by setting its mode to \"off\".";
      commands = platform.os() == Platform.Os.MACOS
          ? List.of("open -a Docker")
          : platform.isLinux() ? List.of("systemctl --user start docker-desktop") : List.of();
    } else {
      text = "Start the Docker daemon and enable it at boot. If only the docker client is installed here, install"
          + " Docker Engine first. Or turn the sandbox off by setting its mode to \"off\"; sandboxed runs fail"
          + " until one of these is done.";
      commands = platform.isLinux() ? List.of("sudo systemctl enable --now docker") : List.of();
    }
    return Finding.builder(
            SandboxDockerCheck.DAEMON_NOT_RUNNING,
            Severity.ERROR,
            "The Docker daemon is not running: nothing answers at " + where)
        .evidence(facts)
        .remediation(new Remediation(text, commands))
        .build();
  }

  private static Finding permissionDenied(Engine engine, Optional<String> endpoint, Map<String, String> facts) {
    String where = endpoint.orElse("the engine socket");
    List<String> commands = new ArrayList<>();
    endpoint
        .filter(e -> e.startsWith("unix:///"))
        .map(e -> e.substring("unix://".length()))
        .filter(Remedies::shellSafe)
        .ifPresent(path -> commands.add("ls -l " + path));
    if (engine == Engine.PODMAN) {
      return Finding.builder(
              SandboxDockerCheck.DAEMON_PERMISSION_DENIED,
              Severity.ERROR,
              "Permission denied on the Podman socket " + where + ": this user may not use that engine")
          .evidence(facts)
          .remediation(
              new Remediation(
                  "Run rootless Podman as the user that runs the gateway: unset CONTAINER_HOST and"
                      + " CONTAINER_CONNECTION so podman uses that user's own engine. Do not open up a rootful"
                      + " Podman socket to other users: access to it is equivalent to root on this host.",
                  commands))
          .build();
    }
    return Finding.builder(
            SandboxDockerCheck.DAEMON_PERMISSION_DENIED,
            Severity.ERROR,
            "Permission denied on the Docker socket " + where + ": this user is not allowed to talk to the daemon")
        .evidence(facts)
        .remediation(
            new Remediation(
                "The usual fix is to add the user that runs the gateway to the docker group with"
                    + " sudo usermod -aG docker \"$USER\", then log out and back in (or restart the gateway"
                    + " service) so the new group applies. Be aware that the docker group is equivalent to root"
                    + " on this host: any member can start a privileged container that mounts the whole host"
                    + " filesystem. The safer alternative is rootless Docker, which runs a separate daemon as"
                    + " this user (dockerd-rootless-setuptool.sh install; then point the gateway's DOCKER_HOST"
                    + " at unix:///run/user/<uid>/docker.sock). See https://docs.docker.com/engine/security/rootless/.",
                commands))
        .build();
  }

  private static Finding endpointUnreachable(
      Engine engine, Optional<String> endpoint, Map<String, String> endpointEnv, Map<String, String> facts) {
    String source = endpointEnv.isEmpty()
        ? (engine == Engine.DOCKER ? "the current docker context" : "the default Podman connection")
        : String.join(" and ", endpointEnv.keySet());
    String where = endpoint.map(e -> " " + e).orElse("");
    if (engine == Engine.PODMAN) {
      return Finding.builder(
              SandboxDockerCheck.DAEMON_ENDPOINT_UNREACHABLE,
              Severity.ERROR,
              "The Podman endpoint" + where + " chosen by " + source + " does not answer")
          .evidence(facts)
          .remediation(
              new Remediation(
                  "podman is pointed at an engine other than the local one, and that engine does not answer."
                      + " OpenClaw supports only a local Podman engine or Podman Machine. Unset CONTAINER_HOST and"
                      + " CONTAINER_CONNECTION in the gateway's environment, or start the machine the connection"
                      + " names (podman machine start).",
                  List.of("podman system connection list")))
          .build();
    }
    return Finding.builder(
            SandboxDockerCheck.DAEMON_ENDPOINT_UNREACHABLE,
            Severity.ERROR,
            "The Docker endpoint" + where + " chosen by " + source + " does not answer")
        .evidence(facts)
        .remediation(
            new Remediation(
                "The docker client is pointed away from the local daemon, and that endpoint does not answer. If"
                    + " the local daemon is meant, remove DOCKER_HOST and DOCKER_CONTEXT from the gateway's"
                    + " environment and switch back with docker context use default. If that endpoint is meant,"
                    + " start the daemon there (rootless Docker: systemctl --user start docker) and check that it is"
                    + " reachable. The gateway must run with the same DOCKER_HOST as the shell you test from.",
                List.of("docker context ls")))
        .build();
  }

  private static Finding timeout(Engine engine, Map<String, String> facts, Platform platform, String timeoutText) {
    String text = engine == Engine.DOCKER
        ? "The daemon took the connection but did not reply. Restart it and look at its log for the cause (a full"
            + " disk or a stuck storage driver are common). OpenClaw's sandbox calls hang the same way until then."
        : "podman did not finish. Look for stuck podman processes or a held storage lock, and restart the Podman"
            + " machine or service. OpenClaw's sandbox calls hang the same way until then.";
    List<String> commands = engine == Engine.DOCKER && platform.isLinux()
        ? List.of("sudo systemctl restart docker")
        : List.of();
    return Finding.builder(
            SandboxDockerCheck.DAEMON_TIMEOUT,
            Severity.ERROR,
            engine.displayName + " did not answer " + engine.probeName() + " within " + timeoutText + ": the engine is hung or overloaded")
        .evidence(facts)
        .remediation(new Remediation(text, commands))
        .build();
  }

  private static Finding failedToStart(Engine engine, CommandResult probe, Map<String, String> facts) {
    String program = probe.command().argv().get(0);
    return Finding.builder(
            SandboxDockerCheck.CLI_FAILED_TO_START,
            Severity.ERROR,
            "The " + engine.program + " program at " + program + " could not be started")
        .evidence(facts)
        .evidence("error", probe.error())
        .remediation(
            Remediation.of(
                "The file on PATH exists but the system refused to run it (a broken install, the wrong"
                    + " architecture, or a missing interpreter). Reinstall " + engine.displayName + "."))
        .build();
  }

  private static Finding unrecognised(Engine engine, CommandResult probe, Map<String, String> facts) {
    return Finding.builder(
            SandboxDockerCheck.DAEMON_ERROR,
            Severity.ERROR,
            engine.probeName() + " failed (" + probe.summary() + ") for a reason doctor does not recognise")
        .evidence(facts)
        .remediation(
            new Remediation(
                "Run the command yourself and read the whole error; its first line is in the evidence. Sandboxed"
                    + " runs fail the same way until " + engine.probeName() + " succeeds.",
                List.of(engine.probeName())))
        .build();
  }
}
