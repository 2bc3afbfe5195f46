package dev.doctor.cli;

import dev.doctor.core.fix.Privileges;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * What the CLI reads from the world besides its arguments, so tests can set it.
 *
 * @param variables environment lookup; returns null for unset
 * @param home the user's home directory
 * @param terminal whether standard input and output are a terminal (the user can be asked)
 * @param doctorHome the distribution directory (holds {@code plugins/}); null when unknown
 * @param input where answers to prompts ({@code doctor --fix}) are read from; never null
 * @param root whether doctor runs as root (fixes that need root are skipped otherwise)
 */
public record Environment(
    Function<String, String> variables, Path home, boolean terminal, Path doctorHome, BufferedReader input, boolean root) {

  public static Environment system() {
    return new Environment(System::getenv, Path.of(System.getProperty("user.home")), System.console() != null, Main.home(),
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), Privileges.isRoot());
  }

  /** A fixed environment, for tests: no input to read, not root. */
  public static Environment of(Map<String, String> variables, Path home, boolean terminal, Path doctorHome) {
    Map<String, String> copy = Map.copyOf(variables);
    return new Environment(copy::get, home, terminal, doctorHome, new BufferedReader(new StringReader("")), false);
  }

  /** This environment answering prompts with the lines of {@code answers}. */
  public Environment withInput(String answers) {
    return new Environment(variables, home, terminal, doctorHome, new BufferedReader(new StringReader(answers)), root);
  }

  /** This environment as root or not. */
  public Environment withRoot(boolean root) {
    return new Environment(variables, home, terminal, doctorHome, input, root);
  }

  String get(String name) {
    return variables.apply(name);
  }
}
