package dev.doctor.core.run;

import dev.doctor.api.CheckContext;
import dev.doctor.api.CheckReport;
import dev.doctor.api.CheckResult;
import dev.doctor.api.CheckStatus;
import dev.doctor.api.CommandRunner;
import dev.doctor.api.Finding;
import dev.doctor.api.Fix;
import dev.doctor.api.GatewayConfig;
import dev.doctor.api.Platform;
import dev.doctor.api.Remediation;
import dev.doctor.api.Severity;
import dev.doctor.core.plugin.LoadedCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs checks in parallel, at most {@code jobs} at a time, each under its own deadline.
 *
 * <p>Every check gets a fresh daemon thread. A check that overruns is reported as timed out, its
 * thread is interrupted (which ends its commands), and its slot is given to the next check at
 * once: a check that ignores interruption keeps only its own thread, never the run. Results come
 * back sorted by check id whatever order they finish in.
 */
public final class CheckRunner {

  /** Code of the finding for a check that threw or broke its contract. */
  public static final String CRASHED = "doctor.check-crashed";
  /** Code of the finding for a check that overran its deadline. */
  public static final String TIMED_OUT = "doctor.check-timeout";

  /**
   * Told as each check starts and ends, e.g. to show progress. Called on the runner's threads,
   * possibly at once from several: implementations must be thread-safe and quick. What a listener
   * throws is ignored.
   */
  public interface Listener {
    /** A listener that does nothing. */
    Listener NONE = new Listener() {};

    /** {@code check} has been given a slot and starts now. */
    default void started(LoadedCheck check) {}

    /** A check ended (passed, failed, skipped, crashed or timed out) with {@code report}. */
    default void finished(CheckReport report) {}
  }

  private final GatewayConfig config;
  private final CommandRunner commands;
  private final Platform platform;
  private final Function<String, String> environment;
  private final Map<String, String> options;
  private final int jobs;
  private final Duration timeout;

  public CheckRunner(
      GatewayConfig config,
      CommandRunner commands,
      Platform platform,
      Function<String, String> environment,
      Map<String, String> options,
      int jobs,
      Duration timeout) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1");
    }
    this.config = config;
    this.commands = commands;
    this.platform = platform;
    this.environment = environment;
    this.options = Map.copyOf(options);
    this.jobs = jobs;
    this.timeout = timeout;
  }

  /** Runs {@code checks} and returns one report per check, sorted by id. */
  public List<CheckReport> run(List<LoadedCheck> checks) {
    return run(checks, Listener.NONE);
  }

  /** As {@link #run(List)}, telling {@code listener} as each check starts and ends. */
  public List<CheckReport> run(List<LoadedCheck> checks, Listener listener) {
    List<LoadedCheck> ordered = checks.stream().sorted(Comparator.comparing(LoadedCheck::id)).toList();
    Semaphore slots = new Semaphore(jobs);
    ScheduledExecutorService watchdog =
        Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "doctor-watchdog"));
    try {
      List<CompletableFuture<CheckReport>> reports = new ArrayList<>(ordered.size());
      for (LoadedCheck check : ordered) {
        slots.acquireUninterruptibly();
        reports.add(start(check, slots, watchdog, listener));
      }
      return reports.stream().map(CompletableFuture::join).toList();
    } finally {
      watchdog.shutdownNow();
    }
  }

  private CompletableFuture<CheckReport> start(
      LoadedCheck check, Semaphore slots, ScheduledExecutorService watchdog, Listener listener) {
    CompletableFuture<CheckReport> report = new CompletableFuture<>();
    // The future completes exactly once (finished or timed out), so the slot is freed exactly once.
    report.whenComplete((r, e) -> {
      tell(() -> listener.finished(r));
      slots.release();
    });
    tell(() -> listener.started(check));
    long started = System.nanoTime();
    Instant deadline = Instant.now().plus(timeout);
    CheckContext context =
        new HostCheckContext(config, new DeadlineCommandRunner(commands, deadline), platform, environment, options, deadline);
    Thread worker = daemon(() -> report.complete(execute(check, context, started)), "doctor-check-" + check.id());
    worker.start();
    watchdog.schedule(
        () -> {
          if (report.complete(timedOut(check, elapsed(started)))) {
            worker.interrupt();
          }
        },
        timeout.toNanos(),
        TimeUnit.NANOSECONDS);
    return report;
  }

  private static CheckReport execute(LoadedCheck check, CheckContext context, long started) {
    CheckResult result;
    try {
      result = check.check().run(context);
    } catch (Throwable t) { // a plugin's bug, whatever it is, must not end the run
      return crashed(check, t, elapsed(started));
    }
    Duration took = elapsed(started);
    if (result == null) {
      return crashed(check, new NullPointerException("run() returned null"), took);
    }
    if (result instanceof CheckResult.Skipped skipped) {
      return new CheckReport(check.id(), check.pluginId(), check.title(), CheckStatus.SKIPPED, took, skipped.reason(), List.of(), skipped.evidence());
    }
    if (result instanceof CheckResult.Failed failed) {
      List<Finding> findings = failed.findings().stream().map(f -> f.withCheckId(check.id())).toList();
      boolean serious = findings.stream().anyMatch(f -> f.severity().atLeast(Severity.WARNING));
      CheckStatus status = serious ? CheckStatus.FAILED : CheckStatus.PASSED;
      return new CheckReport(check.id(), check.pluginId(), check.title(), status, took, null, findings, failed.evidence());
    }
    return new CheckReport(check.id(), check.pluginId(), check.title(), CheckStatus.PASSED, took, null, List.of(), result.evidence());
  }

  static CheckReport crashed(LoadedCheck check, Throwable t, Duration took) {
    String what = t.getClass().getName() + (t.getMessage() == null ? "" : ": " + firstLine(t.getMessage()));
    Finding finding =
        Finding.builder(CRASHED, Severity.ERROR, "check " + check.id() + " of plugin " + check.pluginId() + " crashed: " + what)
            .evidence("plugin", check.pluginId() + " " + check.pluginVersion())
            .evidence("exception", t.getClass().getName())
            .evidence("at", t.getStackTrace().length > 0 ? t.getStackTrace()[0].toString() : null)
            .remediation(Remediation.of(
                "This is a bug in the plugin, not a problem with this host. Other checks are unaffected. "
                    + "Report it to the plugin's provider (" + check.pluginProvider() + ") with the output of "
                    + "`doctor --debug --only " + check.id() + "`, or remove the plugin's jar from the plugins directory."))
            .build()
            .withCheckId(check.id());
    return new CheckReport(check.id(), check.pluginId(), check.title(), CheckStatus.ERROR, took, null, List.of(finding), Map.of());
  }

  private CheckReport timedOut(LoadedCheck check, Duration took) {
    Finding finding =
        Finding.builder(TIMED_OUT, Severity.WARNING,
                "check " + check.id() + " did not finish within " + seconds(timeout) + "; its result is unknown")
            .evidence("plugin", check.pluginId() + " " + check.pluginVersion())
            .evidence("timeout", seconds(timeout))
            .remediation(Remediation.of(
                "Something the check waits on is slow or hung (often a daemon or a network call). Run it alone "
                    + "with a longer deadline to see whether it finishes, and report it to the plugin's provider if it never does.",
                "doctor --only " + check.id() + " --timeout 60 -v"))
            .build()
            .withCheckId(check.id());
    return new CheckReport(check.id(), check.pluginId(), check.title(), CheckStatus.TIMEOUT, took, null, List.of(finding), Map.of());
  }

  /**
   * What one check offered to repair its findings.
   *
   * @param checkId the check
   * @param fixes what it offers, in its order; empty when it offers nothing or failed to say
   * @param problem why it could not say (it threw, overran its deadline, or broke the contract); null otherwise
   */
  public record Offer(String checkId, List<Fix> fixes, String problem) {
    public Offer {
      fixes = List.copyOf(fixes);
    }
  }

  /**
   * Asks each of {@code checks} for its fixes ({@link dev.doctor.api.Check#fixes}) for its
   * {@code findings}, one at a time, each on a daemon thread of its own under the run's deadline.
   * A check that throws, overruns or returns something malformed offers nothing, with the
   * problem said; no check's failure affects another's offer.
   */
  public List<Offer> offers(List<LoadedCheck> checks, Map<String, List<Finding>> findings) {
    List<Offer> offers = new ArrayList<>();
    for (LoadedCheck check : checks.stream().sorted(Comparator.comparing(LoadedCheck::id)).toList()) {
      List<Finding> own = findings.getOrDefault(check.id(), List.of());
      Instant deadline = Instant.now().plus(timeout);
      CheckContext context =
          new HostCheckContext(config, new DeadlineCommandRunner(commands, deadline), platform, environment, options, deadline);
      CompletableFuture<Offer> offer = new CompletableFuture<>();
      Thread worker = daemon(() -> offer.complete(offer(check, context, own)), "doctor-fixes-" + check.id());
      worker.start();
      try {
        offers.add(offer.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
      } catch (java.util.concurrent.TimeoutException e) {
        worker.interrupt();
        offers.add(new Offer(check.id(), List.of(), "did not say what it can fix within " + seconds(timeout)));
      } catch (InterruptedException e) {
        worker.interrupt();
        Thread.currentThread().interrupt();
        offers.add(new Offer(check.id(), List.of(), "interrupted"));
      } catch (java.util.concurrent.ExecutionException e) {
        offers.add(new Offer(check.id(), List.of(), "failed: " + e.getCause()));
      }
    }
    return offers;
  }

  private static Offer offer(LoadedCheck check, CheckContext context, List<Finding> findings) {
    List<Fix> fixes;
    try {
      fixes = check.check().fixes(context, findings);
    } catch (Throwable t) { // a plugin's bug must not end the run
      return new Offer(check.id(), List.of(), "crashed while planning fixes: " + t.getClass().getName()
          + (t.getMessage() == null ? "" : ": " + firstLine(t.getMessage())));
    }
    if (fixes == null) {
      return new Offer(check.id(), List.of(), "fixes() returned null");
    }
    for (Fix fix : fixes) {
      if (fix == null) {
        return new Offer(check.id(), List.of(), "fixes() returned a null fix");
      }
      if (!fix.id().startsWith(check.id() + ".")) {
        return new Offer(check.id(), List.of(), "fix id " + fix.id() + " does not start with the check id " + check.id() + ".");
      }
    }
    return new Offer(check.id(), fixes, null);
  }

  /** A listener is a convenience for the user; its failure must not cost a check its result. */
  private static void tell(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException ignored) {
      // ignored on purpose, see Listener
    }
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + "s" : (ms / 1000.0) + "s";
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static Duration elapsed(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
