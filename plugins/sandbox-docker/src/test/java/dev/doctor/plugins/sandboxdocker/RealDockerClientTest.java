package dev.doctor.plugins.sandboxdocker;

import static dev.doctor.testkit.CheckResults.codes;
import static dev.doctor.testkit.CheckResults.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.CheckResult;
import dev.doctor.api.Finding;
import dev.doctor.core.exec.ProcessCommandRunner;
import dev.doctor.testkit.TestCheckContext;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code docker} client of this machine, which has no daemon. Skipped, with the reason
 * printed, where there is no client or where a daemon might answer.
 */
class RealDockerClientTest {

  private static final String SANDBOX_ON = "{ agents: { defaults: { sandbox: { mode: 'all' } } } }";

  @TempDir Path temp;

  private String path;
  private Path dockerConfig;

  @BeforeEach
  void requireClientWithoutDaemon() throws IOException {
    path = System.getenv("PATH");
    Optional<Path> docker = ProgramLookup.find("docker", path, false);
    skipUnless(docker.isPresent(), "no docker client on PATH");
    skipUnless(System.getenv("DOCKER_HOST") == null && System.getenv("DOCKER_CONTEXT") == null,
        "DOCKER_HOST or DOCKER_CONTEXT is set for this JVM, so the client may reach a daemon");
    skipUnless(!Files.exists(Path.of("/var/run/docker.sock")) && !Files.exists(Path.of("/run/docker.sock")),
        "a Docker daemon socket exists here; these tests need a host without a daemon");
    // An empty client config: no current context from the user's ~/.docker steers the client.
    dockerConfig = Files.createDirectory(temp.resolve("docker-config"));
  }

  private TestCheckContext.Builder context() {
    return TestCheckContext.builder()
        .config(SANDBOX_ON)
        .runner(new ProcessCommandRunner())
        .env("PATH", path)
        .env("DOCKER_CONFIG", dockerConfig.toString());
  }

  @Test
  void noDaemonIsReportedAsNotRunning() {
    CheckResult result = new SandboxDockerCheck().run(context().build());

    assertEquals(List.of("sandbox-docker.daemon-not-running"), codes(result));
    Finding f = single(result, "sandbox-docker.daemon-not-running");
    assertEquals("The Docker daemon is not running: nothing answers at unix:///var/run/docker.sock", f.message());
    assertEquals("exit 1", f.evidence().get("result"));
    assertTrue(f.evidence().get("stderr").startsWith("Cannot connect to the Docker daemon"), f.evidence().get("stderr"));
    assertTrue(result.evidence().get("run.1.command").endsWith(" version --format '{{.Server.Version}}'"));
    assertTrue(result.evidence().get("run.2.command").endsWith(" image inspect --format '{{.Id}}' -- openclaw-sandbox:bookworm-slim"));
  }

  @Test
  void dockerHostAtAMissingSocketIsReportedAsUnreachableEndpoint() {
    String host = "unix://" + temp.resolve("nobody-listens.sock");

    CheckResult result = new SandboxDockerCheck().run(context().env("DOCKER_HOST", host).build());

    assertEquals(List.of("sandbox-docker.daemon-endpoint-unreachable"), codes(result));
    Finding f = single(result, "sandbox-docker.daemon-endpoint-unreachable");
    assertEquals("The Docker endpoint " + host + " chosen by DOCKER_HOST does not answer", f.message());
  }

  @Test
  void daemonThatNeverAnswersTimesOut() throws IOException {
    Path socket = temp.resolve("hung.sock");
    List<SocketChannel> held = new CopyOnWriteArrayList<>();
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(server.accept());
          }
        } catch (IOException closed) {
          // The test is over.
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();

      long started = System.nanoTime();
      CheckResult result = new SandboxDockerCheck(Duration.ofSeconds(1))
          .run(context().env("DOCKER_HOST", "unix://" + socket).build());
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertEquals(List.of("sandbox-docker.daemon-timeout"), codes(result));
      assertEquals("timed out after 1.0s", single(result, "sandbox-docker.daemon-timeout").evidence().get("result"));
      assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "took " + took);
    } finally {
      for (SocketChannel channel : held) {
        channel.close();
      }
    }
  }

  private static void skipUnless(boolean condition, String reason) {
    if (!condition) {
      System.out.println("RealDockerClientTest skipped: " + reason);
    }
    Assumptions.assumeTrue(condition, reason);
  }
}
