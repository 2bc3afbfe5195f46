package dev.doctor.plugins.codexbwrap;

import dev.doctor.api.ConfigNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Codex {@code -c key=value} overrides in {@code plugins.entries.codex.config.appServer.args},
 * which is how settings such as {@code sandbox_workspace_write.network_access} reach the
 * app-server. The last value of a key wins, as in Codex. Immutable.
 *
 * @param values key to raw value (TOML, comments and quotes stripped); never null
 */
record CodexOverrides(Map<String, String> values) {

  static final String NETWORK_ACCESS = "sandbox_workspace_write.network_access";
  static final String BWRAP_PATH = "experimental_path_to_linux_sandbox_bwrap";

  CodexOverrides {
    values = Map.copyOf(values);
  }

  /** Reads {@code args}: an array of strings, or one string split the way OpenClaw splits it. */
  static CodexOverrides from(ConfigNode args) {
    List<String> words = new ArrayList<>();
    if (args.isArray()) {
      args.items().stream().filter(ConfigNode::isString).map(n -> n.text().strip())
          .filter(s -> !s.isEmpty()).forEach(words::add);
    } else if (args.isString()) {
      words.addAll(split(args.text()));
    }
    var values = new LinkedHashMap<String, String>();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      String pair = null;
      if ((word.equals("-c") || word.equals("--config")) && i + 1 < words.size()) {
        pair = words.get(++i);
      } else if (word.startsWith("--config=")) {
        pair = word.substring("--config=".length());
      } else if (word.startsWith("-c") && word.length() > 2 && !word.startsWith("--")) {
        pair = word.substring(2);
      }
      if (pair != null) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          values.put(pair.substring(0, eq).strip(), clean(pair.substring(eq + 1)));
        }
      }
    }
    return new CodexOverrides(values);
  }

  /** {@code sandbox_workspace_write.network_access} as a boolean, if it is set to one. */
  Optional<Boolean> networkAccess() {
    String v = values.get(NETWORK_ACCESS);
    if (v == null) {
      return Optional.empty();
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> Optional.of(true);
      case "false" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  /** A bwrap path configured for Codex, if any. */
  Optional<String> bwrapPath() {
    String v = values.get(BWRAP_PATH);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  // A TOML value as written after '=': a trailing comment and surrounding quotes go.
  private static String clean(String raw) {
    String v = raw.strip();
    if (v.startsWith("\"") || v.startsWith("'")) {
      char q = v.charAt(0);
      int close = v.indexOf(q, 1);
      return close > 0 ? v.substring(1, close) : v.substring(1);
    }
    int hash = v.indexOf('#');
    return (hash >= 0 ? v.substring(0, hash) : v).strip();
  }

  /** Single and double quotes group words; backslashes and '#' stay literal. */
  static List<String> split(String text) {
    var words = new ArrayList<String>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (char c : text.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord && word.length() > 0) {
          words.add(word.toString());
        }
        word.setLength(0);
        inWord = false;
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (word.length() > 0) {
      words.add(word.toString());
    }
    return words;
  }
}
