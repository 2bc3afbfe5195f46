package dev.doctor.plugins.sandboxdocker;

import static dev.doctor.testkit.CheckResults.codes;
import static dev.doctor.testkit.CheckResults.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.CheckResult;
import dev.doctor.api.Finding;
import dev.doctor.api.Severity;
import dev.doctor.core.exec.ProcessCommandRunner;
import dev.doctor.testkit.TestCheckContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes: fake {@code docker}/{@code podman} executables first on {@code PATH}, one per
 * engine state, run through the host's {@link ProcessCommandRunner}.
 */
class FakeEngineProcessTest {

  private static final String SANDBOX_ON = "{ agents: { defaults: { sandbox: { mode: 'all' } } } }";
  private static final String DEFAULT_IMAGE = "openclaw-sandbox:bookworm-slim";

  @TempDir Path bin;

  private final SandboxDockerCheck check = new SandboxDockerCheck(Duration.ofSeconds(1));

  private TestCheckContext.Builder context(String config) {
    return TestCheckContext.builder()
        .config(config)
        .runner(new ProcessCommandRunner())
        .env("PATH", bin + ":/usr/bin:/bin");
  }

  @BeforeEach
  void noStrayProgram() {
    assertFalse(Files.exists(bin.resolve("docker")));
  }

  @Test
  void runningEngineWithTheImagePasses() {
    FakeEngine docker = FakeEngine.docker(bin).running(DEFAULT_IMAGE);
    Path program = docker.install();

    CheckResult result = check.run(context(SANDBOX_ON).build());

    assertInstanceOf(CheckResult.Passed.class, result, () -> codes(result).toString());
    assertEquals(
        List.of("image inspect --format {{.Id}} -- " + DEFAULT_IMAGE, "version --format {{.Server.Version}}"),
        docker.calls().stream().sorted().toList());
    assertEquals(program.toString(), result.evidence().get("docker.cli"));
    assertEquals("28.2.2", result.evidence().get("docker.server-version"));
    assertEquals("present", result.evidence().get("docker.image." + DEFAULT_IMAGE));
    assertEquals(program + " version --format '{{.Server.Version}}'", result.evidence().get("run.1.command"));
    assertEquals("exit 0", result.evidence().get("run.1.result"));
  }

  @Test
  void daemonNotRunning() {
    FakeEngine docker = FakeEngine.docker(bin).failing(FakeEngine.DOCKER_NOT_RUNNING);
    docker.install();

    CheckResult result = check.run(context(SANDBOX_ON).build());

    assertEquals(List.of("sandbox-docker.daemon-not-running"), codes(result));
    Finding f = single(result, "sandbox-docker.daemon-not-running");
    assertEquals(Severity.ERROR, f.severity());
    assertEquals("The Docker daemon is not running: nothing answers at unix:///var/run/docker.sock", f.message());
    assertEquals(List.of("sudo systemctl enable --now docker"), f.remediation().commands());
    assertEquals("exit 1", f.evidence().get("result"));
    assertEquals(FakeEngine.DOCKER_NOT_RUNNING, f.evidence().get("stderr"));
    assertEquals("unix:///var/run/docker.sock", f.evidence().get("endpoint"));
    // The image lookup ran alongside the probe, but its answer means nothing without a daemon.
    assertEquals("not checked: Docker does not answer", result.evidence().get("docker.image." + DEFAULT_IMAGE));
    assertEquals(2, docker.calls().size());
    assertEquals("exit 1", result.evidence().get("run.2.result"));
    assertEquals(FakeEngine.DOCKER_NOT_RUNNING, result.evidence().get("run.2.stderr"));
  }

  @Test
  void socketPermissionDenied() {
    FakeEngine.docker(bin).failing(FakeEngine.DOCKER_PERMISSION_DENIED).install();

    CheckResult result = check.run(context(SANDBOX_ON).build());

    assertEquals(List.of("sandbox-docker.daemon-permission-denied"), codes(result));
    Finding f = single(result, "sandbox-docker.daemon-permission-denied");
    assertEquals(Severity.ERROR, f.severity());
    assertTrue(f.message().contains("unix:///var/run/docker.sock"), f.message());
    String text = f.remediation().text();
    assertTrue(text.contains("sudo usermod -aG docker \"$USER\""), text);
    assertTrue(text.contains("equivalent to root"), text);
    assertTrue(text.contains("rootless Docker"), text);
    // The root-equivalent group change is explained, never offered as a command to paste.
    assertEquals(List.of("ls -l /var/run/docker.sock"), f.remediation().commands());
  }

  @Test
  void hungDaemonTimesOutAndAllLookupsRunInParallel() {
    FakeEngine docker = FakeEngine.docker(bin).hung();
    docker.install();
    String config = """
        { agents: { defaults: { sandbox: {
            mode: 'all',
            docker: { image: 'acme/sbx:1', network: 'sandnet' },
            browser: { enabled: true },
        } } } }
        """;

    long started = System.nanoTime();
    CheckResult result = check.run(context(config).build());
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertEquals(List.of("sandbox-docker.daemon-timeout"), codes(result));
    Finding f = single(result, "sandbox-docker.daemon-timeout");
    assertEquals("Docker did not answer docker version within 1s: the engine is hung or overloaded", f.message());
    assertEquals("timed out after 1.0s", f.evidence().get("result"));
    // Four commands that each hang for a second: one after another would take at least four.
    assertEquals(4, docker.calls().size(), docker.calls().toString());
    assertTrue(took.compareTo(Duration.ofMillis(3500)) < 0, "took " + took);
  }

  @Test
  void missingDefaultImage() {
    FakeEngine.docker(bin).running().install();

    CheckResult result = check.run(context(SANDBOX_ON).build());

    Finding f = single(result, "sandbox-docker.image-missing");
    assertEquals(Severity.ERROR, f.severity());
    assertEquals("The sandbox image " + DEFAULT_IMAGE + " is not in the Docker image store", f.message());
    assertEquals("agents.defaults.sandbox.docker.image", f.path());
    assertEquals(0, f.line());
    assertTrue(f.remediation().text().contains("scripts/sandbox-setup.sh"), f.remediation().text());
    assertEquals(List.of(), f.remediation().commands());
    assertEquals("Error response from daemon: No such image: " + DEFAULT_IMAGE, f.evidence().get("stderr"));
    assertEquals("agents.defaults", f.evidence().get("used-by"));
  }

  @Test
  void missingPerAgentImageIsReportedWhereItIsSet() {
    FakeEngine.docker(bin).running(DEFAULT_IMAGE).install();
    String config = """
        {
          agents: {
            defaults: { sandbox: { mode: "all" } },
            entries: {
              main: {},
              work: {
                sandbox: {
                  docker: { image: "ghcr.io/acme/work-sbx:2" },
                },
              },
            },
          },
        }
        """;

    CheckResult result = check.run(context(config).build());

    assertEquals(List.of("sandbox-docker.image-missing"), codes(result));
    Finding f = single(result, "sandbox-docker.image-missing");
    assertEquals("agents.entries.work.sandbox.docker.image", f.path());
    assertEquals(8, f.line());
    assertEquals("agents.entries.work", f.evidence().get("used-by"));
    assertEquals(List.of("docker pull ghcr.io/acme/work-sbx:2"), f.remediation().commands());
    assertEquals("present", result.evidence().get("docker.image." + DEFAULT_IMAGE));
  }

  @Test
  void missingCustomNetwork() {
    FakeEngine docker = FakeEngine.docker(bin).running(DEFAULT_IMAGE).networks("sandnet");
    docker.install();
    String config = """
        { agents: {
            defaults: { sandbox: { mode: 'all', docker: { network: 'sandnet' } } },
            entries: {
              a: {},
              b: { sandbox: { docker: { network: 'egress-net' } } },
              c: { sandbox: { docker: { network: 'bridge' } } },
            },
        } }
        """;

    CheckResult result = check.run(context(config).build());

    assertEquals(List.of("sandbox-docker.network-missing"), codes(result));
    Finding f = single(result, "sandbox-docker.network-missing");
    assertEquals(Severity.ERROR, f.severity());
    assertEquals("The sandbox network egress-net does not exist in Docker", f.message());
    assertEquals("agents.entries.b.sandbox.docker.network", f.path());
    assertEquals(List.of("docker network create --driver bridge egress-net"), f.remediation().commands());
    assertEquals("Error response from daemon: network egress-net not found", f.evidence().get("stderr"));
    assertEquals("present", result.evidence().get("docker.network.sandnet"));
    // bridge is built in: never looked up.
    assertEquals(
        List.of(
            "image inspect --format {{.Id}} -- " + DEFAULT_IMAGE,
            "network inspect --format {{.Name}} -- egress-net",
            "network inspect --format {{.Name}} -- sandnet",
            "version --format {{.Server.Version}}"),
        docker.calls().stream().sorted().toList());
  }

  @Test
  void cliMissingFromPath() {
    // Only the empty temp dir: a real docker in /usr/bin on some hosts must not be found.
    CheckResult result = check.run(context(SANDBOX_ON).env("PATH", bin.toString()).build());

    assertEquals(List.of("sandbox-docker.cli-missing"), codes(result));
    Finding f = single(result, "sandbox-docker.cli-missing");
    assertEquals(Severity.ERROR, f.severity());
    assertEquals("The docker command is not on PATH, but the docker sandbox backend runs it", f.message());
    assertEquals(bin.toString(), f.evidence().get("PATH"));
    assertEquals("not found on PATH", result.evidence().get("docker.cli"));
    assertEquals("not checked: docker is not on PATH", result.evidence().get("docker.image." + DEFAULT_IMAGE));
    assertFalse(result.evidence().containsKey("run.1.command"));
  }

  @Test
  void pathNotSet() {
    CheckResult result = check.run(TestCheckContext.builder().config(SANDBOX_ON).runner(new ProcessCommandRunner()).build());

    assertEquals(
        "PATH is not set, so the docker command the docker sandbox backend runs cannot be found",
        single(result, "sandbox-docker.cli-missing").message());
    assertEquals("not found: PATH is not set", result.evidence().get("docker.cli"));
  }

  @Test
  void cliThatCannotBeStarted() throws IOException {
    Path docker = bin.resolve("docker");
    Files.writeString(docker, "#!/nonexistent/interpreter\n");
    Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));

    CheckResult result = check.run(context(SANDBOX_ON).build());

    assertEquals(List.of("sandbox-docker.cli-failed-to-start"), codes(result));
    assertEquals(
        "The docker program at " + docker + " could not be started",
        single(result, "sandbox-docker.cli-failed-to-start").message());
  }

  @Test
  void dockerHostPointingElsewhereIsForwardedAndNamed() {
    FakeEngine.docker(bin)
        .failing("Cannot connect to the Docker daemon at $DOCKER_HOST. Is the docker daemon running?")
        .install();

    CheckResult result = check.run(context(SANDBOX_ON).env("DOCKER_HOST", "tcp://10.20.30.40:2375").build());

    assertEquals(List.of("sandbox-docker.daemon-endpoint-unreachable"), codes(result));
    Finding f = single(result, "sandbox-docker.daemon-endpoint-unreachable");
    assertEquals("The Docker endpoint tcp://10.20.30.40:2375 chosen by DOCKER_HOST does not answer", f.message());
    assertEquals("tcp://10.20.30.40:2375", f.evidence().get("DOCKER_HOST"));
    assertEquals(List.of("docker context ls"), f.remediation().commands());
  }

  @Test
  void podmanBackendRunningWithImage() {
    FakeEngine podman = FakeEngine.podman(bin).running(DEFAULT_IMAGE);
    podman.install();
    String config = "{ agents: { defaults: { sandbox: { mode: 'all', backend: 'podman' } } } }";

    CheckResult result = check.run(context(config).build());

    assertInstanceOf(CheckResult.Passed.class, result, () -> codes(result).toString());
    assertEquals(
        List.of("image inspect --format {{.Id}} -- " + DEFAULT_IMAGE, "info --format {{.Version.Version}}"),
        podman.calls().stream().sorted().toList());
    assertEquals("5.0.3", result.evidence().get("podman.server-version"));
  }

  @Test
  void podmanImageMissing() {
    FakeEngine.podman(bin).running().install();
    String config = "{ agents: { defaults: { sandbox: { mode: 'non-main', backend: 'podman' } } } }";

    CheckResult result = check.run(context(config).build());

    Finding f = single(result, "sandbox-docker.image-missing");
    assertEquals("The sandbox image " + DEFAULT_IMAGE + " is not in the Podman image store", f.message());
    assertTrue(f.remediation().text().contains("podman build -t openclaw-sandbox:bookworm-slim"), f.remediation().text());
    assertEquals("Error: " + DEFAULT_IMAGE + ": image not known", f.evidence().get("stderr"));
  }

  @Test
  void podmanNotRunning() {
    FakeEngine.podman(bin).failing(FakeEngine.PODMAN_NOT_RUNNING).install();
    String config = "{ agents: { defaults: { sandbox: { mode: 'all', backend: 'podman' } } } }";

    CheckResult result = check.run(context(config).build());

    assertEquals(List.of("sandbox-docker.daemon-not-running"), codes(result));
    Finding f = single(result, "sandbox-docker.daemon-not-running");
    assertEquals("Podman cannot reach its engine at tcp://127.0.0.1:40763: the Podman machine or service is not running", f.message());
    assertTrue(f.evidence().get("stderr").startsWith("Cannot connect to Podman."), f.evidence().get("stderr"));
  }

  @Test
  void dockerAndPodmanAgentsAreBothChecked() {
    FakeEngine docker = FakeEngine.docker(bin).running(DEFAULT_IMAGE);
    docker.install();
    FakeEngine podman = FakeEngine.podman(bin).failing(FakeEngine.PODMAN_NOT_RUNNING);
    podman.install();
    String config = """
        { agents: {
            defaults: { sandbox: { mode: 'all' } },
            entries: { main: {}, pod: { sandbox: { backend: 'podman' } } },
        } }
        """;

    CheckResult result = check.run(context(config).build());

    assertEquals(List.of("sandbox-docker.daemon-not-running"), codes(result));
    assertTrue(single(result, "sandbox-docker.daemon-not-running").message().startsWith("Podman"));
    assertEquals(2, docker.calls().size());
    assertEquals(2, podman.calls().size());
    assertEquals("present", result.evidence().get("docker.image." + DEFAULT_IMAGE));
    assertEquals("not checked: Podman does not answer", result.evidence().get("podman.image." + DEFAULT_IMAGE));
  }
}
