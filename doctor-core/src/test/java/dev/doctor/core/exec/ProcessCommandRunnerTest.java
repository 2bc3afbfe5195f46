package dev.doctor.core.exec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.Command;
import dev.doctor.api.CommandResult;
import dev.doctor.api.CommandResult.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCommandRunnerTest {

  private static final int SMALL_CAP = 64 * 1024;

  private final ProcessCommandRunner runner = new ProcessCommandRunner();

  @TempDir Path tmp;

  @Test
  void capturesExitCodeStdoutAndStderr() {
    CommandResult result = runner.run(sh("echo out; echo err >&2; exit 3"));

    assertEquals(Outcome.EXITED, result.outcome());
    assertEquals(3, result.exitCode());
    assertEquals("out\n", result.stdout());
    assertEquals("err\n", result.stderr());
    assertFalse(result.stdoutTruncated());
    assertFalse(result.stderrTruncated());
    assertEquals("", result.error());
    assertFalse(result.succeeded());
  }

  @Test
  void trueSucceeds() {
    CommandResult result = runner.run(Command.of("/bin/true"));

    assertTrue(result.succeeded(), result::toString);
    assertEquals("", result.stdout());
    assertTrue(result.duration().compareTo(Duration.ZERO) > 0);
  }

  @Test
  void deliversStdinAsUtf8() {
    CommandResult result = runner.run(Command.of("cat").withStdin("héllo\nwörld ✓\n"));

    assertEquals(Outcome.EXITED, result.outcome());
    assertEquals("héllo\nwörld ✓\n", result.stdout());
  }

  @Test
  void withoutStdinTheChildSeesEofAtOnce() {
    CommandResult result = runner.run(Command.of("cat").withTimeout(Duration.ofSeconds(5)));

    assertEquals(Outcome.EXITED, result.outcome());
    assertEquals(0, result.exitCode());
    assertEquals("", result.stdout());
    assertTrue(result.duration().toMillis() < 2_000, () -> "took " + result.duration());
  }

  @Test
  void addsEnvToTheInheritedEnvironment() {
    Command command = sh("printf '%s|%s' \"$DOCTOR_FOO\" \"$PATH\"").withEnv("DOCTOR_FOO", "bar baz");

    CommandResult result = runner.run(command);

    assertEquals("bar baz|" + System.getenv("PATH"), result.stdout());
  }

  @Test
  void aCleanEnvironmentHoldsOnlyWhatTheCommandGives() {
    // env(1) prints exactly what it was given (a shell would add a default PATH of its own).
    Command command = Command.of("/usr/bin/env").withEnv("DOCTOR_FOO", "only").withCleanEnvironment();

    CommandResult result = runner.run(command);

    assertEquals("DOCTOR_FOO=only\n", result.stdout());
  }

  @Test
  void stringFormsNeverShowEnvironmentValuesInputOrOutput() {
    Command command = sh("printf s3cr3t-out").withEnv("TOKEN", "s3cr3t-env").withStdin("s3cr3t-in");

    CommandResult result = runner.run(command);

    assertEquals("s3cr3t-out", result.stdout());
    String shown = result.toString();
    assertTrue(shown.contains("TOKEN"), shown);
    for (String secret : new String[] {"s3cr3t-env", "s3cr3t-in"}) {
      assertFalse(command.toString().contains(secret), command.toString());
    }
    assertFalse(shown.contains("s3cr3t-env") || shown.contains("s3cr3t-in") || shown.replace("printf s3cr3t-out", "").contains("s3cr3t-out"), shown);
  }

  @Test
  void honoursWorkingDirectory() throws IOException {
    CommandResult result = runner.run(sh("pwd -P").withDirectory(tmp));

    assertEquals(tmp.toRealPath() + "\n", result.stdout());
  }

  @Test
  void replacesMalformedUtf8() {
    CommandResult result = runner.run(sh("printf 'a\\377b'"));

    assertEquals("a\uFFFDb", result.stdout());
  }

  @Test
  void bareProgramNameNotOnPathIsNotFound() {
    CommandResult result = runner.run(Command.of("doctor-no-such-program-3f9a"));

    assertEquals(Outcome.NOT_FOUND, result.outcome());
    assertEquals(-1, result.exitCode());
    assertFalse(result.error().isBlank());
    assertEquals("", result.stdout());
  }

  @Test
  void absolutePathThatDoesNotExistIsNotFound() {
    CommandResult result = runner.run(Command.of("/no/such/path/doctor-prog"));

    assertEquals(Outcome.NOT_FOUND, result.outcome());
    assertEquals(-1, result.exitCode());
  }

  @Test
  void nonExecutableFileFailsToStart() throws IOException {
    // Even root cannot exec a file without any execute bit.
    Path file = Files.writeString(tmp.resolve("not-executable"), "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(file, Set.of(PosixFilePermission.OWNER_READ));

    CommandResult result = runner.run(Command.of(file.toString()));

    assertEquals(Outcome.FAILED_TO_START, result.outcome());
    assertEquals(-1, result.exitCode());
    assertTrue(result.error().contains("error=13"), result::error);
    assertFalse(result.error().contains("\n"));
  }

  @Test
  void missingWorkingDirectoryFailsToStartRatherThanNotFound() {
    CommandResult result = runner.run(Command.of("/bin/true").withDirectory(tmp.resolve("absent")));

    assertEquals(Outcome.FAILED_TO_START, result.outcome());
    assertTrue(result.error().contains("absent"), result::error);
  }

  @Test
  void timeoutEndsTheWholeProcessTree() throws Exception {
    Path shPid = tmp.resolve("sh.pid");
    Path childPid = tmp.resolve("child.pid");
    Command command =
        sh("echo $$ > '" + shPid + "'; sleep 300 & echo $! > '" + childPid + "'; sleep 300")
            .withTimeout(Duration.ofMillis(300));

    long before = System.nanoTime();
    CommandResult result = runner.run(command);
    long elapsedMillis = (System.nanoTime() - before) / 1_000_000;

    assertEquals(Outcome.TIMED_OUT, result.outcome());
    assertEquals(-1, result.exitCode());
    assertTrue(elapsedMillis < 5_000, "took " + elapsedMillis + " ms");
    assertGone(readPid(shPid));
    assertGone(readPid(childPid));
  }

  @Test
  void aChildThatIgnoresTermIsKilledAfterTheGrace() throws Exception {
    Path shPid = tmp.resolve("sh.pid");
    Path childPid = tmp.resolve("child.pid");
    Command command =
        sh("trap '' TERM; echo $$ > '" + shPid + "'; sleep 300 & echo $! > '" + childPid + "'; wait")
            .withTimeout(Duration.ofMillis(300));

    long before = System.nanoTime();
    CommandResult result = new ProcessCommandRunner(SMALL_CAP, Duration.ofMillis(200)).run(command);
    long elapsedMillis = (System.nanoTime() - before) / 1_000_000;

    assertEquals(Outcome.TIMED_OUT, result.outcome());
    assertTrue(elapsedMillis < 5_000, "took " + elapsedMillis + " ms");
    assertGone(readPid(shPid));
    assertGone(readPid(childPid));
  }

  @Test
  void floodedStdoutIsCappedAndStillCompletes() {
    CommandResult result =
        new ProcessCommandRunner(SMALL_CAP, ProcessCommandRunner.DEFAULT_GRACE)
            .run(sh("head -c 20000000 /dev/zero").withTimeout(Duration.ofSeconds(10)));

    assertEquals(Outcome.EXITED, result.outcome());
    assertEquals(0, result.exitCode());
    assertEquals(SMALL_CAP, result.stdout().length());
    assertTrue(result.stdoutTruncated());
    assertFalse(result.stderrTruncated());
  }

  @Test
  void floodedStderrIsCappedAndStillCompletes() {
    CommandResult result =
        new ProcessCommandRunner(SMALL_CAP, ProcessCommandRunner.DEFAULT_GRACE)
            .run(sh("yes | head -c 5000000 >&2").withTimeout(Duration.ofSeconds(10)));

    assertEquals(Outcome.EXITED, result.outcome());
    assertEquals(0, result.exitCode());
    assertEquals(SMALL_CAP, result.stderr().length());
    assertTrue(result.stderr().startsWith("y\ny\n"));
    assertTrue(result.stderrTruncated());
    assertEquals("", result.stdout());
    assertFalse(result.stdoutTruncated());
  }

  @Test
  void outputOfExactlyTheCapIsNotTruncated() {
    CommandResult result =
        new ProcessCommandRunner(SMALL_CAP, ProcessCommandRunner.DEFAULT_GRACE)
            .run(sh("head -c " + SMALL_CAP + " /dev/zero"));

    assertEquals(SMALL_CAP, result.stdout().length());
    assertFalse(result.stdoutTruncated());
  }

  @Test
  void aGrandchildHoldingStdoutOpenDoesNotHoldUpTheCaller() throws Exception {
    Path childPid = tmp.resolve("child.pid");
    Command command =
        sh("sleep 30 & echo $! > '" + childPid + "'; echo done").withTimeout(Duration.ofSeconds(2));
    try {
      long before = System.nanoTime();
      CommandResult result = runner.run(command);
      long elapsedMillis = (System.nanoTime() - before) / 1_000_000;

      assertEquals(Outcome.EXITED, result.outcome());
      assertEquals(0, result.exitCode());
      assertEquals("done\n", result.stdout());
      assertTrue(elapsedMillis < 3_500, "took " + elapsedMillis + " ms");
    } finally {
      ProcessHandle.of(readPid(childPid)).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void interruptingTheCallerEndsTheProcessAndKeepsTheFlag() throws Exception {
    Path pidFile = tmp.resolve("sleep.pid");
    Command command =
        sh("echo $$ > '" + pidFile + "'; exec sleep 300").withTimeout(Duration.ofSeconds(60));
    AtomicReference<CommandResult> result = new AtomicReference<>();
    AtomicBoolean flagAfter = new AtomicBoolean();
    Thread caller =
        new Thread(
            () -> {
              result.set(runner.run(command));
              flagAfter.set(Thread.currentThread().isInterrupted());
            },
            "test-caller");
    caller.setDaemon(true);
    caller.start();

    long pid = readPid(pidFile);
    Thread.sleep(200);
    // Readers of a command that may be abandoned must not keep the JVM alive.
    Set<String> readerNames = Set.of("doctor-exec-out-" + pid, "doctor-exec-err-" + pid);
    List<Thread> readers =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> readerNames.contains(t.getName()))
            .toList();
    assertEquals(2, readers.size(), () -> "reader threads: " + readers);
    assertTrue(readers.stream().allMatch(Thread::isDaemon), () -> "non-daemon: " + readers);
    long interruptedAt = System.nanoTime();
    caller.interrupt();
    caller.join(5_000);
    long elapsedMillis = (System.nanoTime() - interruptedAt) / 1_000_000;

    assertFalse(caller.isAlive(), "run() did not return after the interrupt");
    assertNotNull(result.get());
    assertEquals(Outcome.TIMED_OUT, result.get().outcome());
    assertEquals(-1, result.get().exitCode());
    assertTrue(flagAfter.get(), "interrupt flag was not set again");
    assertTrue(elapsedMillis < 2_000, "took " + elapsedMillis + " ms");
    assertGone(pid);
  }

  @Test
  void runAllStartsEverythingAtOnceAndKeepsInputOrder() {
    // Later commands finish first, so input order cannot come from completion order.
    List<Command> commands =
        List.of(sh("sleep 1; echo 1"), sh("sleep 0.8; echo 2"), sh("sleep 0.6; echo 3"));

    long before = System.nanoTime();
    List<CommandResult> results = runner.runAll(commands);
    long elapsedMillis = (System.nanoTime() - before) / 1_000_000;

    assertEquals(3, results.size());
    for (int i = 0; i < 3; i++) {
      assertSame(commands.get(i), results.get(i).command());
      assertEquals(Outcome.EXITED, results.get(i).outcome());
      assertEquals((i + 1) + "\n", results.get(i).stdout());
    }
    // One after another would take 2.4 s.
    assertTrue(elapsedMillis < 2_000, "took " + elapsedMillis + " ms");
  }

  @Test
  void runAllOfNothingIsEmpty() {
    assertEquals(List.of(), runner.runAll(List.of()));
  }

  private static Command sh(String script) {
    return Command.of("sh", "-c", script);
  }

  /** Waits for a script to write its pid, since it may still be starting. */
  private static long readPid(Path file) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (true) {
      String text = Files.exists(file) ? Files.readString(file).strip() : "";
      if (!text.isEmpty()) {
        return Long.parseLong(text);
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("no pid written to " + file);
      }
      Thread.sleep(10);
    }
  }

  private static void assertGone(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (running(pid)) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("process " + pid + " is still running");
      }
      Thread.sleep(20);
    }
  }

  /** A zombie counts as gone: where PID 1 does not reap orphans, one lingers after it is killed. */
  private static boolean running(long pid) {
    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), UTF_8);
        return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
      } catch (NoSuchFileException e) {
        return false;
      } catch (IOException e) {
        return true;
      }
    }
    return false;
  }
}
