package dev.doctor.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code doctor completion bash|zsh}: the shell completion script picocli generates for the whole
 * command tree. The script serves zsh too, through zsh's bashcompinit, so both print the same.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a completion script for bash or zsh.",
      "bash: source <(doctor completion bash)   zsh: source <(doctor completion zsh)   (e.g. in ~/.bashrc or ~/.zshrc)"
    })
final class CompletionCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
  String shell;

  @Override
  public Integer call() {
    String which = shell.toLowerCase(Locale.ROOT);
    if (!which.equals("bash") && !which.equals("zsh")) {
      throw new ParameterException(spec.commandLine(), "completion supports bash and zsh, not '" + shell + "'");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(AutoComplete.bash("doctor", spec.root().commandLine()));
    out.flush();
    return DoctorCommand.OK;
  }
}
