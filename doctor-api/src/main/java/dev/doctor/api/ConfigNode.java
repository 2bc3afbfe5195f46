package dev.doctor.api;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One value of the gateway config, with where it stands in its file. Immutable and thread-safe.
 *
 * <p>Navigation never returns null: asking for something absent gives a {@link Kind#MISSING}
 * node that still knows the path it was asked for, so {@code config.at("a.b.c").text()} is safe.
 */
public final class ConfigNode {

  /** The JSON kinds, plus {@code MISSING} for a value that is not there. */
  public enum Kind {
    OBJECT,
    ARRAY,
    STRING,
    NUMBER,
    BOOLEAN,
    NULL,
    MISSING
  }

  private final Kind kind;
  private final Object value;
  private final String path;
  private final Path file;
  private final int line;
  private final int column;

  private ConfigNode(Kind kind, Object value, String path, Path file, int line, int column) {
    this.kind = kind;
    this.value = value;
    this.path = Objects.requireNonNull(path, "path");
    this.file = file;
    this.line = line;
    this.column = column;
  }

  /** An object; {@code fields} keeps the file's key order. */
  public static ConfigNode object(Map<String, ConfigNode> fields, String path, Path file, int line, int column) {
    return new ConfigNode(Kind.OBJECT, Collections.unmodifiableMap(new LinkedHashMap<>(fields)), path, file, line, column);
  }

  public static ConfigNode array(List<ConfigNode> items, String path, Path file, int line, int column) {
    return new ConfigNode(Kind.ARRAY, List.copyOf(items), path, file, line, column);
  }

  public static ConfigNode string(String text, String path, Path file, int line, int column) {
    return new ConfigNode(Kind.STRING, Objects.requireNonNull(text), path, file, line, column);
  }

  public static ConfigNode number(BigDecimal number, String path, Path file, int line, int column) {
    return new ConfigNode(Kind.NUMBER, Objects.requireNonNull(number), path, file, line, column);
  }

  /** A number JSON5 allows but {@link BigDecimal} cannot hold ({@code NaN}, {@code Infinity}). */
  public static ConfigNode number(double number, String path, Path file, int line, int column) {
    return new ConfigNode(Kind.NUMBER, number, path, file, line, column);
  }

  public static ConfigNode bool(boolean b, String path, Path file, int line, int column) {
    return new ConfigNode(Kind.BOOLEAN, b, path, file, line, column);
  }

  public static ConfigNode nullValue(String path, Path file, int line, int column) {
    return new ConfigNode(Kind.NULL, null, path, file, line, column);
  }

  public static ConfigNode missing(String path) {
    return new ConfigNode(Kind.MISSING, null, path, null, 0, 0);
  }

  /** An empty object: the config of a host with no config file. */
  public static ConfigNode emptyRoot(Path file) {
    return object(Map.of(), "", file, 0, 0);
  }

  public Kind kind() {
    return kind;
  }

  /** Dot path from the root, array items as {@code name[0]}; empty for the root. */
  public String path() {
    return path;
  }

  /** The file this value was read from; null for missing values and built-in defaults. */
  public Path file() {
    return file;
  }

  /** 1-based line of the value in {@link #file()}; 0 when unknown. */
  public int line() {
    return line;
  }

  /** 1-based column of the value in {@link #file()}; 0 when unknown. */
  public int column() {
    return column;
  }

  public boolean isMissing() {
    return kind == Kind.MISSING;
  }

  /** Present and not {@code null}. */
  public boolean isPresent() {
    return kind != Kind.MISSING && kind != Kind.NULL;
  }

  public boolean isObject() {
    return kind == Kind.OBJECT;
  }

  public boolean isArray() {
    return kind == Kind.ARRAY;
  }

  public boolean isString() {
    return kind == Kind.STRING;
  }

  /** The field {@code key} of an object; MISSING for anything else. */
  public ConfigNode get(String key) {
    if (kind == Kind.OBJECT) {
      ConfigNode child = fields().get(key);
      if (child != null) {
        return child;
      }
    }
    return missing(path.isEmpty() ? key : path + "." + key);
  }

  /** Item {@code index} of an array; MISSING for anything else. */
  public ConfigNode get(int index) {
    if (kind == Kind.ARRAY && index >= 0 && index < items().size()) {
      return items().get(index);
    }
    return missing(path + "[" + index + "]");
  }

  /**
   * Follows a dot path such as {@code agents.defaults.sandbox.mode} or {@code hooks.mappings[0].id}
   * from this node. Keys that themselves contain dots need {@link #get(String)}.
   */
  public ConfigNode at(String dotPath) {
    ConfigNode node = this;
    for (String segment : dotPath.split("\\.")) {
      if (segment.isEmpty()) {
        continue;
      }
      int bracket = segment.indexOf('[');
      String key = bracket < 0 ? segment : segment.substring(0, bracket);
      if (!key.isEmpty()) {
        node = node.get(key);
      }
      while (bracket >= 0) {
        int close = segment.indexOf(']', bracket);
        if (close < 0) {
          throw new IllegalArgumentException("unclosed [ in path " + dotPath);
        }
        node = node.get(Integer.parseInt(segment.substring(bracket + 1, close)));
        bracket = segment.indexOf('[', close);
      }
    }
    return node;
  }

  /** The fields of an object in file order; empty for anything else. */
  @SuppressWarnings("unchecked")
  public Map<String, ConfigNode> fields() {
    return kind == Kind.OBJECT ? (Map<String, ConfigNode>) value : Map.of();
  }

  /** The items of an array; empty for anything else. */
  @SuppressWarnings("unchecked")
  public List<ConfigNode> items() {
    return kind == Kind.ARRAY ? (List<ConfigNode>) value : List.of();
  }

  /** The text of a string; null for anything else. */
  public String text() {
    return kind == Kind.STRING ? (String) value : null;
  }

  /** The text of a string, or {@code fallback} for anything else. */
  public String text(String fallback) {
    return kind == Kind.STRING ? (String) value : fallback;
  }

  /** A boolean's value, or {@code fallback} for anything else. */
  public boolean bool(boolean fallback) {
    return kind == Kind.BOOLEAN ? (Boolean) value : fallback;
  }

  /** A number's value; null for anything else. */
  public Number number() {
    return kind == Kind.NUMBER ? (Number) value : null;
  }

  /** A scalar as text ({@code "all"}, {@code 3}, {@code true}); null for objects, arrays, null and missing. */
  public String scalarText() {
    return switch (kind) {
      case STRING -> (String) value;
      case NUMBER -> value instanceof BigDecimal b ? b.toPlainString() : value.toString();
      case BOOLEAN -> value.toString();
      default -> null;
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfigNode n && n.kind == kind && Objects.equals(n.value, value) && n.path.equals(path);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, value, path);
  }

  /** Kind and path only: a config value may be a secret, so it is never part of the string form. */
  @Override
  public String toString() {
    return "ConfigNode[" + kind + " " + (path.isEmpty() ? "<root>" : path) + (line > 0 ? " @" + line + ":" + column : "") + "]";
  }
}
