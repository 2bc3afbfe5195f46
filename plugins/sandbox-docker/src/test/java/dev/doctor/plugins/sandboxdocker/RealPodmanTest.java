package dev.doctor.plugins.sandboxdocker;

import static dev.doctor.testkit.CheckResults.codes;
import static dev.doctor.testkit.CheckResults.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.doctor.api.CheckResult;
import dev.doctor.api.Command;
import dev.doctor.api.CommandResult;
import dev.doctor.api.Finding;
import dev.doctor.core.exec.ProcessCommandRunner;
import dev.doctor.testkit.TestCheckContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code podman} of this machine (CI installs Debian's), so the podman backend is checked
 * against Podman's own answers rather than strings copied from its source. Skipped, with the reason
 * printed, where there is no podman (under {@code CI=true} that fails instead), or where CONTAINER_HOST or CONTAINER_CONNECTION is set for
 * this JVM.
 */
class RealPodmanTest {

  @TempDir Path temp;

  private String path;
  private Path podman;

  @BeforeEach
  void requirePodman() {
    path = System.getenv("PATH");
    Optional<Path> found = ProgramLookup.find("podman", path, false);
    if (found.isEmpty() && "true".equals(System.getenv("CI"))) {
      fail("no podman on PATH; .ci/run installs it, so under CI this is a failure");
    }
    skipUnless(found.isPresent(), "no podman on PATH");
    skipUnless(System.getenv("CONTAINER_HOST") == null && System.getenv("CONTAINER_CONNECTION") == null,
        "CONTAINER_HOST or CONTAINER_CONNECTION is set for this JVM");
    podman = found.get();
  }

  /** The sandbox on, on the podman backend, with an image no store can hold. */
  private static String config(String image) {
    return "{ agents: { defaults: { sandbox: { mode: 'all', backend: 'podman', docker: { image: '" + image + "' } } } } }";
  }

  private TestCheckContext.Builder context(String image) {
    return TestCheckContext.builder()
        .config(config(image))
        .runner(new ProcessCommandRunner())
        .env("PATH", path)
        .env("HOME", System.getProperty("user.home"));
  }

  @Test
  void aLocalEngineThatAnswersIsUsedAndAMissingImageIsNamed() {
    CommandResult info = new ProcessCommandRunner().run(
        Command.of(podman.toString(), "info", "--format", "{{.Version.Version}}").withTimeout(Duration.ofSeconds(30)));
    skipUnless(info.succeeded(), "podman info fails here (" + info.summary() + ": " + info.firstStderrLine() + ")");
    String image = "doctor-test-missing-" + UUID.randomUUID() + ":1";

    CheckResult result = new SandboxDockerCheck(Duration.ofSeconds(30)).run(context(image).build());

    assertEquals(List.of("sandbox-docker.image-missing"), codes(result));
    assertEquals(info.stdout().strip(), result.evidence().get("podman.server-version"));
    Finding f = single(result, "sandbox-docker.image-missing");
    assertTrue(f.message().contains(image) && f.message().contains("Podman"), f.message());
    assertTrue(f.evidence().get("stderr").contains("image not known"), f.evidence().get("stderr"));
  }

  @Test
  void containerHostAtAMissingSocketIsReportedAsUnreachableEndpoint() {
    String host = "unix://" + temp.resolve("nobody-listens.sock");

    CheckResult result = new SandboxDockerCheck().run(context("openclaw-sandbox:bookworm-slim").env("CONTAINER_HOST", host).build());

    assertEquals(List.of("sandbox-docker.daemon-endpoint-unreachable"), codes(result));
    Finding f = single(result, "sandbox-docker.daemon-endpoint-unreachable");
    assertEquals("The Podman endpoint " + host + " chosen by CONTAINER_HOST does not answer", f.message());
    assertEquals(List.of("podman system connection list"), f.remediation().commands());
    assertTrue(f.evidence().get("stderr").startsWith("Cannot connect to Podman"), f.evidence().get("stderr"));
  }

  private static void skipUnless(boolean condition, String reason) {
    if (!condition) {
      System.out.println("RealPodmanTest skipped: " + reason);
    }
    Assumptions.assumeTrue(condition, reason);
  }
}
