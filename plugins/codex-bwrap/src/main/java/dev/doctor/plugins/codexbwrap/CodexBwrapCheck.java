package dev.doctor.plugins.codexbwrap;

import dev.doctor.api.Check;
import dev.doctor.api.CheckContext;
import dev.doctor.api.CheckResult;
import dev.doctor.api.ConfigNode;
import dev.doctor.api.Finding;
import dev.doctor.api.Fix;
import dev.doctor.api.GatewayConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Checks that Codex's bubblewrap sandbox can start on this host the way Codex starts it, with and
 * without network isolation as the config asks; when it cannot, names the one primary cause
 * (AppArmor, a sysctl, a namespace limit, a container or outer sandbox, WSL1, gVisor, an old
 * bwrap) and the least-privilege repair. Applies on Linux when the OpenClaw sandbox or the Codex
 * harness runs Codex under bwrap. Stateless and thread-safe.
 */
@Extension
public final class CodexBwrapCheck implements Check {

  /** The check id, which is also the plugin id. */
  public static final String ID = "codex-bwrap";

  private final HostFiles files;

  /** The production check: reads {@code /proc}, {@code /sys} and {@code /etc} of this host. */
  public CodexBwrapCheck() {
    this(Path.of("/"));
  }

  /** For tests: reads host files below {@code root}, a fixture tree, instead of {@code /}. */
  CodexBwrapCheck(Path root) {
    this.files = new HostFiles(Objects.requireNonNull(root, "root"));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "Codex bubblewrap sandbox";
  }

  @Override
  public String description() {
    return "Starts bwrap the way Codex's sandbox does (with network isolation when the config asks for it) and,"
        + " if the host refuses, names the cause and the least-privilege repair. Applies on Linux when the OpenClaw"
        + " sandbox or the Codex harness runs Codex under bwrap.";
  }

  @Override
  public CheckResult run(CheckContext ctx) {
    Applicability.Decision decision = Applicability.decide(ctx);
    if (decision instanceof Applicability.DoesNotApply skip) {
      return CheckResult.skipped(skip.reason(), skip.evidence());
    }
    Applicability.Applies applies = (Applicability.Applies) decision;

    HostFacts facts = HostFacts.read(files);
    BwrapLocator.Lookup lookup = BwrapLocator.find(
        files, ctx.env("PATH").orElse(""), workspaces(ctx), applies.overrides().bwrapPath());
    AppArmorProfiles profiles = AppArmorProfiles.scan(files, lookup.binary().map(BwrapBinary::realPath).orElse(null));
    List<Probe> plan = Probes.plan(lookup.binary().isPresent(), applies.isolatesNetwork());
    Probes probes = Probes.run(ctx.commands(), plan, lookup.binary());

    Survey survey = new Survey(applies, facts, lookup, profiles, probes);
    Verdict verdict = Verdict.judge(survey);
    Map<String, String> evidence = RunEvidence.of(survey, verdict);
    return CheckResult.of(Findings.of(survey, verdict), evidence);
  }

  /**
   * Installs the AppArmor profile the finding suggests (root only), and the host-wide sysctl
   * fallbacks only when they are named ({@code --fix-only}); see {@link HostFixes}. The check runs
   * again afterwards, so the probes say whether bwrap now starts.
   */
  @Override
  public List<Fix> fixes(CheckContext context, List<Finding> findings) {
    return HostFixes.of(files, findings);
  }

  /**
   * The directories Codex's bwrap may not come from: the gateway workspaces and working directories
   * (Codex skips a {@code bwrap} under the directory it runs in, which an agent could have written).
   */
  static List<String> workspaces(CheckContext ctx) {
    GatewayConfig config = ctx.config();
    Optional<String> home = ctx.env("HOME");
    var dirs = new ArrayList<String>();
    ConfigNode defaultWorkspace = config.at("agents.defaults.workspace");
    if (defaultWorkspace.isString()) {
      dirs.add(defaultWorkspace.text());
    } else {
      dirs.add(ctx.env("OPENCLAW_WORKSPACE_DIR").orElse(config.stateDir().resolve("workspace").toString()));
    }
    dirs.add(config.at("agents.defaults.cwd").text(""));
    for (ConfigNode agent : config.at("agents.entries").fields().values()) {
      dirs.add(agent.get("workspace").text(""));
      dirs.add(agent.get("cwd").text(""));
    }
    var absolute = new ArrayList<String>();
    for (String dir : dirs) {
      String d = dir.trim();
      if (d.equals("~") || d.startsWith("~/")) {
        if (home.isEmpty()) {
          continue;
        }
        d = home.get() + d.substring(1);
      }
      if (d.startsWith("/") && !d.equals("/")) {
        absolute.add(d);
      }
    }
    return absolute;
  }
}
