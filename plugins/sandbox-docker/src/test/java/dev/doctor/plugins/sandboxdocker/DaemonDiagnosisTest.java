package dev.doctor.plugins.sandboxdocker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.doctor.api.Command;
import dev.doctor.api.CommandResult;
import dev.doctor.api.CommandResult.Outcome;
import dev.doctor.api.Finding;
import dev.doctor.api.Platform;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the probe's failures are told apart, for client messages the fake executables do not cover. */
class DaemonDiagnosisTest {

  private static final Platform LINUX = new Platform(Platform.Os.LINUX, "amd64", "6.8");
  private static final Platform MACOS = new Platform(Platform.Os.MACOS, "aarch64", "14.5");

  private static CommandResult exited(Engine engine, int exit, String stdout, String stderr) {
    var argv = new java.util.ArrayList<>(List.of("/usr/bin/" + engine.program));
    argv.addAll(engine.probeArgs());
    return new CommandResult(Command.of(argv), Outcome.EXITED, exit, stdout, stderr, false, false, Duration.ofMillis(5), "");
  }

  private static Finding unreachable(Engine engine, CommandResult probe, Map<String, String> env, Platform platform) {
    DaemonDiagnosis.Status status = DaemonDiagnosis.diagnose(engine, probe, env, platform, "5s");
    return assertInstanceOf(DaemonDiagnosis.Unreachable.class, status).finding();
  }

  @Test
  void answeringEngineIsReachable() {
    DaemonDiagnosis.Status status = DaemonDiagnosis.diagnose(Engine.DOCKER, exited(Engine.DOCKER, 0, "28.2.2\n", ""), Map.of(), LINUX, "5s");

    assertEquals(new DaemonDiagnosis.Reachable("28.2.2"), status);
  }

  @Test
  void successWithoutAServerVersionIsNotTrusted() {
    Finding f = unreachable(Engine.DOCKER, exited(Engine.DOCKER, 0, "\n", ""), Map.of(), LINUX);

    assertEquals("sandbox-docker.daemon-error", f.code());
  }

  @Test
  void dockerDesktopNotStartedOnMacos() {
    String stderr = "Cannot connect to the Docker daemon at unix:///Users/me/.docker/run/docker.sock. Is the docker daemon running?";

    Finding f = unreachable(Engine.DOCKER, exited(Engine.DOCKER, 1, "", stderr), Map.of(), MACOS);

    assertEquals("sandbox-docker.daemon-not-running", f.code());
    assertEquals(List.of("open -a Docker"), f.remediation().commands());
  }

  @Test
  void unknownContextIsAnEndpointProblem() {
    String stderr = "Failed to initialize: unable to resolve docker endpoint: context \"lab\": context not found: open /home/me/.docker/contexts/meta/x/meta.json: no such file or directory";

    Finding f = unreachable(Engine.DOCKER, exited(Engine.DOCKER, 1, "", stderr), Map.of("DOCKER_CONTEXT", "lab"), LINUX);

    assertEquals("sandbox-docker.daemon-endpoint-unreachable", f.code());
    assertEquals("The Docker endpoint chosen by DOCKER_CONTEXT does not answer", f.message());
    assertEquals("lab", f.evidence().get("DOCKER_CONTEXT"));
  }

  @Test
  void contextSelectedInTheClientConfigIsAnEndpointProblem() {
    String stderr = "Cannot connect to the Docker daemon at unix:///run/user/1000/docker.sock. Is the docker daemon running?";

    Finding f = unreachable(Engine.DOCKER, exited(Engine.DOCKER, 1, "", stderr), Map.of(), LINUX);

    assertEquals("sandbox-docker.daemon-endpoint-unreachable", f.code());
    assertEquals("The Docker endpoint unix:///run/user/1000/docker.sock chosen by the current docker context does not answer", f.message());
  }

  @Test
  void sshEndpointFailure() {
    String stderr = "error during connect: Get \"http://docker.example.com/v1.50/version\": command [ssh -o ConnectTimeout=30 -T -l nobody -p 1 -- 127.0.0.1 docker system dial-stdio] has exited with exit status 255";

    Finding f = unreachable(Engine.DOCKER, exited(Engine.DOCKER, 1, "", stderr), Map.of("DOCKER_HOST", "ssh://nobody@127.0.0.1:1"), LINUX);

    assertEquals("sandbox-docker.daemon-endpoint-unreachable", f.code());
  }

  @Test
  void passwordsInEndpointsAreMasked() {
    String stderr = "Cannot connect to the Docker daemon at tcp://admin:hunter2@10.0.0.5:2375. Is the docker daemon running?";
    var env = new LinkedHashMap<String, String>();
    env.put("DOCKER_HOST", "tcp://admin:hunter2@10.0.0.5:2375");

    Finding f = unreachable(Engine.DOCKER, exited(Engine.DOCKER, 1, "", stderr), env, LINUX);

    assertEquals("sandbox-docker.daemon-endpoint-unreachable", f.code());
    assertFalse(f.toString().contains("hunter2"), f.toString());
    assertEquals("tcp://admin:***@10.0.0.5:2375", f.evidence().get("DOCKER_HOST"));
  }

  @Test
  void unrecognisedFailure() {
    String stderr = "Error response from daemon: client version 1.52 is too new. Maximum supported API version is 1.43";

    Finding f = unreachable(Engine.DOCKER, exited(Engine.DOCKER, 1, "", stderr), Map.of(), LINUX);

    assertEquals("sandbox-docker.daemon-error", f.code());
    assertEquals("docker version failed (exit 1) for a reason doctor does not recognise", f.message());
    assertEquals(stderr, f.evidence().get("stderr"));
    assertEquals(List.of("docker version"), f.remediation().commands());
  }

  @Test
  void podmanSocketPermissionDenied() {
    String stderr = "Error: unable to connect to Podman socket: Get \"http://d/v5.0.3/libpod/_ping\": dial unix /run/podman/podman.sock: connect: permission denied";

    Finding f = unreachable(Engine.PODMAN, exited(Engine.PODMAN, 125, "", stderr), Map.of("CONTAINER_HOST", "unix:///run/podman/podman.sock"), LINUX);

    assertEquals("sandbox-docker.daemon-permission-denied", f.code());
    // Podman names the socket in Go's words ("dial unix PATH:"), not Docker's ("at unix://...").
    assertEquals("Permission denied on the Podman socket unix:///run/podman/podman.sock: this user may not use that engine", f.message());
    assertEquals(List.of("ls -l /run/podman/podman.sock"), f.remediation().commands());
  }

  @Test
  void dialErrorsNameTheEndpoint() {
    assertEquals(java.util.Optional.of("unix:///run/podman/podman.sock"),
        DaemonDiagnosis.endpoint("Error: unable to connect to Podman socket: Get \"http://d/v4.3.1/libpod/_ping\": dial unix ///run/podman/podman.sock: connect: no such file or directory"));
    assertEquals(java.util.Optional.of("tcp://10.0.0.5:2375"),
        DaemonDiagnosis.endpoint("failed to connect: dial tcp 10.0.0.5:2375: connect: connection refused"));
    // Docker's own wording wins where both appear.
    assertEquals(java.util.Optional.of("unix:///var/run/docker.sock"),
        DaemonDiagnosis.endpoint("Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running? (dial unix /other.sock: x)"));
    assertEquals(java.util.Optional.empty(), DaemonDiagnosis.endpoint("Error: something else entirely"));
  }

  @Test
  void podmanRemoteConnectionDown() {
    Finding f = unreachable(
        Engine.PODMAN, exited(Engine.PODMAN, 125, "", FakeEngine.PODMAN_NOT_RUNNING), Map.of("CONTAINER_CONNECTION", "lab"), LINUX);

    assertEquals("sandbox-docker.daemon-endpoint-unreachable", f.code());
    assertEquals(List.of("podman system connection list"), f.remediation().commands());
  }

  @Test
  void timeoutOnMacosOffersNoLinuxCommand() {
    var argv = new java.util.ArrayList<>(List.of("/usr/local/bin/docker"));
    argv.addAll(Engine.DOCKER.probeArgs());
    Command command = Command.of(argv).withTimeout(Duration.ofSeconds(5));
    var probe = new CommandResult(command, Outcome.TIMED_OUT, -1, "", "", false, false, Duration.ofSeconds(5), "");

    Finding f = unreachable(Engine.DOCKER, probe, Map.of(), MACOS);

    assertEquals("sandbox-docker.daemon-timeout", f.code());
    assertEquals("Docker did not answer docker version within 5s: the engine is hung or overloaded", f.message());
    assertEquals(List.of(), f.remediation().commands());
  }
}
