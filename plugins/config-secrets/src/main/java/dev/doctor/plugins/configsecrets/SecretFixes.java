package dev.doctor.plugins.configsecrets;

import static dev.doctor.plugins.configsecrets.ConfigSecretsCheck.FILE_PERMISSIONS;
import static dev.doctor.plugins.configsecrets.ConfigSecretsCheck.PLAINTEXT;
import static dev.doctor.plugins.configsecrets.ConfigSecretsCheck.UNRESOLVED_REF;

import dev.doctor.api.Change;
import dev.doctor.api.Change.ConfigEdit;
import dev.doctor.api.CheckContext;
import dev.doctor.api.ConfigNode;
import dev.doctor.api.Finding;
import dev.doctor.api.Fix;
import dev.doctor.api.GatewayConfig;
import dev.doctor.api.Json5Parse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The repairs {@code doctor --fix} can make for this check's findings:
 *
 * <ul>
 *   <li>{@value #TIGHTEN}: {@code chmod 600} a config, credential or provider file open to others,
 *       {@code chmod 700} the state directory; safe to apply unattended;
 *   <li>{@value #MOVE}: move a plaintext credential of the config (a field of OpenClaw's
 *       credential matrix, which takes SecretRefs) into a 0600 JSON file that a {@code file}
 *       provider reads ({@code secrets.json} in the state directory, created or extended), and
 *       put a SecretRef to it in its place;
 *   <li>{@value #ENV_REF}: instead, when the user names a variable for the path ({@code
 *       --secret-env PATH=NAME}), replace the credential with the env ref {@code ${NAME}}, offered
 *       only when doctor sees NAME holding that very credential (else the credential would be lost).
 * </ul>
 *
 * A credential is moved only when the whole string is the credential and the field is one
 * OpenClaw resolves refs in; never for included files, {@code .env}, agent files, or values
 * OpenClaw writes itself. Every move reminds to rotate the credential. Stateless.
 */
final class SecretFixes {

  static final String TIGHTEN = ConfigSecretsCheck.ID + ".tighten-permissions";
  static final String MOVE = ConfigSecretsCheck.ID + ".move-to-secretref";
  static final String ENV_REF = ConfigSecretsCheck.ID + ".use-env-ref";

  /** The file doctor keeps moved credentials in, in the state directory. */
  static final String SECRETS_FILE = "secrets.json";
  /** Provider aliases doctor tries for that file, in order, when no provider reads it yet. */
  private static final List<String> ALIASES = List.of("filemain", "doctor-file");

  private SecretFixes() {}

  static List<Fix> of(CheckContext ctx, List<Finding> findings, String currentUser) {
    List<Fix> fixes = new ArrayList<>();
    fixes.addAll(tighten(findings, currentUser));
    GatewayConfig config = ctx.config();
    if (config.status() == GatewayConfig.Status.LOADED) {
      for (Finding f : findings) {
        move(ctx, f).ifPresent(fixes::add);
      }
    }
    return fixes;
  }

  // ------------------------------------------------------------------ permissions

  private static List<Fix> tighten(List<Finding> findings, String currentUser) {
    List<Fix> fixes = new ArrayList<>();
    for (Finding f : findings) {
      // The mode findings carry the mode; links, owners and hard links are others' to fix.
      if (!f.code().equals(FILE_PERMISSIONS) || !f.evidence().containsKey("mode") || f.file() == null) {
        continue;
      }
      Path path = Path.of(f.file());
      FileFacts facts = FileFacts.of(path);
      boolean mine = facts.ownedBy(currentUser) || "root".equals(currentUser);
      if (!facts.exists() || facts.symlink() || !mine || !(facts.directory() || facts.regularFile())) {
        continue;
      }
      int mode = facts.directory() ? 0700 : 0600;
      String shown = Redaction.shellQuote(path.toString());
      Fix.Builder b = Fix.builder(TIGHTEN, "chmod " + Integer.toOctalString(mode) + " " + shown + " (from " + facts.mode() + ")")
          .addresses(f)
          .change(new Change.Chmod(path, mode))
          .unattendedSafe();
      // A provider file OpenClaw refuses for its mode is fixed by the same chmod.
      String displayed = Redaction.shown(path.toString());
      for (Finding other : findings) {
        if (other.code().equals(UNRESOLVED_REF) && displayed.equals(other.evidence().get("provider-file"))
            && other.evidence().containsKey("file-mode")) {
          b.addresses(other);
        }
      }
      fixes.add(b.build());
    }
    return fixes;
  }

  // ------------------------------------------------------------------ moving credentials

  private static Optional<Fix> move(CheckContext ctx, Finding f) {
    GatewayConfig config = ctx.config();
    if (!f.code().equals(PLAINTEXT) || f.path() == null || !config.file().toString().equals(f.file())
        || !"value".equals(f.evidence().get("in")) || !f.evidence().containsKey("matrix-entry")
        || f.evidence().containsKey("runtime-managed")) {
      return Optional.empty();
    }
    List<String> path = segments(f.path());
    ConfigNode node = path == null ? null : at(config.root(), path);
    if (node == null || !node.isString() || node.line() != f.line() || node.text().isBlank() || node.text().contains("${")) {
      return Optional.empty();
    }
    String value = node.text();
    String rotate = "Rotate this credential with its provider: it was stored in plaintext in " + config.file()
        + modeNote(config.file()) + ", and copies of that file (backups, editor swap files, anything that synced or copied"
        + " it) still hold it.";
    Optional<String> envName = ctx.option("secret-env:" + f.path());
    if (envName.isPresent()) {
      return Optional.of(envRef(ctx, f, path, value, envName.get(), rotate));
    }
    return Optional.of(toFile(ctx, f, path, value, rotate));
  }

  private static Fix envRef(CheckContext ctx, Finding f, List<String> path, String value, String name, String rotate) {
    Fix.Builder b = Fix.builder(ENV_REF, "replace the credential at " + f.path() + " with the env ref ${" + name + "}")
        .addresses(f)
        .change(ConfigEdit.set(ctx.config().file(), path, ConfigEdit.jsonString("${" + name + "}")).removingSecret())
        .note(rotate + " The gateway must have " + name + " in its environment (its service's, or the state directory's .env).");
    Path dotEnv = ctx.config().stateDir().resolve(".env");
    String seen = ctx.env(name).orElse(null);
    if (seen == null) {
      seen = dotEnvValue(dotEnv, name);
    }
    if (seen == null) {
      b.blocked(name + " is not set in doctor's environment or in " + dotEnv + ": set it to this credential where the gateway"
          + " reads it and run doctor again with it set, or doctor would drop the only copy");
    } else if (!seen.equals(value)) {
      b.blocked(name + " holds a different value than the credential at " + f.path() + ": doctor does not swap one credential"
          + " for another");
    }
    return b.build();
  }

  private static Fix toFile(CheckContext ctx, Finding f, List<String> path, String value, String rotate) {
    GatewayConfig config = ctx.config();
    Path secrets = config.stateDir().resolve(SECRETS_FILE).toAbsolutePath().normalize();
    String alias = null;
    boolean declared = false;
    ConfigNode providers = config.at("secrets.providers");
    for (var entry : providers.fields().entrySet()) {
      ConfigNode p = entry.getValue();
      if ("file".equals(p.get("source").text()) && "json".equals(p.get("mode").text("json")) && p.get("path").isString()
          && sameFile(ctx, p.get("path").text(), secrets) && SecretRefContract.PROVIDER_ALIAS.matcher(entry.getKey()).matches()) {
        alias = entry.getKey();
        declared = true;
        break;
      }
    }
    if (alias == null) {
      alias = ALIASES.stream().filter(a -> !providers.fields().containsKey(a)).findFirst().orElse("doctor-file-" + providers.fields().size());
    }
    String pointer = pointer(path);
    String providerPath = providerPath(ctx, secrets);
    Fix.Builder b = Fix.builder(MOVE, "move the credential at " + f.path() + " into " + providerPath
            + " (mode 0600) and refer to it there: {source: \"file\", provider: \"" + alias + "\", id: \"" + pointer + "\"}")
        .addresses(f)
        .note(rotate);
    FileFacts facts = FileFacts.of(secrets);
    if (facts.exists()) {
      String blocked = unusable(ctx, secrets, facts, pointer, value);
      if (blocked != null) {
        b.blocked(blocked);
      }
      if (facts.groupReadable() || facts.worldReadable() || facts.groupOrWorldWritable()) {
        b.change(new Change.Chmod(secrets, 0600));
      }
    }
    b.change(Change.FileWrite.ifMissing(secrets, "{\n}\n", 0600));
    b.change(ConfigEdit.set(secrets, path, ConfigEdit.jsonString(value)).storingSecret());
    if (!declared) {
      b.change(ConfigEdit.set(config.file(), List.of("secrets", "providers", alias),
          "{\"source\":\"file\",\"path\":" + ConfigEdit.jsonString(providerPath) + ",\"mode\":\"json\"}"));
    }
    b.change(ConfigEdit.set(config.file(), path,
        "{\"source\":\"file\",\"provider\":" + ConfigEdit.jsonString(alias) + ",\"id\":" + ConfigEdit.jsonString(pointer) + "}")
        .removingSecret());
    return b.build();
  }

  /** Why an existing secrets file cannot take the credential; null when it can. */
  private static String unusable(CheckContext ctx, Path secrets, FileFacts facts, String pointer, String value) {
    if (facts.symlink() || !facts.regularFile()) {
      return secrets + " is not a regular file (OpenClaw refuses links for file providers); move it aside first";
    }
    if (facts.hardLinks() > 1) {
      return secrets + " has " + facts.hardLinks() + " hard links, which OpenClaw refuses; give it a single link first";
    }
    String text;
    try {
      text = Files.readString(secrets, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return secrets + " cannot be read";
    }
    Json5Parse parse = ctx.parseJson5(text, null);
    if (!parse.ok() || !parse.root().isObject()) {
      return secrets + " is not a JSON object" + (parse.ok() ? "" : " (it does not parse at line " + parse.line() + ")");
    }
    ConfigNode existing = RefResolver.pointer(parse.root(), pointer);
    if (existing != null && !(existing.isString() && value.equals(existing.text()))) {
      return secrets + " already holds a different value at " + Redaction.shown(pointer);
    }
    return null;
  }

  /** The provider's path as written in the config: {@code ~/…} under the home directory, else absolute. */
  private static String providerPath(CheckContext ctx, Path secrets) {
    try {
      Path home = Path.of(HomePaths.home(ctx)).toAbsolutePath().normalize();
      if (secrets.startsWith(home) && !secrets.equals(home)) {
        return "~/" + home.relativize(secrets).toString().replace('\\', '/');
      }
    } catch (InvalidPathException e) {
      // no usable home: the absolute path below
    }
    return secrets.toString();
  }

  private static boolean sameFile(CheckContext ctx, String configured, Path secrets) {
    try {
      return HomePaths.expandHome(configured, ctx).toAbsolutePath().normalize().equals(secrets);
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /** The RFC 6901 pointer for {@code path} ({@code ~} as {@code ~0}, {@code /} as {@code ~1}). */
  static String pointer(List<String> path) {
    StringBuilder sb = new StringBuilder();
    for (String segment : path) {
      sb.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
    }
    return sb.toString();
  }

  /**
   * The keys and indexes of a display path ({@code a.b[0].c}); null for one that cannot be
   * followed back (a hidden key, a key with a dot or bracket).
   */
  static List<String> segments(String display) {
    if (display.contains("<key hidden>") || display.isEmpty()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String part : display.split("\\.", -1)) {
      int bracket = part.indexOf('[');
      String key = bracket < 0 ? part : part.substring(0, bracket);
      if (key.isEmpty() && bracket != 0) {
        return null;
      }
      if (!key.isEmpty()) {
        out.add(key);
      }
      while (bracket >= 0) {
        int close = part.indexOf(']', bracket);
        if (close < 0 || !part.substring(bracket + 1, close).matches("0|[1-9][0-9]{0,8}")) {
          return null;
        }
        out.add(part.substring(bracket + 1, close));
        bracket = part.indexOf('[', close);
        if (bracket < 0 && close != part.length() - 1) {
          return null;
        }
      }
    }
    return out;
  }

  private static ConfigNode at(ConfigNode root, List<String> path) {
    ConfigNode node = root;
    for (String segment : path) {
      node = node.isArray() ? node.get(Integer.parseInt(segment)) : node.get(segment);
    }
    return node.isMissing() ? null : node;
  }

  private static String modeNote(Path file) {
    FileFacts facts = FileFacts.of(file);
    return facts.permissions() == null ? "" : " (mode " + facts.mode() + ")";
  }

  private static String dotEnvValue(Path file, String name) {
    try {
      if (!Files.isRegularFile(file)) {
        return null;
      }
      Map<String, String> values = new LinkedHashMap<>();
      DotEnv.parse(Files.readString(file, StandardCharsets.UTF_8)).entries().forEach(e -> values.put(e.name(), e.value()));
      return values.get(name);
    } catch (IOException e) {
      return null;
    }
  }
}
