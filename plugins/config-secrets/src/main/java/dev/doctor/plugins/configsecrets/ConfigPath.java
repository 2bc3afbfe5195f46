package dev.doctor.plugins.configsecrets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A location inside a JSON document as a list of segments: object keys ({@link String}) and array
 * indexes ({@link Integer}). Immutable.
 *
 * <p>The display form follows the host's convention ({@code a.b[0].c}) but never shows a key that
 * looks like a credential: a user who pasted a token as a map key must not see it echoed.
 */
record ConfigPath(List<Object> segments) {

  static final ConfigPath ROOT = new ConfigPath(List.of());

  ConfigPath {
    segments = Collections.unmodifiableList(new ArrayList<>(segments));
  }

  ConfigPath key(String key) {
    var copy = new ArrayList<>(segments);
    copy.add(key);
    return new ConfigPath(copy);
  }

  ConfigPath index(int index) {
    var copy = new ArrayList<>(segments);
    copy.add(index);
    return new ConfigPath(copy);
  }

  ConfigPath append(ConfigPath tail) {
    var copy = new ArrayList<>(segments);
    copy.addAll(tail.segments);
    return new ConfigPath(copy);
  }

  boolean isRoot() {
    return segments.isEmpty();
  }

  int size() {
    return segments.size();
  }

  /** The last object key, or null when the path ends in an index or is the root. */
  String lastKey() {
    if (segments.isEmpty()) {
      return null;
    }
    return segments.get(segments.size() - 1) instanceof String s ? s : null;
  }

  ConfigPath parent() {
    return segments.isEmpty() ? this : new ConfigPath(segments.subList(0, segments.size() - 1));
  }

  /** True when this path starts with the given keys. */
  boolean startsWith(String... keys) {
    if (segments.size() < keys.length) {
      return false;
    }
    for (int i = 0; i < keys.length; i++) {
      if (!keys[i].equals(segments.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether the path is exactly these keys. */
  boolean is(String... keys) {
    return segments.size() == keys.length && startsWith(keys);
  }

  /** The dot path shown to users; keys that look like secrets are replaced. Null for the root. */
  String display() {
    if (segments.isEmpty()) {
      return null;
    }
    var sb = new StringBuilder();
    for (Object segment : segments) {
      if (segment instanceof Integer i) {
        sb.append('[').append(i).append(']');
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        String key = (String) segment;
        sb.append(Redaction.isDisplayable(key) ? key : "<key hidden>");
      }
    }
    return sb.toString();
  }

  /** The display form with {@code suffix} appended; for paths built from a prefix such as {@code $env}. */
  static String join(String prefix, ConfigPath path) {
    String tail = path.display();
    if (tail == null) {
      return prefix;
    }
    return prefix + (tail.startsWith("[") ? "" : ".") + tail;
  }

  @Override
  public String toString() {
    String shown = display();
    return shown == null ? "<root>" : shown;
  }
}
