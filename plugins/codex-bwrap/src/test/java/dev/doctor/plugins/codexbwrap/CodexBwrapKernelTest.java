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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The check against this machine's kernel, with real processes. To make the kernel refuse a
 * namespace without touching the host, each probe runs inside a user namespace of its own whose
 * namespace limit ({@code /proc/sys/user/max_*_namespaces}) is lowered to 0; those limits are per
 * user namespace, so the host's stay as they are.
 */
class CodexBwrapKernelTest {

  private static final String SANDBOX_OFFLINE = "{ agents: { defaults: { sandbox: { mode: 'all' } } } }";
  private static final String SANDBOX_BRIDGE =
      "{ agents: { defaults: { sandbox: { mode: 'all', docker: { network: 'bridge' } } } } }";
  private static final String USER_LINE = "unshare --user --map-root-user true";
  private static final String NET_LINE = "unshare --user --map-root-user --net true";
  private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(5);

  private static final ProcessCommandRunner HOST = new ProcessCommandRunner();
  private static boolean hostNetworkNamespaces;

  /** Why these tests cannot run here; null when they can. */
  private static String hostUnfit;

  @BeforeAll
  static void examineHost() {
    hostUnfit = unfitReason();
    if (hostUnfit != null) {
      System.out.println("CodexBwrapKernelTest skipped: " + hostUnfit);
    } else {
      hostNetworkNamespaces =
          HOST.run(SETUP_TIMEOUT, "unshare", "--user", "--map-root-user", "--net", "true").succeeded();
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

  private static CheckResult run(String config, CommandRunner runner) {
    return new CodexBwrapCheck().run(TestCheckContext.builder().config(config).runner(runner).build());
  }

  @Test
  void passesOnThisHostWhenItAllowsBothNamespaces() {
    String reason = "this host itself refuses unprivileged network namespaces";
    if (!hostNetworkNamespaces) {
      System.out.println("CodexBwrapKernelTest.passesOnThisHostWhenItAllowsBothNamespaces skipped: " + reason);
    }
    Assumptions.assumeTrue(hostNetworkNamespaces, reason);
    var runner = new Recording(HOST, UnaryOperator.identity());

    CheckResult result = run(SANDBOX_OFFLINE, runner);

    assertInstanceOf(CheckResult.Passed.class, result, CheckResults.describe(result));
    assertEquals(List.of(USER_LINE, NET_LINE), runner.lines());
    assertEquals("exit 0", result.evidence().get("probe.user.result"));
    assertEquals("exit 0", result.evidence().get("probe.network.result"));
  }

  @Test
  void userNamespacesRefusedGiveTheUserFindingAndNoNetworkProbe() {
    var limited = new LimitedNamespaceRunner(HOST, "max_user_namespaces");
    var runner = new Recording(limited, UnaryOperator.identity());

    CheckResult result = run(SANDBOX_OFFLINE, runner);

    assertEquals(List.of(NamespaceFindings.USER_DENIED), CheckResults.codes(result), CheckResults.describe(result));
    assertEquals(List.of(USER_LINE), runner.lines());
    Finding finding = CheckResults.single(result, NamespaceFindings.USER_DENIED);
    assertEquals(Severity.ERROR, finding.severity());
    assertEquals(USER_LINE, finding.evidence().get("probe.command"));
    // unshare's own status for a refused unshare(2); the wrapper uses other codes for its failures.
    assertEquals("exit 1", finding.evidence().get("probe.result"));
    assertTrue(finding.evidence().get("probe.stderr").startsWith("unshare"), finding.evidence().toString());
    assertEquals("unset (egress off)", finding.evidence().get("sandbox.docker.network"));
  }

  @Test
  void networkNamespacesRefusedGiveTheNetworkFindingWhenEgressIsOff() {
    var runner = new Recording(new LimitedNamespaceRunner(HOST, "max_net_namespaces"), UnaryOperator.identity());

    CheckResult result = run(SANDBOX_OFFLINE, runner);

    assertEquals(List.of(NamespaceFindings.NETWORK_DENIED), CheckResults.codes(result), CheckResults.describe(result));
    assertEquals(List.of(USER_LINE, NET_LINE), runner.lines());
    assertEquals("exit 0", result.evidence().get("probe.user.result"));
    Finding finding = CheckResults.single(result, NamespaceFindings.NETWORK_DENIED);
    assertEquals(NET_LINE, finding.evidence().get("probe.command"));
    assertEquals("exit 1", finding.evidence().get("probe.result"));
    assertTrue(finding.evidence().get("probe.stderr").startsWith("unshare"), finding.evidence().toString());
  }

  @Test
  void networkNamespacesRefusedDoNotMatterWhenEgressIsOn() {
    var runner = new Recording(new LimitedNamespaceRunner(HOST, "max_net_namespaces"), UnaryOperator.identity());

    CheckResult result = run(SANDBOX_BRIDGE, runner);

    assertInstanceOf(CheckResult.Passed.class, result, CheckResults.describe(result));
    assertEquals(List.of(USER_LINE), runner.lines());
  }

  @Test
  void unshareMissingFromTheHostRunnerGivesTheMissingWarning() {
    // The real runner's NOT_FOUND, reached by pointing the probe at a program that is not there.
    var runner = new Recording(HOST, argv -> replaceFirst(argv, "/nonexistent/doctor-test/unshare"));

    CheckResult result = run(SANDBOX_OFFLINE, runner);

    assertEquals(List.of(NamespaceFindings.UNSHARE_MISSING), CheckResults.codes(result), CheckResults.describe(result));
    assertEquals(List.of(USER_LINE), runner.lines());
    Finding finding = CheckResults.single(result, NamespaceFindings.UNSHARE_MISSING);
    assertEquals(Severity.WARNING, finding.severity());
    assertEquals(USER_LINE, finding.evidence().get("probe.command"));
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
      // Exit 97 tells a wrapper that could not lower the limit apart from unshare's own refusal (exit 1).
      argv.addAll(
          List.of(
              "unshare", "--user", "--map-root-user",
              "sh", "-c", "echo 0 > /proc/sys/user/" + limit + " || exit 97; exec \"$@\"", "sh"));
      argv.addAll(command.argv());
      return new Command(argv, command.timeout(), command.env(), command.stdin(), command.directory());
    }

    @Override
    public CommandResult run(Command command) {
      CommandResult r = delegate.run(wrap(command));
      return new CommandResult(
          command, r.outcome(), r.exitCode(), r.stdout(), r.stderr(),
          r.stdoutTruncated(), r.stderrTruncated(), r.duration(), r.error());
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

    @Override
    public CommandResult run(Command command) {
      calls.add(command);
      assertEquals(Duration.ofSeconds(5), command.timeout(), command.display());
      Command rewritten =
          new Command(rewrite.apply(command.argv()), command.timeout(), command.env(), command.stdin(), command.directory());
      CommandResult r = delegate.run(rewritten);
      return new CommandResult(
          command, r.outcome(), r.exitCode(), r.stdout(), r.stderr(),
          r.stdoutTruncated(), r.stderrTruncated(), r.duration(), r.error());
    }

    List<String> lines() {
      return calls.stream().map(c -> String.join(" ", c.argv())).toList();
    }
  }
}
