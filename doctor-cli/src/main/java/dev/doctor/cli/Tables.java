package dev.doctor.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** A plain left-aligned text table for the listing subcommands. */
final class Tables {

  private final List<String[]> rows = new ArrayList<>();

  Tables(String... header) {
    rows.add(header);
  }

  void row(String... cells) {
    rows.add(cells);
  }

  void print(PrintWriter out) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(row[i]);
        if (i < columns - 1) {
          line.append(" ".repeat(width[i] - row[i].length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }

  static void requireFormat(CommandSpec spec, String format) {
    if (!"console".equals(format) && !"json".equals(format)) {
      throw new ParameterException(spec.commandLine(), "--format must be console or json, not '" + format + "'");
    }
  }

  /** A plugin's text, or a note that it could not be read; listing must not die on one bad plugin. */
  static String safe(Supplier<String> text) {
    try {
      String s = text.get();
      return s == null ? "" : s;
    } catch (RuntimeException | LinkageError e) {
      return "(unavailable: " + e.getClass().getSimpleName() + ")";
    }
  }
}
