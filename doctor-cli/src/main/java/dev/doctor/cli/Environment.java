package dev.doctor.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * What the CLI reads from the world besides its arguments, so tests can set it.
 *
 * @param variables environment lookup; returns null for unset
 * @param home the user's home directory
 * @param terminal whether standard output is a terminal
 * @param doctorHome the distribution directory (holds {@code plugins/}); null when unknown
 */
public record Environment(Function<String, String> variables, Path home, boolean terminal, Path doctorHome) {

  public static Environment system() {
    return new Environment(System::getenv, Path.of(System.getProperty("user.home")), System.console() != null, Main.home());
  }

  /** A fixed environment, for tests. */
  public static Environment of(Map<String, String> variables, Path home, boolean terminal, Path doctorHome) {
    Map<String, String> copy = Map.copyOf(variables);
    return new Environment(copy::get, home, terminal, doctorHome);
  }

  String get(String name) {
    return variables.apply(name);
  }
}
