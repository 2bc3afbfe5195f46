package dev.doctor.core.fix;

import java.util.ArrayList;
import java.util.List;

/**
 * Line diffs in the unified format ({@code diff -u}, three lines of context). Lines the two texts
 * share at the start and end are matched directly; the middle, which for a one-value edit is a
 * line or two, by a longest-common-subsequence table, or replaced whole when it is too large for
 * one. Stateless and thread-safe.
 */
public final class UnifiedDiff {

  private static final int CONTEXT = 3;
  /** Cells of the LCS table beyond which the middle is shown as removed and added whole. */
  private static final long MAX_TABLE = 4_000_000;
  private static final String NO_NEWLINE = "\\ No newline at end of file";

  private enum Op {
    SAME,
    DELETE,
    INSERT
  }

  private record Edit(Op op, int a, int b) {}

  private UnifiedDiff() {}

  /**
   * The diff from {@code before} to {@code after}, with {@code --- oldName} and {@code +++ newName}
   * headers; empty when the texts are equal. Every line ends with {@code \n}.
   */
  public static String of(String oldName, String newName, String before, String after) {
    if (before.equals(after)) {
      return "";
    }
    List<String> a = lines(before);
    List<String> b = lines(after);
    List<Edit> script = script(a, b);
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
    int i = 0;
    while (i < script.size()) {
      if (script.get(i).op() == Op.SAME) {
        i++;
        continue;
      }
      int start = Math.max(0, i - CONTEXT);
      int end = i;
      // Extend the hunk while the next change is within two contexts of the last one.
      int lastChange = i;
      while (end < script.size()) {
        if (script.get(end).op() != Op.SAME) {
          lastChange = end;
        } else if (end - lastChange > 2 * CONTEXT) {
          break;
        }
        end++;
      }
      end = Math.min(script.size(), lastChange + CONTEXT + 1);
      hunk(out, script.subList(start, end), a, b);
      i = end;
    }
    return out.toString();
  }

  private static void hunk(StringBuilder out, List<Edit> edits, List<String> a, List<String> b) {
    int aStart = -1;
    int bStart = -1;
    int aCount = 0;
    int bCount = 0;
    for (Edit e : edits) {
      if (e.op() != Op.INSERT) {
        aStart = aStart < 0 ? e.a() : aStart;
        aCount++;
      }
      if (e.op() != Op.DELETE) {
        bStart = bStart < 0 ? e.b() : bStart;
        bCount++;
      }
    }
    // An empty side is named by the line before it, as diff does.
    if (aStart < 0) {
      aStart = edits.get(0).a();
    }
    if (bStart < 0) {
      bStart = edits.get(0).b();
    }
    out.append("@@ -").append(range(aStart, aCount)).append(" +").append(range(bStart, bCount)).append(" @@\n");
    for (Edit e : edits) {
      String line = e.op() == Op.INSERT ? b.get(e.b()) : a.get(e.a());
      out.append(e.op() == Op.SAME ? ' ' : e.op() == Op.DELETE ? '-' : '+').append(strip(line)).append('\n');
      boolean last = e.op() == Op.INSERT ? e.b() == b.size() - 1 : e.a() == a.size() - 1;
      if (last && !line.endsWith("\n")) {
        out.append(NO_NEWLINE).append('\n');
      }
    }
  }

  private static String range(int start, int count) {
    int shown = count == 0 ? start : start + 1;
    return count == 1 ? String.valueOf(shown) : shown + "," + count;
  }

  private static String strip(String line) {
    if (line.endsWith("\r\n")) {
      return line.substring(0, line.length() - 2);
    }
    return line.endsWith("\n") || line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  /** The text's lines, each with its line break (LF, CRLF or CR) when it has one. */
  static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        lines.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }

  /** The edit script turning {@code a} into {@code b}, every line of both in order. */
  private static List<Edit> script(List<String> a, List<String> b) {
    int prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix
        && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
      suffix++;
    }
    List<Edit> script = new ArrayList<>();
    for (int i = 0; i < prefix; i++) {
      script.add(new Edit(Op.SAME, i, i));
    }
    int aEnd = a.size() - suffix;
    int bEnd = b.size() - suffix;
    middle(a, b, prefix, aEnd, prefix, bEnd, script);
    for (int k = 0; k < suffix; k++) {
      script.add(new Edit(Op.SAME, aEnd + k, bEnd + k));
    }
    return script;
  }

  private static void middle(List<String> a, List<String> b, int a0, int a1, int b0, int b1, List<Edit> script) {
    int n = a1 - a0;
    int m = b1 - b0;
    if ((long) n * m > MAX_TABLE) {
      for (int i = a0; i < a1; i++) {
        script.add(new Edit(Op.DELETE, i, b0));
      }
      for (int j = b0; j < b1; j++) {
        script.add(new Edit(Op.INSERT, a1, j));
      }
      return;
    }
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] = a.get(a0 + i).equals(b.get(b0 + j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(a0 + i).equals(b.get(b0 + j))) {
        script.add(new Edit(Op.SAME, a0 + i, b0 + j));
        i++;
        j++;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        script.add(new Edit(Op.DELETE, a0 + i, b0 + j));
        i++;
      } else {
        script.add(new Edit(Op.INSERT, a0 + i, b0 + j));
        j++;
      }
    }
  }
}
