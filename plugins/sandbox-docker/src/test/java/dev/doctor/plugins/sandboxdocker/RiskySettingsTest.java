package dev.doctor.plugins.sandboxdocker;

import static dev.doctor.testkit.CheckResults.codes;
import static dev.doctor.testkit.CheckResults.findings;
import static dev.doctor.testkit.CheckResults.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.CheckResult;
import dev.doctor.api.Finding;
import dev.doctor.api.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings that endanger the host or that OpenClaw refuses; the engine itself is fine here. */
class RiskySettingsTest {

  private static final String DEFAULT_IMAGE = "openclaw-sandbox:bookworm-slim";

  @TempDir Path bin;
  @TempDir Path files;

  private ScriptedEngines engines;
  private final SandboxDockerCheck check = new SandboxDockerCheck();

  @BeforeEach
  void setUp() {
    engines = new ScriptedEngines(bin).running(List.of(DEFAULT_IMAGE, "openclaw-sandbox-browser:bookworm-slim"), List.of());
  }

  private CheckResult run(String config) {
    return check.run(engines.context(config).build());
  }

  private CheckResult runWithDocker(String dockerBlock) {
    return run("{ agents: { defaults: { sandbox: { mode: 'all', docker: " + dockerBlock + " } } } }");
  }

  @Test
  void dockerSocketBindIsAnError() {
    CheckResult result = runWithDocker("{ binds: ['/home/me/src:/src:ro', '/var/run/docker.sock:/var/run/docker.sock'] }");

    assertEquals(List.of("sandbox-docker.docker-socket-mounted"), codes(result));
    Finding f = single(result, "sandbox-docker.docker-socket-mounted");
    assertEquals(Severity.ERROR, f.severity());
    assertEquals("agents.defaults.sandbox.docker.binds[1]", f.path());
    assertEquals("/var/run/docker.sock", f.evidence().get("source"));
    assertEquals("it is /var/run/docker.sock", f.evidence().get("why"));
    assertTrue(f.remediation().text().startsWith("Remove this bind."), f.remediation().text());
    assertEquals(List.of(), f.remediation().commands());
  }

  @Test
  void bindOfADirectoryHoldingTheSocketIsAnError() {
    CheckResult result = runWithDocker("{ binds: ['/run:/host-run:ro'] }");

    Finding f = single(result, "sandbox-docker.docker-socket-mounted");
    assertEquals("it contains /run/docker.sock", f.evidence().get("why"));
  }

  @Test
  void rootlessSocketAndOtherSocketFilesAreErrors() {
    CheckResult result = runWithDocker("{ binds: ['/run/user/1000/docker.sock:/d.sock', '/home/me/.docker/run/docker.sock:/x', '/run/user/1000:/r'] }");

    assertEquals(
        List.of("sandbox-docker.docker-socket-mounted", "sandbox-docker.docker-socket-mounted", "sandbox-docker.docker-socket-mounted"),
        codes(result));
  }

  @Test
  void symlinkResolvingToTheSocketIsAnError() throws IOException {
    // Dangling here (no daemon), which must not hide it: the link still names the socket.
    Path link = Files.createSymbolicLink(files.resolve("engine"), Path.of("/var/run/docker.sock"));
    Path dirLink = Files.createSymbolicLink(files.resolve("sys-run"), Path.of("/var/run"));

    CheckResult result = runWithDocker("{ binds: ['" + link + ":/engine.sock', '" + dirLink + "/docker.sock:/e2.sock'] }");

    List<Finding> found = findings(result);
    assertEquals(2, found.size(), codes(result).toString());
    assertTrue(found.get(0).evidence().get("why").startsWith("it resolves to "), found.get(0).evidence().get("why"));
    assertTrue(found.get(0).evidence().get("why").endsWith("/run/docker.sock"), found.get(0).evidence().get("why"));
    assertEquals("agents.defaults.sandbox.docker.binds[1]", found.get(1).path());
  }

  @Test
  void socketFromDockerHostCounts() {
    CheckResult result = check.run(engines
        .context("{ agents: { defaults: { sandbox: { mode: 'all', docker: { binds: ['/srv/engine/api.sock:/api.sock'] } } } } }")
        .env("DOCKER_HOST", "unix:///srv/engine/api.sock")
        .build());

    assertEquals("it is /srv/engine/api.sock", single(result, "sandbox-docker.docker-socket-mounted").evidence().get("why"));
  }

  @Test
  void perAgentAndBrowserBindsAreChecked() {
    String config = """
        { agents: {
            defaults: { sandbox: { mode: 'all', browser: { enabled: true, binds: ['/var/run/docker.sock:/s'] } } },
            entries: {
              ops: { sandbox: { docker: { binds: ['/run/docker.sock:/var/run/docker.sock'] } } },
              off: { sandbox: { mode: 'off', docker: { binds: ['/run/docker.sock:/s'] } } },
            },
        } }
        """;

    CheckResult result = run(config);

    assertEquals(
        List.of("agents.entries.ops.sandbox.docker.binds[0]", "agents.defaults.sandbox.browser.binds[0]"),
        findings(result).stream().map(Finding::path).toList());
  }

  @Test
  void ordinaryBindsPass() {
    CheckResult result = runWithDocker("{ binds: ['/home/user/source:/source:rw', '/var/data/myapp:/data:ro', '/mnt/cache:/cache:rw'] }");

    assertInstanceOf(CheckResult.Passed.class, result, () -> codes(result).toString());
  }

  @Test
  void capDropWithoutAllIsAWarning() {
    CheckResult result = runWithDocker("{ capDrop: ['NET_RAW', 'MKNOD'] }");

    Finding f = single(result, "sandbox-docker.capabilities-kept");
    assertEquals(Severity.WARNING, f.severity());
    assertEquals("agents.defaults.sandbox.docker.capDrop", f.path());
    assertEquals("NET_RAW, MKNOD", f.evidence().get("capDrop"));
    assertTrue(f.remediation().text().contains("NET_RAW"), f.remediation().text());
  }

  @Test
  void emptyCapDropIsAWarningAndAllInAnyCasePasses() {
    assertEquals(List.of("sandbox-docker.capabilities-kept"), codes(runWithDocker("{ capDrop: [] }")));
    assertInstanceOf(CheckResult.Passed.class, runWithDocker("{ capDrop: ['all'] }"));
    assertInstanceOf(CheckResult.Passed.class, runWithDocker("{ capDrop: ['ALL', 'NET_RAW'] }"));
  }

  @Test
  void dangerousOverridesAreWarnings() {
    CheckResult result = runWithDocker("""
        { dangerouslyAllowExternalBindSources: true,
          dangerouslyAllowReservedContainerTargets: true,
          dangerouslyAllowContainerNamespaceJoin: false }
        """);

    assertEquals(List.of("sandbox-docker.dangerous-override", "sandbox-docker.dangerous-override"), codes(result));
    assertEquals(
        List.of(
            "agents.defaults.sandbox.docker.dangerouslyAllowExternalBindSources",
            "agents.defaults.sandbox.docker.dangerouslyAllowReservedContainerTargets"),
        findings(result).stream().map(Finding::path).toList());
    assertTrue(findings(result).stream().allMatch(f -> f.severity() == Severity.WARNING));
  }

  @Test
  void unconfinedProfilesAreErrors() {
    CheckResult result = runWithDocker("{ seccompProfile: 'unconfined', apparmorProfile: 'Unconfined' }");

    assertEquals(List.of("sandbox-docker.confinement-disabled", "sandbox-docker.confinement-disabled"), codes(result));
    assertEquals(
        "agents.defaults.sandbox.docker.seccompProfile is \"unconfined\": it turns off seccomp syscall filtering for sandbox containers",
        findings(result).get(0).message());
  }

  @Test
  void hostNetworkIsRefused() {
    CheckResult result = runWithDocker("{ network: 'host' }");

    assertEquals(List.of("sandbox-docker.network-refused"), codes(result));
    Finding f = single(result, "sandbox-docker.network-refused");
    assertEquals("agents.defaults.sandbox.docker.network", f.path());
    assertEquals(List.of("docker version --format {{.Server.Version}}", "docker image inspect --format {{.Id}} -- " + DEFAULT_IMAGE).stream().sorted().toList(),
        engines.calls());
  }

  @Test
  void containerNetworkIsRefusedUnlessTheOverrideIsOn() {
    assertEquals(List.of("sandbox-docker.network-refused"), codes(runWithDocker("{ network: 'container:db' }")));

    CheckResult allowed = runWithDocker("{ network: 'container:db', dangerouslyAllowContainerNamespaceJoin: true }");

    assertEquals(List.of("sandbox-docker.dangerous-override"), codes(allowed));
  }

  @Test
  void browserNetworkNoneIsRefused() {
    CheckResult result = run("{ agents: { defaults: { sandbox: { mode: 'all', browser: { enabled: true, network: 'none' } } } } }");

    Finding f = single(result, "sandbox-docker.network-refused");
    assertEquals("agents.defaults.sandbox.browser.network", f.path());
    assertEquals("agents.defaults", f.evidence().get("used-by"));
  }

  @Test
  void settingsOfAgentsThatAreNotSandboxedAreIgnored() {
    String config = """
        { agents: {
            defaults: { sandbox: { mode: 'all' } },
            entries: {
              main: {},
              ssh: { sandbox: { backend: 'ssh', docker: { network: 'host', capDrop: [] } } },
            },
        } }
        """;

    assertInstanceOf(CheckResult.Passed.class, run(config));
  }

  @Test
  void envAndSetupCommandValuesNeverAppearInTheResult() {
    String secret = "ghp_S3cretTokenValue0123456789";
    String config = """
        { agents: { defaults: { sandbox: { mode: 'all', docker: {
            image: 'acme/missing:1',
            network: 'host',
            capDrop: [],
            binds: ['/var/run/docker.sock:/var/run/docker.sock'],
            env: { GITHUB_TOKEN: '%1$s', LANG: 'C.UTF-8' },
            setupCommand: 'echo %1$s > /root/.token',
        } } } } }
        """.formatted(secret);

    CheckResult result = run(config);

    assertEquals(4, findings(result).size(), codes(result).toString());
    assertFalse(result.toString().contains(secret), "secret in the result");
    assertFalse(result.toString().contains("S3cret"), "part of the secret in the result");
  }
}
