package dev.doctor.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One thing a {@link Fix} changes on the host, described rather than done: the host applies it, so
 * that dry runs, diffs, backups, atomic writes, permissions and ownership are handled in one place
 * and a plugin never writes a file itself. Immutable.
 *
 * <p>The string forms never show file content or a value marked secret.
 */
public sealed interface Change permits Change.ConfigEdit, Change.FileWrite, Change.Chmod, Change.RunCommand {

  /**
   * Sets one value in a JSON5 file (the gateway config, an included file, a JSON secrets file),
   * changing only the characters of that value: comments, key order, quoting and whitespace
   * elsewhere stay as they are. A key that does not exist yet is added to its object (and missing
   * parent objects are created), in the object's own indentation and trailing-comma style. A file
   * that does not exist or does not parse is an error when the fix is applied.
   *
   * <p>Diffs of a file a config edit touches show its structure, but of its strings only those
   * this fix writes or replaces in the open: any other string, and every comment, is shown by its
   * length, since the file may hold credentials doctor does not recognise.
   *
   * @param file the file to edit; never null
   * @param path the keys from the root, array items as their index in decimal; never empty
   * @param valueJson the new value as strict JSON ({@code "\"text\""}, {@code "{\"a\":1}"}); the host
   *     writes it in the file's own style (its quote character, unquoted keys where the file has them)
   * @param removesSecret the value replaced is a secret: diffs show it as {@code «redacted: N chars»},
   *     the backup the host keeps of this write holds the file with the edit already made, and the
   *     older backups of the file that still hold the value are rewritten without it
   * @param storesSecret the new value is a secret: diffs show it redacted
   */
  record ConfigEdit(Path file, List<String> path, String valueJson, boolean removesSecret, boolean storesSecret)
      implements Change {
    public ConfigEdit {
      Objects.requireNonNull(file, "file");
      path = List.copyOf(path);
      if (path.isEmpty()) {
        throw new IllegalArgumentException("a config edit needs a path");
      }
      Objects.requireNonNull(valueJson, "valueJson");
    }

    /** Sets the value at {@code path} (keys, or indexes for array items) to {@code valueJson}. */
    public static ConfigEdit set(Path file, List<String> path, String valueJson) {
      return new ConfigEdit(file, path, valueJson, false, false);
    }

    /** Sets the value at {@code dotPath} ({@code a.b.c}, no keys with dots) to {@code valueJson}. */
    public static ConfigEdit set(Path file, String dotPath, String valueJson) {
      return set(file, List.of(dotPath.split("\\.")), valueJson);
    }

    /** This edit replacing a secret (see {@link #removesSecret()}). */
    public ConfigEdit removingSecret() {
      return new ConfigEdit(file, path, valueJson, true, storesSecret);
    }

    /** This edit writing a secret (see {@link #storesSecret()}). */
    public ConfigEdit storingSecret() {
      return new ConfigEdit(file, path, valueJson, removesSecret, true);
    }

    /** {@code text} as a JSON string literal, for building {@link #valueJson()} without a JSON library. */
    public static String jsonString(String text) {
      StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        switch (c) {
          case '"' -> sb.append("\\\"");
          case '\\' -> sb.append("\\\\");
          case '\n' -> sb.append("\\n");
          case '\r' -> sb.append("\\r");
          case '\t' -> sb.append("\\t");
          default -> {
            if (c < 0x20 || c == '\u2028' || c == '\u2029') {
              sb.append(String.format("\\u%04x", (int) c));
            } else {
              sb.append(c);
            }
          }
        }
      }
      return sb.append('"').toString();
    }

    @Override
    public String toString() {
      return "ConfigEdit[" + file + " " + String.join(".", path) + (storesSecret ? " (secret value)" : " = " + valueJson)
          + (removesSecret ? ", replaces a secret" : "") + "]";
    }
  }

  /**
   * Writes a whole file: creates it, or replaces it when its content differs (after a backup).
   * Missing parent directories are created with mode 0700; a new file gets {@code mode} and, when
   * doctor runs as root, the owner and group of its directory.
   *
   * @param path the file; never null
   * @param content the whole text, written as UTF-8; never null
   * @param mode the file's permission bits, e.g. {@code 0600}; 0 to keep an existing file's mode
   *     (a new file then gets 0600)
   * @param secret the content holds secrets: diffs show every string value redacted
   * @param onlyIfMissing write only when the file does not exist; an existing file is left as it
   *     is (to start a secrets file that later {@link ConfigEdit}s of the same fix fill in)
   */
  record FileWrite(Path path, String content, int mode, boolean secret, boolean onlyIfMissing) implements Change {
    public FileWrite {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(content, "content");
      if (mode < 0 || mode > 07777) {
        throw new IllegalArgumentException("mode must be between 0 and 07777: " + Integer.toOctalString(mode));
      }
    }

    /** Writes {@code content} to {@code path} with {@code mode}. */
    public static FileWrite of(Path path, String content, int mode) {
      return new FileWrite(path, content, mode, false, false);
    }

    /** Creates {@code path} with {@code content} and {@code mode} unless it exists. */
    public static FileWrite ifMissing(Path path, String content, int mode) {
      return new FileWrite(path, content, mode, false, true);
    }

    /** This write with its content treated as secret (see {@link #secret()}). */
    public FileWrite asSecret() {
      return new FileWrite(path, content, mode, true, onlyIfMissing);
    }

    @Override
    public String toString() {
      return "FileWrite[" + path + ", " + content.length() + " chars, mode " + String.format("%04o", mode)
          + (secret ? ", secret" : "") + (onlyIfMissing ? ", if missing" : "") + "]";
    }
  }

  /**
   * Sets a file's or directory's permission bits. The host refuses a symbolic link (changing the
   * target's mode through a link someone else may control is not what the user reviewed).
   *
   * @param path never null
   * @param mode e.g. {@code 0600} for a file, {@code 0700} for a directory
   */
  record Chmod(Path path, int mode) implements Change {
    public Chmod {
      Objects.requireNonNull(path, "path");
      if (mode < 0 || mode > 07777) {
        throw new IllegalArgumentException("mode must be between 0 and 07777: " + Integer.toOctalString(mode));
      }
    }
  }

  /**
   * Runs a command (argv, never a shell string). It succeeds when it exits 0. Its timeout is its
   * own ({@link Command#timeout()}), not the checks' deadline: a fix that pulls or builds an image
   * sets minutes. The host shows progress while it runs on a terminal.
   *
   * @param command never null
   */
  record RunCommand(Command command) implements Change {
    public RunCommand {
      Objects.requireNonNull(command, "command");
    }
  }
}
