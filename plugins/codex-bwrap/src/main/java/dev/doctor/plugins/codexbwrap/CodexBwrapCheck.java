package dev.doctor.plugins.codexbwrap;

import dev.doctor.api.Check;
import dev.doctor.api.CheckContext;
import dev.doctor.api.CheckResult;
import dev.doctor.api.Finding;
import java.util.List;
import org.pf4j.Extension;

/**
 * Checks that the host lets Codex's nested bubblewrap create the user namespace (and, when the
 * Docker sandbox has no egress, the network namespace) that {@code workspace-write} shell
 * commands need. Applies on Linux with the OpenClaw sandbox on. Stateless and thread-safe.
 */
@Extension
public final class CodexBwrapCheck implements Check {

  /** The check id, which is also the plugin id. */
  public static final String ID = "codex-bwrap";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "Codex bubblewrap namespaces";
  }

  @Override
  public String description() {
    return "Probes whether unprivileged user and network namespaces, which Codex's bwrap sandbox"
        + " needs for shell commands, can be created on this host. Applies on Linux when the"
        + " OpenClaw sandbox is on.";
  }

  @Override
  public CheckResult run(CheckContext ctx) {
    Applicability.Decision decision = Applicability.decide(ctx);
    if (decision instanceof Applicability.DoesNotApply skip) {
      return CheckResult.skipped(skip.reason(), skip.evidence());
    }
    SandboxSettings settings = ((Applicability.Applies) decision).settings();

    List<Namespace> needed = settings.namespacesCodexNeeds();
    List<ProbeOutcome> outcomes = new NamespaceProber(ctx.commands()).probe(needed);

    List<Finding> findings =
        outcomes.stream().filter(o -> !o.passed()).map(o -> NamespaceFindings.of(o, settings)).toList();
    return CheckResult.of(findings, RunEvidence.of(settings, needed, outcomes));
  }
}
