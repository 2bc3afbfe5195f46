package dev.doctor.cli;

import dev.doctor.api.FixReport;
import dev.doctor.core.fix.Repairs;
import dev.doctor.core.report.ConsoleReporter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Asks on the terminal whether to apply each fix ({@code doctor --fix} without {@code --yes}):
 * shows its plan, what it takes and the diff of what it changes, then {@code Apply it? [Y/n]} for a
 * fix that is safe to apply unattended and {@code [y/N]} for any other, so Enter takes the safe
 * answer. Anything but y, yes, n, no or Enter asks again; the end of input answers no to this fix
 * and every later one. Used from one thread.
 */
final class FixPrompts implements Repairs.Confirm {

  private static final String GREEN = "\u001b[32m";
  private static final String RED = "\u001b[31m";
  private static final String CYAN = "\u001b[36m";
  private static final String BOLD = "\u001b[1m";
  private static final String RESET = "\u001b[0m";

  private final PrintWriter out;
  private final BufferedReader in;
  private final boolean color;
  private boolean ended;

  FixPrompts(PrintWriter out, BufferedReader in, boolean color) {
    this.out = out;
    this.in = in;
    this.color = color;
  }

  @Override
  public boolean confirm(FixReport fix) {
    if (ended) {
      return false;
    }
    out.println();
    out.println(paint(BOLD, "Fix " + fix.id()) + " (" + fix.checkId() + "): " + fix.plan());
    out.println("  " + ConsoleReporter.traits(fix));
    if (fix.diff() != null) {
      for (String line : fix.diff().split("\n")) {
        String painted = line.startsWith("+") && !line.startsWith("+++") ? paint(GREEN, line)
            : line.startsWith("-") && !line.startsWith("---") ? paint(RED, line)
            : line.startsWith("@@") ? paint(CYAN, line) : line;
        out.println("  " + painted);
      }
    }
    for (int attempt = 0; attempt < 3; attempt++) {
      out.print("Apply it? " + (fix.unattendedSafe() ? "[Y/n] " : "[y/N] "));
      out.flush();
      String answer;
      try {
        answer = in.readLine();
      } catch (IOException e) {
        answer = null;
      }
      if (answer == null) {
        ended = true;
        out.println();
        out.flush();
        return false;
      }
      switch (answer.strip().toLowerCase(Locale.ROOT)) {
        case "" -> {
          return fix.unattendedSafe();
        }
        case "y", "yes" -> {
          return true;
        }
        case "n", "no" -> {
          return false;
        }
        default -> out.println("Please answer y or n.");
      }
    }
    return false;
  }

  private String paint(String code, String text) {
    return color ? code + text + RESET : text;
  }
}
