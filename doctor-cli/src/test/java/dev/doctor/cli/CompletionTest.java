package dev.doctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.core.testing.Programs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor completion}: the script is sourced by a real shell and asked to complete. */
class CompletionTest {

  @TempDir Path dir;

  private String script(String shell) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), Environment.of(Map.of(), dir, false, null), "completion", shell);
    assertEquals(0, code, err.toString());
    return out.toString();
  }

  /** What bash offers for {@code words} with the cursor on the last word, as the completion function fills COMPREPLY. */
  private String complete(String... words) throws IOException, InterruptedException {
    Path script = Files.writeString(dir.resolve("doctor.bash"), script("bash"));
    StringBuilder array = new StringBuilder();
    for (String w : words) {
      array.append('\'').append(w).append("' ");
    }
    String line = String.join(" ", words);
    String program = "source " + script + "\n"
        + "COMP_WORDS=(" + array + ")\n"
        + "COMP_CWORD=" + (words.length - 1) + "\n"
        + "COMP_LINE='" + line + "'\n"
        + "COMP_POINT=" + line.length() + "\n"
        + "_complete_doctor doctor '" + words[words.length - 1] + "' '" + words[words.length - 2] + "' 2>/dev/null\n"
        + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    return shell("bash", "-c", program);
  }

  private String shell(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the shell did not finish");
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), output);
    return output;
  }

  @Test
  void bashCompletesOptionsTheirValuesAndSubcommands() throws Exception {
    Programs.require("the completion script is for bash", "bash");
    assertEquals(List.of("--format"), complete("doctor", "--fo").lines().toList());
    assertEquals(List.of("console", "json", "sarif", "junit", "markdown", "prometheus"), complete("doctor", "--format", "").lines().toList());
    assertTrue(complete("doctor", "--re").lines().toList().contains("--report"));
    assertEquals(List.of("explain"), complete("doctor", "exp").lines().toList());
    assertTrue(complete("doctor", "explain", "--").lines().toList().contains("--list"));
  }

  @Test
  void zshLoadsTheSameScriptThroughBashcompinit() throws Exception {
    assertEquals(script("bash"), script("zsh"));
    Programs.require("Debian package zsh", "zsh");
    Path script = Files.writeString(dir.resolve("doctor.zsh"), script("zsh"));
    String out = shell("zsh", "-f", "-c", "autoload -U compinit && compinit -u -D; source " + script + " && print -r -- ${_comps[doctor]}");
    assertTrue(out.contains("-F _complete_doctor"), "zsh completes doctor with the script's function: " + out);
  }

  @Test
  void anotherShellIsBadUsage() {
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), Environment.of(Map.of(), dir, false, null), "completion", "fish");
    assertEquals(2, code);
    assertTrue(err.toString().contains("completion supports bash and zsh, not 'fish'"), err.toString());
  }
}
