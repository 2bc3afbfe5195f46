package dev.doctor.plugins.configsecrets;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code .env} file read the way dotenv reads it ({@code NAME=value}, optional {@code export},
 * quotes, {@code #} comments), keeping where each value starts. Lines that are neither an
 * assignment nor blank are kept as free text so they can still be scanned. Immutable.
 */
record DotEnv(List<Entry> entries, List<Text> freeText) {

  /** One assignment; {@code column} is where the value starts on {@code line}. */
  record Entry(String name, String value, int line, int column) {
    @Override
    public String toString() {
      return "Entry[" + Redaction.shown(name) + " @" + line + ":" + column + "]";
    }
  }

  /** A comment or an unparsable line. */
  record Text(String text, int line, int column, boolean comment) {
    @Override
    public String toString() {
      return "Text[@" + line + ":" + column + "]";
    }
  }

  private static final Pattern ASSIGNMENT = Pattern.compile("^(\\s*(?:export\\s+)?)([A-Za-z_][A-Za-z0-9_]*)(\\s*=\\s*)(.*)$");

  static DotEnv parse(String text) {
    var entries = new ArrayList<Entry>();
    var free = new ArrayList<Text>();
    String[] lines = text.split("\\r\\n|\\r|\\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n];
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      int lineNumber = n + 1;
      if (trimmed.startsWith("#")) {
        free.add(new Text(trimmed.substring(1), lineNumber, line.indexOf('#') + 2, true));
        continue;
      }
      Matcher m = ASSIGNMENT.matcher(line);
      if (!m.matches()) {
        free.add(new Text(line, lineNumber, 1, false));
        continue;
      }
      String name = m.group(2);
      String raw = m.group(4);
      int column = m.group(1).length() + name.length() + m.group(3).length() + 1;
      String value;
      char first = raw.isEmpty() ? 0 : raw.charAt(0);
      if (first == '"' || first == '\'') {
        var sb = new StringBuilder();
        int close = raw.indexOf(first, 1);
        if (close >= 0) {
          value = raw.substring(1, close);
          String rest = raw.substring(close + 1).strip();
          if (rest.startsWith("#")) {
            free.add(new Text(rest.substring(1), lineNumber, column + close + 2, true));
          }
        } else {
          // A quoted value may run over several lines, up to the closing quote.
          sb.append(raw.substring(1));
          int k = n + 1;
          boolean closed = false;
          while (k < lines.length) {
            String next = lines[k];
            int end = next.indexOf(first);
            sb.append('\n');
            if (end >= 0) {
              sb.append(next, 0, end);
              closed = true;
              break;
            }
            sb.append(next);
            k++;
          }
          value = sb.toString();
          n = closed ? k : lines.length;
        }
      } else {
        int hash = raw.indexOf(" #");
        value = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
        if (hash >= 0) {
          free.add(new Text(raw.substring(hash + 2), lineNumber, column + hash + 2, true));
        }
      }
      entries.add(new Entry(name, value, lineNumber, column));
    }
    return new DotEnv(List.copyOf(entries), List.copyOf(free));
  }

  /** Never shows values: a .env file is full of secrets. */
  @Override
  public String toString() {
    return "DotEnv[" + entries.size() + " entries]";
  }
}
