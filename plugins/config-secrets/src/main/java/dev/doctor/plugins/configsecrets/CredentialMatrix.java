package dev.doctor.plugins.configsecrets;

import dev.doctor.api.ConfigNode;
import dev.doctor.api.Json5Parse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.nio.file.Path;

/**
 * The known credential fields: OpenClaw's "strictly user-supplied credentials" matrix, shipped as a
 * resource verbatim ({@code secretref-user-supplied-credentials-matrix.json}) and read at run time
 * so that updating it is a file copy. Immutable once loaded.
 *
 * <p>Matrix paths use {@code *} for any map key and {@code []} for any array item. Entries for the
 * {@code auth-profile-store} apply to {@code auth-profiles.json}, only where the profile's fields
 * match {@code when}; {@code refPath} names the sibling field that holds the ref.
 */
final class CredentialMatrix {

  static final String RESOURCE = "secretref-user-supplied-credentials-matrix.json";

  /** Which kind of file a value was read from; decides which entries apply. */
  enum FileKind {
    CONFIG,
    AUTH_PROFILES,
    MODELS_JSON
  }

  /** A matched entry. {@code refField} is the sibling ref field's name, or null. */
  record Entry(String id, List<String> pattern, FileKind kind, Map<String, String> when, String refField, boolean objectAllowed) {}

  private final List<Entry> entries;
  private final List<List<String>> excludedConfig;
  private final List<String> runtimeManagedProfileTypes;

  private CredentialMatrix(List<Entry> entries, List<List<String>> excludedConfig, List<String> runtimeManagedProfileTypes) {
    this.entries = List.copyOf(entries);
    this.excludedConfig = List.copyOf(excludedConfig);
    this.runtimeManagedProfileTypes = List.copyOf(runtimeManagedProfileTypes);
  }

  /** An empty matrix, used when the resource cannot be read: the other detectors still work. */
  static CredentialMatrix empty() {
    return new CredentialMatrix(List.of(), List.of(), List.of());
  }

  int size() {
    return entries.size();
  }

  /** Reads the bundled resource with {@code parser} (the host's JSON5 reader); empty if that fails. */
  static CredentialMatrix load(BiFunction<String, Path, Json5Parse> parser) {
    try (InputStream in = CredentialMatrix.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return empty();
      }
      Json5Parse parse = parser.apply(new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
      return parse.ok() ? from(parse.root()) : empty();
    } catch (IOException e) {
      return empty();
    }
  }

  static CredentialMatrix from(ConfigNode root) {
    var entries = new ArrayList<Entry>();
    for (ConfigNode e : root.get("entries").items()) {
      String path = e.get("path").text();
      if (path == null) {
        continue;
      }
      FileKind kind = "auth-profile-store".equals(e.get("configFile").text()) ? FileKind.AUTH_PROFILES : FileKind.CONFIG;
      var when = new java.util.LinkedHashMap<String, String>();
      e.get("when").fields().forEach((k, v) -> {
        if (v.scalarText() != null) {
          when.put(k, v.scalarText());
        }
      });
      String refPath = e.get("refPath").text();
      String refField = refPath == null ? null : lastToken(refPath);
      // Google Chat service accounts are accepted inline as a JSON object (operations.md).
      boolean objectAllowed = path.endsWith(".serviceAccount");
      entries.add(new Entry(e.get("id").text(path), tokens(path), kind, when, refField, objectAllowed));
    }
    var excluded = new ArrayList<List<String>>();
    var runtimeProfileTypes = new ArrayList<String>();
    for (ConfigNode x : root.get("excludedMutableOrRuntimeManaged").items()) {
      String path = x.text();
      if (path == null) {
        continue;
      }
      if (path.startsWith("auth-profiles.")) {
        // "auth-profiles.oauth.*": every field of a profile of that type is written by OpenClaw.
        List<String> t = tokens(path.substring("auth-profiles.".length()));
        if (!t.isEmpty()) {
          runtimeProfileTypes.add(t.get(0));
        }
      } else {
        excluded.add(tokens(path));
      }
    }
    return new CredentialMatrix(entries, excluded, runtimeProfileTypes);
  }

  private static String lastToken(String path) {
    List<String> t = tokens(path);
    return t.isEmpty() ? null : t.get(t.size() - 1);
  }

  /** Splits {@code a.b[].c.*} into {@code [a, b, [], c, *]}. */
  static List<String> tokens(String path) {
    var out = new ArrayList<String>();
    for (String part : path.split("\\.")) {
      String p = part;
      int brackets = 0;
      while (p.endsWith("[]")) {
        p = p.substring(0, p.length() - 2);
        brackets++;
      }
      if (!p.isEmpty()) {
        out.add(p);
      }
      for (int i = 0; i < brackets; i++) {
        out.add("[]");
      }
    }
    return out;
  }

  /** The concrete segments of a path as matrix tokens; keys that contain dots split like the matrix does. */
  private static List<String> concrete(ConfigPath path) {
    var out = new ArrayList<String>();
    for (Object s : path.segments()) {
      if (s instanceof Integer) {
        out.add("[]");
      } else {
        for (String piece : ((String) s).split("\\.", -1)) {
          out.add(piece);
        }
      }
    }
    return out;
  }

  private static boolean matches(List<String> pattern, List<String> actual) {
    if (pattern.size() != actual.size()) {
      return false;
    }
    for (int i = 0; i < pattern.size(); i++) {
      String p = pattern.get(i);
      String a = actual.get(i);
      boolean ok = switch (p) {
        case "*" -> !a.equals("[]");
        case "[]" -> a.equals("[]");
        default -> p.equals(a);
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * The entry that names this value a known credential, or null. {@code parentObject} is the object
   * holding the value (for {@code when}). Map-valued entries ending in {@code *} (headers, env maps)
   * only count for keys that name a credential: {@code X-Title} is a header, not a secret.
   */
  Entry match(FileKind kind, ConfigPath path, ConfigNode parentObject) {
    List<String> actual = concrete(kind == FileKind.MODELS_JSON ? new ConfigPath(List.of("models")).append(path) : path);
    FileKind entryKind = kind == FileKind.MODELS_JSON ? FileKind.CONFIG : kind;
    for (Entry entry : entries) {
      if (entry.kind() != entryKind || !matches(entry.pattern(), actual)) {
        continue;
      }
      if (!whenHolds(entry, parentObject)) {
        continue;
      }
      if (entry.pattern().get(entry.pattern().size() - 1).equals("*")) {
        String key = path.lastKey();
        if (key == null || !(CredentialNames.isSensitiveHeaderName(key) || CredentialNames.isCredentialName(key))) {
          continue;
        }
      }
      return entry;
    }
    return null;
  }

  private static boolean whenHolds(Entry entry, ConfigNode parentObject) {
    for (var condition : entry.when().entrySet()) {
      if (!condition.getValue().equals(parentObject.get(condition.getKey()).scalarText())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether OpenClaw writes or rotates this value itself (the matrix's
   * {@code excludedMutableOrRuntimeManaged}): it cannot be a SecretRef, so only a recognisable
   * token there is worth reporting.
   */
  boolean isRuntimeManaged(FileKind kind, ConfigPath path, ConfigNode profileObject) {
    if (kind == FileKind.AUTH_PROFILES) {
      if (path.size() >= 3 && path.startsWith("profiles") && profileObject != null) {
        return runtimeManagedProfileTypes.contains(profileObject.get("type").text(""));
      }
      return false;
    }
    if (kind != FileKind.CONFIG) {
      return false;
    }
    List<String> actual = concrete(path);
    for (List<String> pattern : excludedConfig) {
      if (actual.size() >= pattern.size() && matches(pattern, actual.subList(0, pattern.size()))) {
        return true;
      }
    }
    return false;
  }
}
