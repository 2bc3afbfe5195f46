package dev.doctor.plugins.codexbwrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.CheckResult;
import dev.doctor.api.Command;
import dev.doctor.api.CommandResult;
import dev.doctor.api.CommandRunner;
import dev.doctor.api.Finding;
import dev.doctor.api.Severity;
import dev.doctor.core.exec.ProcessCommandRunner;
import dev.doctor.testkit.CheckResults;
import dev.doctor.testkit.TestCheckContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The check against this machine's kernel, with real processes and this host's real {@code /proc}
 * and {@code /sys}. To make the kernel refuse a namespace without touching the host, each probe
 * runs inside a user namespace of its own whose namespace limit ({@code
 * /proc/sys/user/max_*_namespaces}) is lowered to 0; those limits are per user namespace, so the
 * host's stay as they are. Each scenario runs twice: with the system bwrap on PATH (skipped, with a
 * printed reason, where there is none) and without, when Codex would use its bundled copy and the
 * check judges by unshare alone.
 */
class CodexBwrapKernelTest {

  private static final String OFFLINE = "{ agents: { defaults: { sandbox: { mode: 'all' } } } }";
  private static final String BRIDGE =
      "{ agents: { defaults: { sandbox: { mode: 'all', docker: { network: 'bridge' } } } } }";
  private static final String NO_BWRAP_PATH = "/nonexistent/doctor-test/bin";
  private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(5);

  private static final ProcessCommandRunner HOST = new ProcessCommandRunner();
  private static boolean hostNetworkNamespaces;
  private static String systemBwrap;

  /** Why these tests cannot run here; null when they can. */
  private static String hostUnfit;

  @BeforeAll
  static void examineHost() {
    hostUnfit = unfitReason();
    if (hostUnfit != null) {
      System.out.println("CodexBwrapKernelTest skipped: " + hostUnfit);
      return;
    }
    hostNetworkNamespaces =
        HOST.run(SETUP_TIMEOUT, "unshare", "--user", "--map-root-user", "--net", "true").succeeded();
    systemBwrap = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .filter(d -> d.startsWith("/"))
        .map(d -> Path.of(d, "bwrap"))
        .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .findFirst()
        .map(Path::toString)
        .orElse(null);
    if (systemBwrap == null) {
      System.out.println("CodexBwrapKernelTest: no bwrap on PATH (install bubblewrap), so the bwrap probes are skipped"
          + " and only the unshare-judged runs take place");
    }
  }

  private static String unfitReason() {
    CommandResult user = HOST.run(SETUP_TIMEOUT, "unshare", "--user", "--map-root-user", "true");
    if (user.outcome() == CommandResult.Outcome.NOT_FOUND) {
      return "unshare is not installed";
    }
    if (!user.succeeded()) {
      return "this host allows no user namespaces (" + user.summary() + ": " + user.firstStderrLine() + ")";
    }
    // The scenarios depend on lowering a limit inside a nested namespace; where /proc/sys is
    // read-only (some containers) that is impossible and the tests would prove nothing.
    CommandResult lowered =
        HOST.run(new LimitedNamespaceRunner(HOST, "max_user_namespaces")
            .wrap(Command.of("cat", "/proc/sys/user/max_user_namespaces").withTimeout(SETUP_TIMEOUT)));
    if (!lowered.succeeded() || !lowered.stdout().strip().equals("0")) {
      return "cannot lower namespace limits in a nested user namespace ("
          + lowered.summary() + ": " + lowered.firstStderrLine() + ")";
    }
    return null;
  }

  @BeforeEach
  void requireFitHost() {
    Assumptions.assumeTrue(hostUnfit == null, hostUnfit);
  }

  /** The PATH for a run: the real one (with the system bwrap) or one without any bwrap. */
  private static String path(boolean withBwrap) {
    if (withBwrap) {
      String reason = "no bwrap on PATH; install bubblewrap (CI does: .ci/run)";
      if (systemBwrap == null) {
        System.out.println("CodexBwrapKernelTest: skipped a run with the system bwrap: " + reason);
      }
      Assumptions.assumeTrue(systemBwrap != null, reason);
      return System.getenv("PATH");
    }
    return NO_BWRAP_PATH;
  }

  private static CheckResult run(String config, String path, CommandRunner runner) {
    return new CodexBwrapCheck().run(
        TestCheckContext.builder().config(config).env("PATH", path).runner(runner).build());
  }

  /** The findings other than the notes on the bwrap itself (missing, or older than 0.9.0). */
  private static List<String> causeCodes(CheckResult result) {
    return CheckResults.codes(result).stream()
        .filter(c -> !c.equals(Cause.BWRAP_MISSING))
        .filter(c -> !(c.equals("codex-bwrap.bwrap-too-old")
            && CheckResults.single(result, c).severity() == Severity.INFO))
        .toList();
  }

  @ParameterizedTest(name = "system bwrap: {0}")
  @ValueSource(booleans = {true, false})
  void passesOnThisHostWhenItAllowsEveryNamespace(boolean withBwrap) {
    String path = path(withBwrap);
    String reason = "this host itself refuses unprivileged network namespaces";
    if (!hostNetworkNamespaces) {
      System.out.println("CodexBwrapKernelTest.passesOnThisHostWhenItAllowsEveryNamespace skipped: " + reason);
    }
    Assumptions.assumeTrue(hostNetworkNamespaces, reason);
    var runner = new Recording(HOST, UnaryOperator.identity());

    CheckResult result = run(OFFLINE, path, runner);

    assertEquals(List.of(), causeCodes(result), CheckResults.describe(result));
    assertEquals("works", result.evidence().get("mode.sandbox"));
    assertEquals("works", result.evidence().get("mode.network-isolated"));
    if (withBwrap) {
      assertEquals(6, runner.lines().size(), runner.lines().toString());
      assertEquals("exit 0", result.evidence().get("probe.bwrap.result"));
      assertEquals("exit 0", result.evidence().get("probe.bwrap-net.result"));
      assertTrue(result.evidence().get("bwrap.version").matches("\\d+\\.\\d+.*"), result.evidence().get("bwrap.version"));
    } else {
      assertEquals(List.of(Cause.BWRAP_MISSING), CheckResults.codes(result));
      assertEquals(List.of(Argv.USER_LINE, Argv.NETWORK_LINE, Argv.MOUNT_LINE), runner.lines());
    }
  }

  @ParameterizedTest(name = "system bwrap: {0}")
  @ValueSource(booleans = {true, false})
  void maxUserNamespacesZeroBreaksEveryMode(boolean withBwrap) {
    String path = path(withBwrap);
    var runner = new Recording(new LimitedNamespaceRunner(HOST, "max_user_namespaces"), UnaryOperator.identity());

    CheckResult result = run(OFFLINE, path, runner);

    assertEquals(List.of("codex-bwrap.namespace-limit-zero"), causeCodes(result), CheckResults.describe(result));
    Finding finding = CheckResults.single(result, "codex-bwrap.namespace-limit-zero");
    assertEquals(Severity.ERROR, finding.severity());
    // The host's own limits are not 0: the check says the limit ran out where the probe ran.
    assertTrue(finding.message().startsWith(
        "Codex's bwrap sandbox cannot start here: the kernel refused a new user namespace (ENOSPC)"), finding.message());
    assertEquals("exit 1", finding.evidence().get("probe.result"));
    assertEquals("limit", finding.evidence().get("probe.symptom"));
    assertTrue(finding.evidence().get("probe.stderr").startsWith(withBwrap ? "bwrap:" : "unshare:"), finding.evidence().toString());
    assertEquals("exit 1", result.evidence().get("probe.user.result"));
  }

  @ParameterizedTest(name = "system bwrap: {0}")
  @ValueSource(booleans = {true, false})
  void maxNetNamespacesZeroBreaksOnlyTheNetworkIsolatedMode(boolean withBwrap) {
    String path = path(withBwrap);
    var runner = new Recording(new LimitedNamespaceRunner(HOST, "max_net_namespaces"), UnaryOperator.identity());

    CheckResult result = run(OFFLINE, path, runner);

    assertEquals(List.of("codex-bwrap.namespace-limit-zero"), causeCodes(result), CheckResults.describe(result));
    Finding finding = CheckResults.single(result, "codex-bwrap.namespace-limit-zero");
    assertTrue(finding.message().startsWith("Codex's network-isolated bwrap sandbox cannot start here (without"
        + " --unshare-net it works): the kernel refused a new net namespace (ENOSPC)"), finding.message());
    assertEquals(withBwrap ? String.join(" ", Probe.BWRAP_NET.argv(systemBwrapReal())) : Argv.NETWORK_LINE,
        finding.evidence().get("probe.command"));
    assertEquals("works", result.evidence().get("mode.sandbox"));
    assertTrue(finding.remediation().text().endsWith(Remedies.networkAlternative()));
  }

  @ParameterizedTest(name = "system bwrap: {0}")
  @ValueSource(booleans = {true, false})
  void maxNetNamespacesZeroDoesNotMatterWhenEgressIsOn(boolean withBwrap) {
    String path = path(withBwrap);
    var runner = new Recording(new LimitedNamespaceRunner(HOST, "max_net_namespaces"), UnaryOperator.identity());

    CheckResult result = run(BRIDGE, path, runner);

    assertEquals(List.of(), causeCodes(result), CheckResults.describe(result));
    assertTrue(runner.lines().stream().noneMatch(l -> l.contains("--net")), runner.lines().toString());
  }

  @ParameterizedTest(name = "system bwrap: {0}")
  @ValueSource(booleans = {true, false})
  void maxMntNamespacesZeroPassesTheSeedProbesAndIsStillCaught(boolean withBwrap) {
    String path = path(withBwrap);
    var runner = new Recording(new LimitedNamespaceRunner(HOST, "max_mnt_namespaces"), UnaryOperator.identity());

    CheckResult result = run(OFFLINE, path, runner);

    // The seed's two probes pass here, which is why it missed this host.
    assertEquals("exit 0", result.evidence().get("probe.user.result"));
    assertEquals("exit 0", result.evidence().get("probe.network.result"));
    assertEquals(List.of("codex-bwrap.namespace-limit-zero"), causeCodes(result), CheckResults.describe(result));
    Finding finding = CheckResults.single(result, "codex-bwrap.namespace-limit-zero");
    assertTrue(finding.message().startsWith(
        "Codex's bwrap sandbox cannot start here: the kernel refused a new mnt namespace (ENOSPC)"), finding.message());
    assertEquals("unshare user exit 0, network exit 0, mount exit 1", finding.evidence().get("narrowing"));
    assertEquals("fails: codex-bwrap.namespace-limit-zero", result.evidence().get("mode.sandbox"));
    assertEquals(withBwrap ? "exit 1" : "not run: no system bwrap", result.evidence().get("probe.bwrap.result"));
  }

  @Test
  void unshareAndBwrapMissingGiveTheMissingWarnings() {
    // The real runner's NOT_FOUND, reached by pointing the probes at a program that is not there.
    var runner = new Recording(HOST, argv -> replaceFirst(argv, "/nonexistent/doctor-test/unshare"));

    CheckResult result = run(OFFLINE, NO_BWRAP_PATH, runner);

    assertEquals(List.of(Cause.BWRAP_MISSING, Cause.UNSHARE_MISSING), CheckResults.codes(result), CheckResults.describe(result));
    Finding finding = CheckResults.single(result, Cause.UNSHARE_MISSING);
    assertEquals(Severity.WARNING, finding.severity());
    assertEquals(Argv.USER_LINE, finding.evidence().get("probe.command"));
    assertEquals("not found: unshare", finding.evidence().get("probe.result"));
  }

  private static String systemBwrapReal() {
    try {
      return Path.of(systemBwrap).toRealPath().toString();
    } catch (java.io.IOException e) {
      return systemBwrap;
    }
  }

  private static List<String> replaceFirst(List<String> argv, String program) {
    var copy = new ArrayList<>(argv);
    copy.set(0, program);
    return copy;
  }

  /**
   * Runs every command inside a fresh user namespace whose {@code /proc/sys/user/<limit>} is 0 and
   * hands back results that name the command as given, so the check cannot tell it is wrapped.
   */
  private static final class LimitedNamespaceRunner implements CommandRunner {
    private final CommandRunner delegate;
    private final String limit;

    LimitedNamespaceRunner(CommandRunner delegate, String limit) {
      this.delegate = delegate;
      this.limit = limit;
    }

    Command wrap(Command command) {
      var argv = new ArrayList<String>();
      // Exit 97 tells a wrapper that could not lower the limit apart from a probe's own refusal (exit 1).
      argv.addAll(
          List.of(
              "unshare", "--user", "--map-root-user",
              "sh", "-c", "echo 0 > /proc/sys/user/" + limit + " || exit 97; exec \"$@\"", "sh"));
      argv.addAll(command.argv());
      return new Command(argv, command.timeout(), command.env(), command.stdin(), command.directory());
    }

    @Override
    public CommandResult run(Command command) {
      return unwrap(command, delegate.run(wrap(command)));
    }

    @Override
    public List<CommandResult> runAll(List<Command> commands) {
      List<CommandResult> results = delegate.runAll(commands.stream().map(this::wrap).toList());
      var unwrapped = new ArrayList<CommandResult>();
      for (int i = 0; i < results.size(); i++) {
        unwrapped.add(unwrap(commands.get(i), results.get(i)));
      }
      return unwrapped;
    }
  }

  /** Records the commands the check asked for, rewriting each argv with {@code rewrite} first. */
  private static final class Recording implements CommandRunner {
    private final CommandRunner delegate;
    private final UnaryOperator<List<String>> rewrite;
    private final List<Command> calls = new CopyOnWriteArrayList<>();

    Recording(CommandRunner delegate, UnaryOperator<List<String>> rewrite) {
      this.delegate = delegate;
      this.rewrite = rewrite;
    }

    private Command rewritten(Command command) {
      calls.add(command);
      assertEquals(Duration.ofSeconds(5), command.timeout(), command.display());
      return new Command(rewrite.apply(command.argv()), command.timeout(), command.env(), command.stdin(), command.directory());
    }

    @Override
    public CommandResult run(Command command) {
      return unwrap(command, delegate.run(rewritten(command)));
    }

    @Override
    public List<CommandResult> runAll(List<Command> commands) {
      List<CommandResult> results = delegate.runAll(commands.stream().map(this::rewritten).toList());
      var unwrapped = new ArrayList<CommandResult>();
      for (int i = 0; i < results.size(); i++) {
        unwrapped.add(unwrap(commands.get(i), results.get(i)));
      }
      return unwrapped;
    }

    List<String> lines() {
      return calls.stream().map(c -> String.join(" ", c.argv())).toList();
    }
  }

  /** {@code r} as if {@code command} itself had run. */
  private static CommandResult unwrap(Command command, CommandResult r) {
    return new CommandResult(
        command, r.outcome(), r.exitCode(), r.stdout(), r.stderr(),
        r.stdoutTruncated(), r.stderrTruncated(), r.duration(), r.error());
  }
}
