package dev.doctor.plugins.configsecrets;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether text taken from a user's files may be shown at all. Names and ids that pass
 * (env variable names, JSON pointers, provider aliases, file paths) are shown; anything that
 * looks like a credential is replaced by its length. Values are never passed here: they are
 * never shown.
 */
final class Redaction {

  private Redaction() {}

  private static final int MAX_SHOWN = 200;
  // A long run mixing upper case, lower case and digits: what random credentials look like, and
  // what names, paths and pointers almost never do.
  private static final Pattern RANDOM_RUN = Pattern.compile("[A-Za-z0-9+/=_-]{24,}");

  /** True if {@code text} can be shown: short enough and nothing in it looks like a credential. */
  static boolean isDisplayable(String text) {
    if (text == null || text.length() > MAX_SHOWN) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        return false;
      }
    }
    if (!TokenFormat.findAll(text).isEmpty() || NonSecretValues.containsOpenClawSentinel(text)) {
      return false;
    }
    Matcher m = RANDOM_RUN.matcher(text);
    while (m.find()) {
      String run = m.group();
      if (run.chars().anyMatch(Character::isUpperCase)
          && run.chars().anyMatch(Character::isLowerCase)
          && run.chars().anyMatch(Character::isDigit)) {
        return false;
      }
    }
    return true;
  }

  /** {@code text} itself when displayable, else a stand-in that gives only its length. */
  static String shown(String text) {
    if (text == null) {
      return "<none>";
    }
    return isDisplayable(text) ? text : "<hidden, " + text.length() + " characters>";
  }

  /** Quotes a path for a shell command that must be safe to paste as it stands. */
  static String shellQuote(String arg) {
    if (!arg.isEmpty() && arg.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./=:,@%+".indexOf(c) >= 0)) {
      return arg;
    }
    return "'" + arg.replace("'", "'\\''") + "'";
  }
}
