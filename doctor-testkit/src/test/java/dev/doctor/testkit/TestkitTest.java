package dev.doctor.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.CheckContext;
import dev.doctor.api.Command;
import dev.doctor.api.CommandResult;
import dev.doctor.api.CommandResult.Outcome;
import dev.doctor.api.GatewayConfig;
import dev.doctor.api.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scripted runner and the context builder, as a plugin test uses them. */
class TestkitTest {

  @Test
  void theRunnerAnswersByArgvInRuleOrderAndRecordsEveryCall() {
    var runner = new ScriptedCommandRunner()
        .on("docker", "version").succeeds("24.0.7\n")
        .onPrefix("docker", "info").exits(1, "", "Cannot connect to the Docker daemon\n")
        .onProgram("docker").timesOut()
        .onProgram("bwrap").notFound()
        .onProgram("unshare").failsToStart("Permission denied");

    assertEquals("24.0.7\n", runner.run(Duration.ofSeconds(5), "docker", "version").stdout());
    CommandResult info = runner.run(Command.of("docker", "info", "--format", "json"));
    assertEquals(1, info.exitCode());
    assertEquals("Cannot connect to the Docker daemon", info.firstStderrLine());
    CommandResult slow = runner.run(Command.of("docker", "ps").withTimeout(Duration.ofSeconds(3)));
    assertEquals(Outcome.TIMED_OUT, slow.outcome());
    assertEquals(Duration.ofSeconds(3), slow.duration(), "a timeout takes the command's whole timeout, without sleeping");
    assertEquals(Outcome.NOT_FOUND, runner.run(Command.of("bwrap", "--version")).outcome());
    assertEquals("failed to start: Permission denied", runner.run(Command.of("unshare", "true")).summary());

    assertEquals(List.of("docker version", "docker info --format json", "docker ps", "bwrap --version", "unshare true"),
        runner.commandLines());
    assertTrue(runner.ran("docker", "ps"));
    assertFalse(runner.ran("docker"));
  }

  @Test
  void anUnscriptedCommandFailsTheTestUnlessThereIsAFallback() {
    var strict = new ScriptedCommandRunner();
    AssertionError error = assertThrows(AssertionError.class, () -> strict.run(Command.of("rm", "-rf", "/tmp/x y")));
    assertEquals("unexpected command: rm -rf '/tmp/x y'", error.getMessage());

    var lenient = new ScriptedCommandRunner();
    lenient.otherwise().exits(127, "", "");
    assertEquals(127, lenient.run(Command.of("anything")).exitCode());
  }

  @Test
  void theContextCarriesConfigEnvPlatformAndOptions() {
    CheckContext ctx = TestCheckContext.builder()
        .config("{ gateway: { port: 80, }, // JSON5 as people write it\n}")
        .env("OPENCLAW_GATEWAY_TOKEN", "t0ken")
        .platform(new Platform(Platform.Os.MACOS, "aarch64", "14.5"))
        .option("allow-exec", "true")
        .timeout(Duration.ofSeconds(2))
        .build();

    assertEquals(GatewayConfig.Status.LOADED, ctx.config().status());
    assertEquals("80", ctx.config().at("gateway.port").scalarText());
    assertEquals(1, ctx.config().at("gateway.port").line());
    assertEquals("t0ken", ctx.env("OPENCLAW_GATEWAY_TOKEN").orElseThrow());
    assertTrue(ctx.env("HOME").isEmpty(), "only what the test sets");
    assertFalse(ctx.platform().isLinux());
    assertEquals("true", ctx.option("allow-exec").orElseThrow());
    assertTrue(ctx.remaining().compareTo(Duration.ofSeconds(2)) <= 0);
    assertFalse(ctx.parseJson5("{ a: ", null).ok(), "parse errors are values");
  }

  @Test
  void theConfigMayComeFromAFileOrBeMissing(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("openclaw.json"), "{\n  gateway: { port: 18789 }\n}\n");
    CheckContext loaded = TestCheckContext.builder().stateDir(dir).configFile(file).build();
    assertEquals(file, loaded.config().at("gateway.port").file());
    assertEquals(2, loaded.config().at("gateway.port").line());
    assertEquals(dir, loaded.config().stateDir());

    CheckContext missing = TestCheckContext.builder().configFile(dir.resolve("nope.json")).build();
    assertEquals(GatewayConfig.Status.MISSING, missing.config().status());
    assertTrue(missing.config().at("gateway.port").isMissing());
    assertEquals(GatewayConfig.Status.MISSING, TestCheckContext.builder().build().config().status(), "no config: OpenClaw's defaults");

    assertThrows(IllegalArgumentException.class, () -> TestCheckContext.builder().config("{ broken"));
  }
}
