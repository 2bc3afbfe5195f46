package dev.doctor.plugins.sandboxdocker;

import static dev.doctor.testkit.CheckResults.codes;
import static dev.doctor.testkit.CheckResults.single;
import static dev.doctor.testkit.CheckResults.skipReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.CheckResult;
import dev.doctor.api.ConfigNode;
import dev.doctor.api.Finding;
import dev.doctor.api.GatewayConfig;
import dev.doctor.testkit.TestCheckContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which agents the check applies to, and what it looks up, for config shapes from OpenClaw's docs. */
class ConfigShapesTest {

  private static final String DEFAULT_IMAGE = "openclaw-sandbox:bookworm-slim";
  private static final String DEFAULT_BROWSER_IMAGE = "openclaw-sandbox-browser:bookworm-slim";

  @TempDir Path bin;

  private ScriptedEngines engines;
  private final SandboxDockerCheck check = new SandboxDockerCheck();

  @BeforeEach
  void setUp() {
    engines = new ScriptedEngines(bin);
  }

  @Test
  void noConfigFileMeansSandboxOff() {
    CheckResult result = check.run(TestCheckContext.builder().runner(engines.runner).env("PATH", bin.toString()).build());

    assertEquals("agents.defaults.sandbox.mode is off or unset, so no agent runs sandboxed", skipReason(result));
    assertEquals(List.of(), engines.calls());
  }

  @Test
  void modeOffSkips() {
    CheckResult result = check.run(engines.context("{ agents: { defaults: { sandbox: { mode: 'off', backend: 'docker' } } } }").build());

    assertEquals("agents.defaults.sandbox.mode is off or unset, so no agent runs sandboxed", skipReason(result));
    assertEquals("agents.defaults: mode off, backend docker", result.evidence().get("sandbox.agents"));
  }

  @Test
  void modeOffForEveryAgentSkips() {
    String config = "{ agents: { defaults: { sandbox: { mode: 'all' } }, entries: { main: { sandbox: { mode: 'off' } } } } }";

    CheckResult result = check.run(engines.context(config).build());

    assertEquals("sandbox mode is off for every agent (agents.defaults.sandbox.mode and agents.entries.*.sandbox.mode)", skipReason(result));
  }

  @Test
  void sshBackendSkips() {
    String config = "{ agents: { defaults: { sandbox: { mode: 'all', backend: 'ssh', ssh: { target: 'me@box:22' } } } } }";

    CheckResult result = check.run(engines.context(config).build());

    assertEquals("the sandboxed agents use the ssh backend, not docker or podman", skipReason(result));
    assertEquals(List.of(), engines.calls());
  }

  @Test
  void unreadableConfigSkips() {
    Path file = Path.of("/nonexistent/.openclaw/openclaw.json");
    GatewayConfig broken = new GatewayConfig(file, file.getParent(), GatewayConfig.Status.UNREADABLE, ConfigNode.emptyRoot(file));

    CheckResult result = check.run(TestCheckContext.builder().config(broken).runner(engines.runner).build());

    assertEquals("the gateway config could not be read, so the sandbox settings are unknown", skipReason(result));
  }

  @Test
  void oneAgentTurningTheSandboxOnIsEnough() {
    engines.running(DEFAULT_IMAGE);
    String config = """
        { agents: { entries: {
            home: { workspace: '~/.openclaw/workspace-home' },
            family: { sandbox: { mode: 'all', scope: 'agent', workspaceAccess: 'ro' } },
        } } }
        """;

    CheckResult result = check.run(engines.context(config).build());

    assertInstanceOf(CheckResult.Passed.class, result);
    assertEquals(
        "agents.entries.home: mode off, backend docker; agents.entries.family: mode all, backend docker",
        result.evidence().get("sandbox.agents"));
    assertEquals(
        List.of("docker image inspect --format {{.Id}} -- " + DEFAULT_IMAGE, "docker version --format {{.Server.Version}}"),
        engines.calls());
  }

  @Test
  void perAgentOverridesMergeOverDefaultsLikeOpenClaw() {
    engines.running("acme/base:1");
    String config = """
        {
          agents: {
            defaults: { sandbox: { mode: 'all', docker: { image: 'acme/base:1' } } },
            entries: {
              a: {},
              b: { sandbox: { docker: { image: 'acme/b:2' } } },
              c: { sandbox: { mode: 'off', docker: { image: 'acme/c:3' } } },
              d: { sandbox: { scope: 'shared', docker: { image: 'acme/d:4' } } },
              e: { sandbox: { backend: 'ssh' } },
            },
          },
        }
        """;

    CheckResult result = check.run(engines.context(config).build());

    // c is not sandboxed, d's own docker block is ignored under the shared scope, e is on ssh.
    assertEquals(
        List.of(
            "docker image inspect --format {{.Id}} -- acme/b:2",
            "docker image inspect --format {{.Id}} -- acme/base:1",
            "docker version --format {{.Server.Version}}"),
        engines.calls());
    assertEquals(List.of("sandbox-docker.image-missing"), codes(result));
    Finding f = single(result, "sandbox-docker.image-missing");
    assertEquals("agents.entries.b.sandbox.docker.image", f.path());
    assertEquals(6, f.line());
    assertEquals(List.of("docker pull acme/b:2"), f.remediation().commands());
    assertEquals("present", result.evidence().get("docker.image.acme/base:1"));
  }

  @Test
  void oneImageSharedByAgentsIsLookedUpOnce() {
    engines.running();
    String config = "{ agents: { defaults: { sandbox: { mode: 'all' } }, entries: { a: {}, b: {}, c: { sandbox: { mode: 'non-main' } } } } }";

    CheckResult result = check.run(engines.context(config).build());

    Finding f = single(result, "sandbox-docker.image-missing");
    assertEquals("agents.entries.a, agents.entries.b, agents.entries.c", f.evidence().get("used-by"));
    assertEquals(2, engines.calls().size());
  }

  @Test
  void browserImageIsCheckedWhenTheSandboxBrowserIsOn() {
    engines.running(DEFAULT_IMAGE);
    String config = """
        { agents: { defaults: { sandbox: {
            mode: 'non-main',
            browser: { enabled: true, headless: true },
        } } } }
        """;

    CheckResult result = check.run(engines.context(config).build());

    assertEquals(List.of("sandbox-docker.image-missing"), codes(result));
    Finding f = single(result, "sandbox-docker.image-missing");
    assertEquals("The sandbox browser image " + DEFAULT_BROWSER_IMAGE + " is not in the Docker image store", f.message());
    assertEquals("agents.defaults.sandbox.browser.image", f.path());
    assertTrue(f.remediation().text().contains("scripts/sandbox-browser-setup.sh"), f.remediation().text());
  }

  @Test
  void perAgentBrowserImageOverride() {
    engines.running(DEFAULT_IMAGE, "acme/browser:7");
    String config = """
        { agents: {
            defaults: { sandbox: { mode: 'all' } },
            entries: { web: { sandbox: { browser: { enabled: true, image: 'acme/browser:7' } } } },
        } }
        """;

    CheckResult result = check.run(engines.context(config).build());

    assertInstanceOf(CheckResult.Passed.class, result, () -> codes(result).toString());
    assertTrue(engines.calls().contains("docker image inspect --format {{.Id}} -- acme/browser:7"), engines.calls().toString());
  }

  @Test
  void browserIsNotLookedUpForPodman() {
    engines.running(DEFAULT_IMAGE);
    String config = "{ agents: { defaults: { sandbox: { mode: 'all', backend: 'podman', browser: { enabled: true } } } } }";

    CheckResult result = check.run(engines.context(config).build());

    assertInstanceOf(CheckResult.Passed.class, result, () -> codes(result).toString());
    assertEquals(
        List.of("podman image inspect --format {{.Id}} -- " + DEFAULT_IMAGE, "podman info --format {{.Version.Version}}"),
        engines.calls());
  }

  /** The agents.defaults.sandbox block of docs/gateway/config-agents/sandbox.md, as shipped. */
  @Test
  void referenceBlockFromTheDocsPasses() {
    engines.running(DEFAULT_IMAGE);
    String config = """
        {
          agents: {
            defaults: {
              sandbox: {
                mode: "non-main", // off (default) | non-main | all
                backend: "docker", // docker (default) | openshell | podman | ssh
                scope: "agent", // session | agent (default) | shared
                workspaceAccess: "none", // none (default) | ro | rw
                workspaceRoot: "~/.openclaw/sandboxes",
                docker: {
                  image: "openclaw-sandbox:bookworm-slim",
                  containerPrefix: "openclaw-sbx-",
                  workdir: "/workspace",
                  readOnlyRoot: true,
                  tmpfs: ["/tmp", "/var/tmp", "/run"],
                  network: "none",
                  user: "1000:1000",
                  capDrop: ["ALL"],
                  env: { LANG: "C.UTF-8" },
                  setupCommand: "apt-get update && apt-get install -y git curl jq",
                  pidsLimit: 256,
                  memory: "1g",
                  memorySwap: "2g",
                  cpus: 1,
                  gpus: "all",
                  ulimits: {
                    nofile: { soft: 1024, hard: 2048 },
                    nproc: 256,
                  },
                  seccompProfile: "/path/to/seccomp.json",
                  apparmorProfile: "openclaw-sandbox",
                  dns: ["1.1.1.1", "8.8.8.8"],
                  extraHosts: ["internal.service:10.0.0.5"],
                  binds: ["/home/user/source:/source:rw"],
                },
                browser: {
                  enabled: false,
                  image: "openclaw-sandbox-browser:bookworm-slim",
                  network: "openclaw-sandbox-browser",
                  cdpPort: 9222,
                },
                prune: {
                  idleHours: 24,
                  maxAgeDays: 7,
                },
              },
            },
          },
        }
        """;

    CheckResult result = check.run(engines.context(config).build());

    assertInstanceOf(CheckResult.Passed.class, result, () -> codes(result).toString());
    assertEquals(
        List.of("docker image inspect --format {{.Id}} -- " + DEFAULT_IMAGE, "docker version --format {{.Server.Version}}"),
        engines.calls());
  }

  /** The Podman example of docs/gateway/sandboxing/podman-backend.md. */
  @Test
  void podmanExampleFromTheDocs() {
    engines.running();
    String config = """
        {
          agents: {
            defaults: {
              sandbox: {
                mode: "all",
                backend: "podman",
                scope: "session",
                workspaceAccess: "rw",
                docker: {
                  image: "openclaw-sandbox:bookworm-slim",
                  network: "none",
                  readOnlyRoot: true,
                  capDrop: ["ALL"],
                },
              },
            },
          },
        }
        """;

    CheckResult result = check.run(engines.context(config).build());

    assertEquals(List.of("sandbox-docker.image-missing"), codes(result));
    Finding f = single(result, "sandbox-docker.image-missing");
    assertEquals("agents.defaults.sandbox.docker.image", f.path());
    assertEquals(10, f.line());
    assertEquals(18, f.column());
    assertEquals("The sandbox image " + DEFAULT_IMAGE + " is not in the Podman image store", f.message());
  }

  @Test
  void json5Syntax() {
    engines.running();
    String config = """
        // openclaw.json
        {
          /* block comment */ agents: {
            'defaults': { sandbox: {
              mode: 'all',
              docker: { image: "acme/sbx:\\u0031", cpus: .5, pidsLimit: +256, },
            }, },
          },
        }
        """;

    CheckResult result = check.run(engines.context(config).build());

    Finding f = single(result, "sandbox-docker.image-missing");
    assertEquals("acme/sbx:1", f.evidence().get("image"));
    assertEquals(6, f.line());
    assertEquals("agents.defaults.sandbox.docker.image", f.path());
  }

  @Test
  void everyCommandIsInTheEvidence() {
    engines.running();

    CheckResult result = check.run(engines.context("{ agents: { defaults: { sandbox: { mode: 'all' } } } }").build());

    var evidence = result.evidence();
    var commands = List.of(evidence.get("run.1.command"), evidence.get("run.2.command"));
    assertTrue(commands.contains(engines.docker + " version --format '{{.Server.Version}}'"), commands.toString());
    assertTrue(commands.contains(engines.docker + " image inspect --format '{{.Id}}' -- " + DEFAULT_IMAGE), commands.toString());
    assertEquals("exit 0", evidence.get("run.1.result"));
    assertEquals("exit 1", evidence.get("run.2.result"));
    assertEquals("Error response from daemon: No such image: scripted", evidence.get("run.2.stderr"));
  }

  @Test
  void lookupsThatFailForOtherReasonsAreWarnings() {
    String docker = engines.docker.toString();
    engines.runner.onPrefix(docker, "image", "inspect").exits(1, "", "Error response from daemon: layer does not exist\n");
    engines.runner.onPrefix(docker, "network", "inspect").timesOut();
    engines.running();
    String config = "{ agents: { defaults: { sandbox: { mode: 'all', docker: { network: 'sandnet' } } } } }";

    CheckResult result = check.run(engines.context(config).build());

    assertEquals(List.of("sandbox-docker.inspect-failed", "sandbox-docker.inspect-failed"), codes(result));
    var found = dev.doctor.testkit.CheckResults.findings(result);
    assertTrue(found.stream().allMatch(f -> f.severity() == dev.doctor.api.Severity.WARNING));
    assertEquals(
        "Could not tell whether the sandbox image " + DEFAULT_IMAGE + " exists: docker image inspect failed (exit 1)",
        found.get(0).message());
    assertEquals(List.of("docker image inspect " + DEFAULT_IMAGE), found.get(0).remediation().commands());
    assertEquals("Error response from daemon: layer does not exist", found.get(0).evidence().get("stderr"));
    assertEquals("Could not tell whether the sandbox network sandnet exists: docker network inspect timed out", found.get(1).message());
    assertEquals("agents.defaults.sandbox.docker.network", found.get(1).path());
  }
}
