package dev.doctor.plugins.sandboxdocker;

import static dev.doctor.testkit.CheckResults.findings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.Change;
import dev.doctor.api.CheckContext;
import dev.doctor.api.Command;
import dev.doctor.api.Finding;
import dev.doctor.api.Fix;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixes for missing images and networks: what they run, with which engine, and under what timeout. */
class EngineFixesTest {

  @TempDir Path bin;

  private List<Fix> fixes(ScriptedEngines engines, String config) {
    CheckContext ctx = engines.context(config).build();
    SandboxDockerCheck check = new SandboxDockerCheck();
    List<Finding> found = findings(check.run(ctx)).stream().map(f -> f.withCheckId(SandboxDockerCheck.ID)).toList();
    return check.fixes(ctx, found);
  }

  private static Command command(Fix fix) {
    assertEquals(1, fix.changes().size(), fix.toString());
    return assertInstanceOf(Change.RunCommand.class, fix.changes().get(0)).command();
  }

  @Test
  void aMissingRegistryImageIsPulledWithMinutesToDoIt() {
    ScriptedEngines engines = new ScriptedEngines(bin).running();
    List<Fix> fixes = fixes(engines, "{ agents: { defaults: { sandbox: { mode: 'all', docker: { image: 'ghcr.io/acme/sandbox:1.2' } } } } }");

    assertEquals(1, fixes.size(), fixes.toString());
    Fix pull = fixes.get(0);
    assertEquals("sandbox-docker.pull-image", pull.id());
    assertEquals("docker pull ghcr.io/acme/sandbox:1.2 (downloads it from its registry)", pull.plan());
    assertEquals(List.of(engines.docker.toString(), "pull", "ghcr.io/acme/sandbox:1.2"), command(pull).argv());
    assertEquals(Duration.ofMinutes(10), command(pull).timeout());
    assertEquals(Fix.Kind.COMMAND, pull.kind());
    assertFalse(pull.unattendedSafe(), "downloads and uses disk");
    assertFalse(pull.needsRoot());
    assertEquals("sandbox-docker.image-missing", pull.addresses().get(0).code());
  }

  @Test
  void theDefaultImageIsBuiltFromTheDocumentedDockerfile() {
    ScriptedEngines engines = new ScriptedEngines(bin).running();
    List<Fix> fixes = fixes(engines, "{ agents: { defaults: { sandbox: { mode: 'all' } } } }");

    Fix build = fixes.get(0);
    assertEquals("sandbox-docker.build-image", build.id());
    Command command = command(build);
    assertEquals(List.of(engines.docker.toString(), "build", "-t", "openclaw-sandbox:bookworm-slim", "-"), command.argv());
    assertTrue(command.stdin().startsWith("FROM debian:bookworm-slim\n"), command.stdin());
    assertTrue(command.stdin().contains("python3 ripgrep"), command.stdin());
    assertEquals(Duration.ofMinutes(10), command.timeout());
  }

  @Test
  void podmansDefaultImageAndTheSourceBuiltImagesGetNoFix() {
    ScriptedEngines engines = new ScriptedEngines(bin).running();
    assertEquals(List.of(), fixes(engines, "{ agents: { defaults: { sandbox: { mode: 'all', backend: 'podman' } } } }"));
    assertEquals(List.of(), fixes(engines,
        "{ agents: { defaults: { sandbox: { mode: 'all', docker: { image: 'openclaw-sandbox-common:bookworm-slim' } } } } }"));
  }

  @Test
  void aMissingNetworkIsCreatedAsABridgeOnTheAgentsEngine() {
    ScriptedEngines engines = new ScriptedEngines(bin).running(List.of("openclaw-sandbox:bookworm-slim"), List.of());
    List<Fix> fixes = fixes(engines,
        "{ agents: { defaults: { sandbox: { mode: 'all', backend: 'podman', docker: { network: 'sandnet' } } } } }");

    assertEquals(1, fixes.size(), fixes.toString());
    Fix create = fixes.get(0);
    assertEquals("sandbox-docker.create-network", create.id());
    assertEquals("podman network create --driver bridge sandnet", create.plan());
    assertEquals(List.of(engines.podman.toString(), "network", "create", "--driver", "bridge", "sandnet"), command(create).argv());
    assertEquals(Duration.ofSeconds(60), command(create).timeout());
  }

  @Test
  void theEnginesEndpointGoesWithTheCommand() {
    ScriptedEngines engines = new ScriptedEngines(bin).running();
    CheckContext ctx = engines.context("{ agents: { defaults: { sandbox: { mode: 'all', docker: { image: 'alpine:3' } } } } }")
        .env("DOCKER_HOST", "unix:///run/user/1000/docker.sock")
        .build();
    SandboxDockerCheck check = new SandboxDockerCheck();
    List<Fix> fixes = check.fixes(ctx, findings(check.run(ctx)));
    assertEquals("unix:///run/user/1000/docker.sock", command(fixes.get(0)).env().get("DOCKER_HOST"));
  }

  @Test
  void nothingIsOfferedForFindingsOfOtherKinds() {
    ScriptedEngines engines = new ScriptedEngines(bin).running(List.of("openclaw-sandbox:bookworm-slim"), List.of());
    List<Fix> fixes = fixes(engines, "{ agents: { defaults: { sandbox: { mode: 'all', docker: { network: 'host' } } } } }");
    assertEquals(List.of(), fixes);
  }
}
