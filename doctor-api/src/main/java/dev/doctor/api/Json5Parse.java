package dev.doctor.api;

/**
 * The outcome of parsing a JSON5 document with {@link CheckContext#parseJson5}. Immutable.
 *
 * @param root the document; null when it did not parse
 * @param error why it did not parse, one line, never quoting the document; null when it parsed
 * @param line 1-based line of the error; 0 when it parsed or is unknown
 * @param column 1-based column of the error; 0 when it parsed or is unknown
 */
public record Json5Parse(ConfigNode root, String error, int line, int column) {

  public static Json5Parse parsed(ConfigNode root) {
    return new Json5Parse(root, null, 0, 0);
  }

  public static Json5Parse failed(String error, int line, int column) {
    return new Json5Parse(null, error, line, column);
  }

  public boolean ok() {
    return root != null;
  }
}
