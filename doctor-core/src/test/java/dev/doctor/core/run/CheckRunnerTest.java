package dev.doctor.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.Check;
import dev.doctor.api.CheckContext;
import dev.doctor.api.CheckReport;
import dev.doctor.api.CheckResult;
import dev.doctor.api.CheckStatus;
import dev.doctor.api.CommandResult;
import dev.doctor.api.ConfigNode;
import dev.doctor.api.Finding;
import dev.doctor.api.GatewayConfig;
import dev.doctor.api.Platform;
import dev.doctor.api.Severity;
import dev.doctor.core.plugin.LoadedCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CheckRunnerTest {

  private static final GatewayConfig CONFIG = new GatewayConfig(
      Path.of("/none/openclaw.json"), Path.of("/none"), GatewayConfig.Status.MISSING, ConfigNode.emptyRoot(Path.of("/none/openclaw.json")));
  private static final Platform LINUX = new Platform(Platform.Os.LINUX, "amd64", "6.0");

  private static CheckRunner runner(int jobs, Duration timeout) {
    return new CheckRunner(CONFIG, c -> { throw new AssertionError("no commands here"); }, LINUX, n -> null, Map.of(), jobs, timeout);
  }

  private static LoadedCheck check(String id, Function<CheckContext, CheckResult> body) {
    Check check = new Check() {
      @Override public String id() { return id; }
      @Override public String title() { return "title of " + id; }
      @Override public String description() { return "test check"; }
      @Override public CheckResult run(CheckContext context) { return body.apply(context); }
    };
    return new LoadedCheck(id, check.title(), id.split("/")[0], "1.0", "tests", check);
  }

  @Test
  void crashingAndHungChecksBecomeFindingsWhileOthersReportOnTime() {
    CountDownLatch never = new CountDownLatch(1);
    List<LoadedCheck> checks = List.of(
        check("ok", ctx -> CheckResult.passed()),
        check("crash", ctx -> { throw new IllegalStateException("boom"); }),
        check("hang", ctx -> {
          // Ignores interruption on purpose: the runner must not wait for it.
          while (true) {
            try {
              never.await();
            } catch (InterruptedException ignored) {
              // keep hanging
            }
          }
        }),
        check("overflow", ctx -> { throw new StackOverflowError(); }),
        check("warn", ctx -> CheckResult.findings(Finding.builder("warn.thing", Severity.WARNING, "a warning").build())));

    long start = System.nanoTime();
    List<CheckReport> reports = runner(2, Duration.ofMillis(500)).run(checks);
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertTrue(elapsedMs < 3000, "run took " + elapsedMs + " ms");
    assertEquals(List.of("crash", "hang", "ok", "overflow", "warn"), reports.stream().map(CheckReport::id).toList());
    CheckReport crash = reports.get(0);
    assertEquals(CheckStatus.ERROR, crash.status());
    assertEquals(CheckRunner.CRASHED, crash.findings().get(0).code());
    assertEquals("crash", crash.findings().get(0).checkId());
    assertTrue(crash.findings().get(0).message().contains("IllegalStateException: boom"), crash.findings().get(0).message());
    CheckReport hang = reports.get(1);
    assertEquals(CheckStatus.TIMEOUT, hang.status());
    assertEquals(CheckRunner.TIMED_OUT, hang.findings().get(0).code());
    assertEquals(CheckStatus.PASSED, reports.get(2).status());
    assertEquals(CheckStatus.ERROR, reports.get(3).status());
    assertEquals(CheckStatus.FAILED, reports.get(4).status());
    assertEquals("warn", reports.get(4).findings().get(0).checkId());
  }

  @Test
  void aHungCheckGivesItsSlotBackSoLaterChecksStillRun() {
    List<LoadedCheck> checks = new ArrayList<>();
    checks.add(check("a-hang", ctx -> { sleepUninterruptibly(60_000); return CheckResult.passed(); }));
    for (int i = 0; i < 5; i++) {
      checks.add(check("b" + i, ctx -> CheckResult.passed()));
    }
    long start = System.nanoTime();
    List<CheckReport> reports = runner(1, Duration.ofMillis(300)).run(checks);
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(elapsedMs < 3000, "run took " + elapsedMs + " ms");
    assertEquals(CheckStatus.TIMEOUT, reports.get(0).status());
    reports.subList(1, reports.size()).forEach(r -> assertEquals(CheckStatus.PASSED, r.status(), r.id()));
  }

  @Test
  void noMoreThanJobsChecksRunAtOnce() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    List<LoadedCheck> checks = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      checks.add(check("c" + i, ctx -> {
        peak.accumulateAndGet(running.incrementAndGet(), Math::max);
        sleepUninterruptibly(50);
        running.decrementAndGet();
        return CheckResult.passed();
      }));
    }
    runner(3, Duration.ofSeconds(5)).run(checks);
    assertTrue(peak.get() <= 3, "peak " + peak.get());
    assertTrue(peak.get() >= 2, "checks should overlap, peak " + peak.get());
  }

  @Test
  void skippedAndInfoOnlyResultsMapToTheirStatuses() {
    List<CheckReport> reports = runner(2, Duration.ofSeconds(5)).run(List.of(
        check("info", ctx -> CheckResult.findings(Finding.builder("info.note", Severity.INFO, "fyi").build())),
        check("skip", ctx -> CheckResult.skipped("not here")),
        check("null", ctx -> null)));
    assertEquals(CheckStatus.PASSED, reports.get(0).status());
    assertEquals(1, reports.get(0).findings().size());
    assertEquals(CheckStatus.ERROR, reports.get(1).status());
    assertEquals(CheckStatus.SKIPPED, reports.get(2).status());
    assertEquals("not here", reports.get(2).reason());
  }

  @Test
  void commandsAreCutToTheCheckDeadline() {
    List<Duration> seen = new ArrayList<>();
    CheckRunner runner = new CheckRunner(CONFIG, c -> {
      seen.add(c.timeout());
      return new CommandResult(c, CommandResult.Outcome.EXITED, 0, "", "", false, false, Duration.ZERO, "");
    }, LINUX, n -> null, Map.of(), 1, Duration.ofSeconds(2));
    runner.run(List.of(check("cmd", ctx -> {
      ctx.commands().run(Duration.ofMinutes(5), "true");
      return CheckResult.passed();
    })));
    assertEquals(1, seen.size());
    assertTrue(seen.get(0).compareTo(Duration.ofSeconds(2)) <= 0, "timeout " + seen.get(0));
  }

  @Test
  void theListenerHearsEveryStartAndEndAndCannotBreakTheRun() {
    List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
    CheckRunner.Listener listener = new CheckRunner.Listener() {
      @Override public void started(LoadedCheck check) {
        events.add("start " + check.id());
        throw new IllegalStateException("a broken progress display");
      }
      @Override public void finished(CheckReport report) {
        events.add("end " + report.id() + " " + report.status().id());
        throw new IllegalStateException("a broken progress display");
      }
    };
    List<CheckReport> reports = runner(1, Duration.ofMillis(300)).run(List.of(
        check("a", ctx -> CheckResult.passed()),
        check("b", ctx -> {
          sleepUninterruptibly(2000);
          return CheckResult.passed();
        })), listener);
    assertEquals(2, reports.size());
    assertEquals(CheckStatus.TIMEOUT, reports.get(1).status());
    assertEquals(List.of("start a", "end a passed", "start b", "end b timeout"), events);
  }

  private static void sleepUninterruptibly(long ms) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
    while (System.nanoTime() < end) {
      try {
        Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
      } catch (InterruptedException ignored) {
        // on purpose
      }
    }
  }
}
