package dev.doctor.plugins.sandboxdocker;

import dev.doctor.api.CommandResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every command the check ran, kept for evidence: argv, how it ended, first line of stderr. Not
 * thread-safe; the check fills it on its own thread after {@code runAll} returns.
 */
final class RunLog {

  // scheme://user:password@host: keep the user, never the password.
  private static final Pattern URL_PASSWORD = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^/@\\s:]+):[^/@\\s]+@");

  private final List<CommandResult> results = new ArrayList<>();

  void add(CommandResult result) {
    results.add(result);
  }

  /** Facts about one command, under the keys {@code command}, {@code result}, {@code stderr}. */
  static Map<String, String> facts(CommandResult result) {
    var facts = new LinkedHashMap<String, String>();
    facts.put("command", result.command().display());
    facts.put("result", result.summary());
    String stderr = redact(result.firstStderrLine());
    if (!stderr.isEmpty()) {
      facts.put("stderr", stderr);
    }
    return facts;
  }

  /** All commands as {@code run.1.command}, {@code run.1.result}, ... in the order they were added. */
  Map<String, String> evidence() {
    var evidence = new LinkedHashMap<String, String>();
    for (int i = 0; i < results.size(); i++) {
      String prefix = "run." + (i + 1) + ".";
      facts(results.get(i)).forEach((key, value) -> evidence.put(prefix + key, value));
    }
    return evidence;
  }

  /** Masks a password in a URL such as a {@code DOCKER_HOST} value quoted by an error. */
  static String redact(String text) {
    return URL_PASSWORD.matcher(text).replaceAll("$1:***@");
  }
}
