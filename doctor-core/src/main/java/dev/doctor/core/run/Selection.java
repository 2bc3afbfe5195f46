package dev.doctor.core.run;

import dev.doctor.core.plugin.LoadedCheck;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which checks a run includes, from {@code --only} and {@code --skip}. An id is a plugin id
 * (all its checks) or a full check id ({@code <plugin-id>/<name>}). Ids are validated against
 * what is installed so a typo fails loudly instead of silently selecting nothing.
 */
public record Selection(Set<String> only, Set<String> skip) {

  public Selection {
    only = Set.copyOf(only);
    skip = Set.copyOf(skip);
  }

  public static Selection all() {
    return new Selection(Set.of(), Set.of());
  }

  /** Splits repeatable, comma-separated option values into ids. */
  public static Selection parse(Collection<String> only, Collection<String> skip) {
    return new Selection(split(only), split(skip));
  }

  private static Set<String> split(Collection<String> values) {
    Set<String> ids = new LinkedHashSet<>();
    for (String value : values) {
      for (String id : value.split(",")) {
        if (!id.isBlank()) {
          ids.add(id.strip());
        }
      }
    }
    return ids;
  }

  /**
   * Throws {@link UsageException} naming the first id that matches no installed plugin or check,
   * with the nearest known id as a suggestion.
   */
  public void validate(Collection<String> knownIds) {
    List<String> asked = new ArrayList<>(only);
    asked.addAll(skip);
    asked.sort(Comparator.naturalOrder());
    for (String id : asked) {
      if (!knownIds.contains(id)) {
        String nearest = nearest(id, knownIds);
        throw new UsageException("unknown check id '" + id + "'"
            + (nearest == null ? "" : "; did you mean '" + nearest + "'?")
            + " (see 'doctor list')");
      }
    }
  }

  /** Whether {@code check} is part of the run. */
  public boolean includes(LoadedCheck check) {
    boolean wanted = only.isEmpty() || only.contains(check.id()) || only.contains(check.pluginId());
    boolean unwanted = skip.contains(check.id()) || skip.contains(check.pluginId());
    return wanted && !unwanted;
  }

  /** Whether anything of plugin {@code pluginId} is part of the run (for reporting its load problems). */
  public boolean includesPlugin(String pluginId) {
    boolean wanted = only.isEmpty() || only.stream().anyMatch(id -> id.equals(pluginId) || id.startsWith(pluginId + "/"));
    return wanted && !skip.contains(pluginId);
  }

  /** The known id closest to {@code id} (edit distance), or null when none is close enough to be a likely typo. */
  public static String nearest(String id, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = distance(id, candidate);
      if (d < bestDistance || (d == bestDistance && best != null && candidate.compareTo(best) < 0)) {
        best = candidate;
        bestDistance = d;
      }
    }
    // A suggestion further away than half the id is noise, not help.
    return best != null && bestDistance <= Math.max(2, id.length() / 2) ? best : null;
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
