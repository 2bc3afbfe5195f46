package dev.doctor.cli;

import dev.doctor.api.FixReport;
import dev.doctor.api.Report;
import dev.doctor.core.exec.ProcessCommandRunner;
import dev.doctor.core.fix.Repairs;
import dev.doctor.core.run.CheckRunner;
import dev.doctor.core.run.DoctorRun;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;

/**
 * {@code --dry-run} and {@code --fix}: asks the checks what they can repair, shows or asks, applies
 * what was accepted, runs the checks it touched again, and returns the report as it stands then.
 * {@link Repairs} does the work; this is the conversation around it.
 */
final class RepairFlow {

  /**
   * What the command line asked for.
   *
   * @param dryRun {@code --dry-run}: show, change nothing
   * @param fix {@code --fix}: apply, asking for each on a terminal
   * @param yes {@code --yes}: apply without asking
   * @param named the {@code --fix-only} ids; empty for every fix offered
   */
  record Options(boolean dryRun, boolean fix, boolean yes, Set<String> named) {}

  private final Environment environment;
  private final Options options;
  private final PrintWriter talk;
  private final PrintWriter err;
  private final boolean useColor;
  private final boolean live;
  private final CheckOutput checks;

  /**
   * @param talk where prompts go: where the console report goes, else standard error
   * @param live whether step progress may be drawn on standard error (a terminal, no --debug)
   * @param checks how checks are run and shown when the fixed ones run again
   */
  RepairFlow(Environment environment, Options options, PrintWriter talk, PrintWriter err, boolean useColor, boolean live,
      CheckOutput checks) {
    this.environment = environment;
    this.options = options;
    this.talk = talk;
    this.err = err;
    this.useColor = useColor;
    this.live = live;
    this.checks = checks;
  }

  Report run(DoctorRun run, DoctorRun.Request request, Report before) {
    List<CheckRunner.Offer> offers = checks.quietly(() -> run.offers(request, before));
    try (StepProgress steps = live ? new StepProgress(err, Progress.width(environment)) : null) {
      Repairs repairs = new Repairs(new ProcessCommandRunner(), environment.root(), steps == null ? Repairs.Listener.NONE : steps);
      List<FixReport> planned = repairs.plan(offers, options.named());
      repairs.problems().forEach(p -> err.println("doctor: " + p.replaceFirst(": ", " could not offer fixes: ")));
      if (planned.isEmpty() && options.named().isEmpty() && !before.findings().isEmpty()) {
        err.println("doctor: no check offers a fix for these findings; each finding says how to fix it by hand");
      }
      for (String id : options.named()) {
        if (planned.stream().noneMatch(f -> f.id().equals(id))) {
          err.println("doctor: no check offered the fix " + id + " in this run (doctor --dry-run lists what is offered)");
        }
      }
      boolean ask = options.fix() && !options.yes() && environment.terminal();
      FixPrompts prompts = ask ? new FixPrompts(talk, environment.input(), useColor) : null;
      List<FixReport> decided = repairs.decide(options.dryRun(), options.yes(), prompts);
      long unconfirmed = decided.stream().filter(f -> f.status() == FixReport.Status.PLANNED && f.reason() != null).count();
      if (options.fix() && unconfirmed > 0) {
        err.println("doctor: " + unconfirmed + (unconfirmed == 1 ? " fix was" : " fixes were") + " not applied: standard input is not"
            + " a terminal to ask on; run again with --fix --yes to apply " + (unconfirmed == 1 ? "it" : "them")
            + " (doctor --dry-run shows what they change)");
      }
      err.flush();
      if (options.dryRun()) {
        return before.withFixes(decided);
      }
      Set<String> again = repairs.apply();
      if (again.isEmpty()) {
        return before.withFixes(repairs.reports());
      }
      Report after = checks.run(listener -> run.rerun(request, before, again, listener));
      return after.withFixes(repairs.verdicts(before, after));
    }
  }
}
