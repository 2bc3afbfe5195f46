package dev.doctor.core.exec;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.Check;
import dev.doctor.api.CheckContext;
import dev.doctor.api.CheckReport;
import dev.doctor.api.CheckResult;
import dev.doctor.api.Command;
import dev.doctor.api.CommandResult;
import dev.doctor.api.CommandResult.Outcome;
import dev.doctor.api.ConfigNode;
import dev.doctor.api.GatewayConfig;
import dev.doctor.api.Platform;
import dev.doctor.core.plugin.LoadedCheck;
import dev.doctor.core.run.CheckRunner;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault suite: a hundred commands that time out at once, each leaving a grandchild behind (half of
 * which ignore SIGTERM), must leave no process running. Every process of a run carries a marker in
 * its environment, so "nothing left" is checked by scanning all of /proc for it, not only the pids
 * the grandchildren wrote; the pid files prove each grandchild had started before the timeout.
 */
@EnabledOnOs(OS.LINUX)
class TimedOutTreesFaultTest {

  private static final int COMMANDS = 100;
  private static final String MARKER = "DOCTOR_FAULT_MARKER";

  @TempDir Path tmp;

  @Test
  @Timeout(value = 30, unit = SECONDS)
  void aHundredTimedOutCommandsLeaveNoGrandchildBehind() throws Exception {
    String marker = UUID.randomUUID().toString();
    List<Command> commands = new ArrayList<>();
    for (int i = 0; i < COMMANDS; i++) {
      // Long enough for a hundred shells to start on a busy 2-core machine.
      commands.add(leavesAGrandchild(i, marker).withTimeout(Duration.ofSeconds(4)));
    }

    long started = System.nanoTime();
    List<CommandResult> results = new ProcessCommandRunner().runAll(commands);
    long tookMillis = (System.nanoTime() - started) / 1_000_000;

    assertEquals(COMMANDS, results.size());
    assertTrue(results.stream().allMatch(r -> r.outcome() == Outcome.TIMED_OUT),
        () -> "not all timed out: " + results.stream().filter(r -> r.outcome() != Outcome.TIMED_OUT).toList());
    assertEquals(COMMANDS, grandchildPids().size(), "every grandchild wrote its pid before the timeout");
    assertNothingLeft(marker);
    // 4 s timeout + 0.5 s grace, all at once: one after another would take minutes.
    assertTrue(tookMillis < 15_000, "took " + tookMillis + " ms");
  }

  @Test
  @Timeout(value = 30, unit = SECONDS)
  void aHundredChecksAbandonedAtTheirDeadlineLeaveNoGrandchildBehind() throws Exception {
    String marker = UUID.randomUUID().toString();
    List<LoadedCheck> checks = new ArrayList<>();
    for (int i = 0; i < COMMANDS; i++) {
      // The command asks for a minute; the check's 4 s deadline is what ends it.
      Command command = leavesAGrandchild(i, marker).withTimeout(Duration.ofSeconds(60));
      checks.add(check(String.format("fault-%03d", i), ctx -> {
        ctx.commands().run(command);
        return CheckResult.passed();
      }));
    }
    GatewayConfig config = new GatewayConfig(Path.of("/none/openclaw.json"), Path.of("/none"),
        GatewayConfig.Status.MISSING, ConfigNode.emptyRoot(Path.of("/none/openclaw.json")));
    CheckRunner runner = new CheckRunner(config, new ProcessCommandRunner(), new Platform(Platform.Os.LINUX, "amd64", "6"),
        n -> null, Map.of(), COMMANDS, Duration.ofSeconds(4));

    List<CheckReport> reports = runner.run(checks);

    assertEquals(COMMANDS, reports.size());
    assertEquals(COMMANDS, grandchildPids().size(), "every grandchild wrote its pid before the deadline");
    assertNothingLeft(marker);
  }

  /** sh -> a background sh that writes its pid and becomes {@code sleep} (the grandchild) -> wait. */
  private Command leavesAGrandchild(int i, String marker) {
    Path pidFile = tmp.resolve("grandchild-" + i + ".pid");
    String ignoreTerm = i % 2 == 1 ? "trap '' TERM; " : "";
    String grandchild = ignoreTerm + "echo $$ > '" + pidFile + "'; exec sleep 300";
    return Command.of("sh", "-c", "sh -c \"$0\" & wait", grandchild).withEnv(MARKER, marker);
  }

  private List<Long> grandchildPids() throws IOException {
    List<Long> pids = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp, "grandchild-*.pid")) {
      for (Path file : files) {
        String text = Files.readString(file).strip();
        if (!text.isEmpty()) {
          pids.add(Long.parseLong(text));
        }
      }
    }
    return pids;
  }

  /** Waits up to 2 s for every process with the marker to be gone (a killed process takes a moment). */
  private void assertNothingLeft(String marker) throws Exception {
    long deadline = System.nanoTime() + 2_000_000_000L;
    TreeSet<Long> left = carrying(marker);
    while (!left.isEmpty() && System.nanoTime() - deadline < 0) {
      Thread.sleep(20);
      left = carrying(marker);
    }
    assertEquals(new TreeSet<Long>(), left, "processes left behind (pids)");
  }

  /** Running (not zombie) processes whose environment holds {@code MARKER=marker}. */
  private static TreeSet<Long> carrying(String marker) throws IOException {
    byte[] needle = (MARKER + "=" + marker).getBytes(ISO_8859_1);
    TreeSet<Long> found = new TreeSet<>();
    try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
      for (Path dir : proc) {
        try {
          String stat = Files.readString(dir.resolve("stat"), ISO_8859_1);
          if (stat.charAt(stat.lastIndexOf(')') + 2) == 'Z') {
            continue;
          }
          if (contains(Files.readAllBytes(dir.resolve("environ")), needle)) {
            found.add(Long.parseLong(dir.getFileName().toString()));
          }
        } catch (IOException | RuntimeException e) {
          // Gone while we looked, or not ours to read: not one of our processes either way.
        }
      }
    }
    return found;
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static LoadedCheck check(String id, java.util.function.Function<CheckContext, CheckResult> body) {
    Check check = new Check() {
      @Override public String id() { return id; }
      @Override public String title() { return "fault " + id; }
      @Override public String description() { return "leaves a grandchild"; }
      @Override public CheckResult run(CheckContext context) { return body.apply(context); }
    };
    return new LoadedCheck(id, check.title(), id, "1.0", "tests", check);
  }
}
