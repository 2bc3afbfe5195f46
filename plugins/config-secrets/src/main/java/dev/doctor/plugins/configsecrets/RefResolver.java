package dev.doctor.plugins.configsecrets;

import dev.doctor.api.CheckContext;
import dev.doctor.api.Command;
import dev.doctor.api.CommandResult;
import dev.doctor.api.ConfigNode;
import dev.doctor.api.Json5Parse;
import dev.doctor.api.Remediation;
import dev.doctor.plugins.configsecrets.SecretProviders.ExecProvider;
import dev.doctor.plugins.configsecrets.SecretProviders.FileProvider;
import dev.doctor.plugins.configsecrets.SecretRefContract.SecretRef;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether well-formed refs resolve, the way OpenClaw's resolver (src/secrets/resolve.ts)
 * would, without ever keeping or showing a resolved value: env refs are looked up, file providers
 * are checked and read, exec providers are checked statically and run only with
 * {@code --allow-exec}. Not thread-safe; one instance per run.
 */
final class RefResolver {

  /** How one ref turned out. Reasons and evidence never hold a value. */
  sealed interface Outcome permits Resolved, Unresolved, NotChecked {}

  record Resolved() implements Outcome {}

  record Unresolved(String reason, Map<String, String> evidence, Remediation remediation) implements Outcome {}

  /** Could not be decided without side effects or data doctor does not read. */
  record NotChecked(String why) implements Outcome {}

  /** A provider file that refs use, for the permission findings. */
  record ProviderFile(FileProvider provider, Path path, FileFacts facts) {}

  private static final Set<String> SAFE_EXEC_ERROR_CODES = Set.of("NOT_FOUND", "AMBIGUOUS_DUPLICATE_KEY");
  private static final Duration MIN_EXEC_TIME = Duration.ofMillis(200);

  private final CheckContext ctx;
  private final EnvSources env;
  private final String currentUser;
  private final boolean allowExec;
  private final Map<String, FileState> files = new HashMap<>();
  private final Map<String, Map<String, Outcome>> execResults = new HashMap<>();
  private final Map<String, Outcome> execStatic = new HashMap<>();
  private final Map<Path, ProviderFile> providerFiles = new LinkedHashMap<>();
  private int execRuns;

  RefResolver(CheckContext ctx, EnvSources env, String currentUser, boolean allowExec) {
    this.ctx = ctx;
    this.env = env;
    this.currentUser = currentUser;
    this.allowExec = allowExec;
  }

  List<ProviderFile> providerFiles() {
    return List.copyOf(providerFiles.values());
  }

  int execRuns() {
    return execRuns;
  }

  // ---------------------------------------------------------------- env

  Outcome env(SecretRef ref, SecretProviders.EnvProvider provider) {
    String name = ref.id();
    String alias = provider == null ? null : shown(provider.alias());
    String shownName = shown(name);
    if (provider != null && provider.allowlist() != null && !provider.allowlist().contains(name)) {
      return new Unresolved(
          "env variable " + shownName + " is not in the allowlist of provider \"" + alias + "\"",
          Map.of("provider", alias, "allowlist-size", String.valueOf(provider.allowlist().size())),
          Remediation.of("Add " + shownName + " to secrets.providers." + alias + ".allowlist, or reference a variable the provider allows."));
    }
    return switch (env.presence(name)) {
      case SET -> new Resolved();
      case EMPTY -> new Unresolved(
          "env variable " + shownName + " is set but empty",
          envEvidence(),
          Remediation.of("Give " + shownName + " a value in the environment the gateway runs with; OpenClaw treats an empty variable as missing."));
      case MISSING -> new Unresolved(
          "env variable " + shownName + " is not set",
          envEvidence(),
          Remediation.of(
              "Set " + shownName + " in the environment the gateway runs with (the service's environment, or the state directory's"
                  + " .env file), or point this field at a file or exec provider."));
    };
  }

  private Map<String, String> envEvidence() {
    var e = new LinkedHashMap<String, String>();
    e.put("looked-in", env.lookedIn());
    if (env.shellEnv()) {
      e.put("note", "env.shellEnv is enabled: the gateway may also import variables from a login shell, which doctor does not run");
    }
    return e;
  }

  // ---------------------------------------------------------------- file

  /** What reading one file provider's file gave; the parsed document stays inside this class. */
  private record FileState(Path path, Unresolved failure, ConfigNode document, boolean singleValueNonEmpty, boolean singleValueRedacted) {
    @Override
    public String toString() {
      return "FileState[" + path + "]";
    }
  }

  Outcome file(SecretRef ref, FileProvider provider, boolean objectAllowed) {
    FileState state = files.computeIfAbsent(provider.alias(), a -> readProviderFile(provider));
    if (state.failure() != null) {
      return state.failure();
    }
    if (provider.singleValue()) {
      if (!ref.id().equals(SecretRefContract.SINGLE_VALUE_ID)) {
        // The contract routes this to invalid-ref; the check classifies it before calling here.
        return new Unresolved("singleValue file providers only take the id \"value\"", Map.of(), Remediation.none());
      }
      if (state.singleValueRedacted()) {
        return redactedPlaceholder(provider);
      }
      return state.singleValueNonEmpty()
          ? new Resolved()
          : new Unresolved(
              "the file of provider \"" + shown(provider.alias()) + "\" is empty",
              fileEvidence(provider, state.path()),
              Remediation.of("Write the credential into " + state.path() + "."));
    }
    ConfigNode node = pointer(state.document(), ref.id());
    String pointerShown = Redaction.shown(ref.id());
    if (node == null) {
      return new Unresolved(
          "JSON pointer " + pointerShown + " is not in the file of provider \"" + shown(provider.alias()) + "\"",
          fileEvidence(provider, state.path()),
          Remediation.of("Add the credential at " + pointerShown + " in " + state.path() + ", or correct the ref's id."));
    }
    if (node.isString() && !node.text().trim().isEmpty()) {
      if (NonSecretValues.isRedactionMarker(node.text().trim())) {
        return redactedPlaceholder(provider);
      }
      return new Resolved();
    }
    if (objectAllowed && node.isObject() && !node.fields().isEmpty()) {
      return new Resolved();
    }
    return new Unresolved(
        "JSON pointer " + pointerShown + " in the file of provider \"" + shown(provider.alias()) + "\" is not a non-empty string",
        fileEvidence(provider, state.path()),
        Remediation.of("Store the credential at " + pointerShown + " as a non-empty string."));
  }

  private static Unresolved redactedPlaceholder(SecretProviders.Provider provider) {
    return new Unresolved(
        "provider \"" + shown(provider.alias()) + "\" holds a redaction placeholder instead of the credential",
        Map.of("provider", shown(provider.alias())),
        Remediation.of("The real value was replaced by redacted output at its source; store the real credential there again."));
  }

  private Map<String, String> fileEvidence(FileProvider provider, Path path) {
    var e = new LinkedHashMap<String, String>();
    e.put("provider", shown(provider.alias()));
    e.put("provider-file", Redaction.shown(path.toString()));
    e.put("mode", provider.singleValue() ? "singleValue" : "json");
    return e;
  }

  private FileState readProviderFile(FileProvider provider) {
    String configured = provider.file();
    String where = "secrets.providers." + shown(provider.alias()) + ".path";
    if (configured == null || configured.trim().isEmpty()) {
      return failed(null, "provider \"" + shown(provider.alias()) + "\" has no path", Map.of("provider", shown(provider.alias())),
          Remediation.of("Set " + where + " to the private JSON file that holds the credentials."));
    }
    if (!provider.mode().equals("json") && !provider.singleValue()) {
      return failed(null, "provider \"" + shown(provider.alias()) + "\" has a mode other than json or singleValue", Map.of("provider", shown(provider.alias())),
          Remediation.of("Set secrets.providers." + shown(provider.alias()) + ".mode to \"json\" or \"singleValue\"."));
    }
    Path path;
    boolean relative;
    try {
      Path expanded = HomePaths.expandHome(configured, ctx);
      relative = !expanded.isAbsolute();
      path = expanded.toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      return failed(null, "the path of provider \"" + shown(provider.alias()) + "\" is not a valid path", Map.of("provider", shown(provider.alias())),
          Remediation.of("Fix " + where + "."));
    }
    FileFacts facts = FileFacts.of(path);
    providerFiles.putIfAbsent(path, new ProviderFile(provider, path, facts));
    var evidence = fileEvidence(provider, path);
    if (relative) {
      evidence.put("note", "the path is relative: doctor resolved it against its own working directory, the gateway uses its own");
    }
    if (!facts.exists()) {
      return failed(path, "the file of provider \"" + shown(provider.alias()) + "\" does not exist", evidence,
          Remediation.of("Create " + path + " (JSON, mode 0600, owned by the gateway's user) or fix " + where + "."));
    }
    if (facts.symlink()) {
      return failed(path, "the file of provider \"" + shown(provider.alias()) + "\" is a symlink, which OpenClaw refuses", evidence,
          Remediation.of("Set " + where + " to the real file, not a link to it.", "realpath " + Redaction.shellQuote(path.toString())));
    }
    if (!facts.regularFile()) {
      return failed(path, "the path of provider \"" + shown(provider.alias()) + "\" is not a regular file", evidence,
          Remediation.of("Point " + where + " at a regular file."));
    }
    if (facts.hardLinks() > 1) {
      evidence.put("hard-links", String.valueOf(facts.hardLinks()));
      return failed(path, "the file of provider \"" + shown(provider.alias()) + "\" has " + facts.hardLinks() + " hard links, which OpenClaw refuses",
          evidence, Remediations.breakHardLink(path));
    }
    if (facts.groupReadable() || facts.worldReadable() || facts.groupOrWorldWritable()) {
      evidence.put("file-mode", facts.mode());
      return failed(path, "the file of provider \"" + shown(provider.alias()) + "\" is open to other users (mode " + facts.mode()
              + "), which OpenClaw refuses", evidence,
          facts.ownedBy(currentUser)
              ? Remediation.of("Make the file private to its owner.", "chmod 600 " + Redaction.shellQuote(path.toString()))
              : Remediation.of("Make the file private (mode 0600) and owned by the gateway's user."));
    }
    if (!facts.ownedBy(currentUser)) {
      evidence.put("owner", Redaction.shown(facts.owner()));
      return failed(path, "the file of provider \"" + shown(provider.alias()) + "\" is owned by another user, which OpenClaw refuses", evidence,
          Remediation.of("Give the file to the user the gateway runs as (chown), keeping mode 0600."));
    }
    byte[] bytes;
    try {
      long size = Files.size(path);
      if (size > provider.maxBytes()) {
        evidence.put("size", String.valueOf(size));
        evidence.put("max-bytes", String.valueOf(provider.maxBytes()));
        return failed(path, "the file of provider \"" + shown(provider.alias()) + "\" is larger than its maxBytes", evidence,
            Remediation.of("Raise secrets.providers." + shown(provider.alias()) + ".maxBytes or keep fewer values in the file."));
      }
      bytes = Files.readAllBytes(path);
    } catch (IOException | SecurityException e) {
      return failed(path, "the file of provider \"" + shown(provider.alias()) + "\" cannot be read", evidence,
          Remediation.of("Make " + path + " readable by the gateway's user."));
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (provider.singleValue()) {
      String value = text.endsWith("\r\n") ? text.substring(0, text.length() - 2) : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
      return new FileState(path, null, null, !value.trim().isEmpty(), NonSecretValues.isRedactionMarker(value.trim()));
    }
    Json5Parse parse = ctx.parseJson5(text, null);
    if (!parse.ok()) {
      // The parser's message never quotes the text, but this file is all secrets: position only.
      evidence.put("parse-error-at", parse.line() + ":" + parse.column());
      return failed(path, "the file of provider \"" + shown(provider.alias()) + "\" is not valid JSON", evidence,
          Remediation.of("Fix the JSON in " + path + " (the position is in the evidence)."));
    }
    if (!parse.root().isObject()) {
      return failed(path, "the file of provider \"" + shown(provider.alias()) + "\" does not hold a JSON object", evidence,
          Remediation.of("Make " + path + " a JSON object and address values with JSON pointers."));
    }
    return new FileState(path, null, parse.root(), false, false);
  }

  private static FileState failed(Path path, String reason, Map<String, String> evidence, Remediation remediation) {
    return new FileState(path, new Unresolved(reason, ordered(evidence), remediation), null, false, false);
  }

  /** RFC 6901 lookup as OpenClaw does it (json-pointer.ts); null when a segment is absent. */
  static ConfigNode pointer(ConfigNode root, String pointer) {
    if (root == null || !pointer.startsWith("/")) {
      return null;
    }
    ConfigNode current = root;
    for (String raw : pointer.substring(1).split("/", -1)) {
      String token = raw.replace("~1", "/").replace("~0", "~");
      if (current.isArray()) {
        if (!token.matches("0|[1-9][0-9]{0,8}")) {
          return null;
        }
        int index = Integer.parseInt(token);
        if (index >= current.items().size()) {
          return null;
        }
        current = current.items().get(index);
      } else if (current.isObject() && current.fields().containsKey(token)) {
        current = current.fields().get(token);
      } else {
        return null;
      }
    }
    return current;
  }

  // ---------------------------------------------------------------- exec

  /** The static checks OpenClaw makes before running an exec provider (exec-provider-path-validation.ts). */
  Outcome execStatic(ExecProvider p) {
    return execStatic.computeIfAbsent(p.alias(), a -> checkExecCommand(p));
  }

  private Outcome checkExecCommand(ExecProvider p) {
    String where = "secrets.providers." + shown(p.alias()) + ".command";
    var evidence = new LinkedHashMap<String, String>();
    evidence.put("provider", shown(p.alias()));
    if (p.pluginIntegration()) {
      return new NotChecked("plugin-managed exec providers are materialized from the plugin's manifest, which doctor does not read");
    }
    if (p.command() == null || p.command().trim().isEmpty()) {
      return new Unresolved("exec provider \"" + shown(p.alias()) + "\" has no command", evidence,
          Remediation.of("Set " + where + " to the absolute path of the resolver binary."));
    }
    Path command;
    try {
      command = HomePaths.expandHome(p.command(), ctx);
    } catch (InvalidPathException e) {
      return new Unresolved("the command of exec provider \"" + shown(p.alias()) + "\" is not a valid path", evidence,
          Remediation.of("Set " + where + " to the absolute path of the resolver binary."));
    }
    evidence.put("command", Redaction.shown(command.toString()));
    if (!command.isAbsolute()) {
      return new Unresolved("the command of exec provider \"" + shown(p.alias()) + "\" is not an absolute path", evidence,
          Remediation.of("Set " + where + " to an absolute path; OpenClaw runs it without a shell or PATH lookup."));
    }
    FileFacts facts = FileFacts.of(command);
    if (!facts.exists()) {
      return new Unresolved("the command of exec provider \"" + shown(p.alias()) + "\" does not exist", evidence,
          Remediation.of("Install the resolver or correct " + where + "."));
    }
    if (facts.symlink()) {
      if (p.retiredAllowSymlinkCommand()) {
        evidence.put("note", "allowSymlinkCommand is retired: current OpenClaw ignores it and refuses symlinked commands");
      }
      return new Unresolved("the command of exec provider \"" + shown(p.alias()) + "\" is a symlink, which OpenClaw refuses", evidence,
          Remediation.of("Configure the real binary's path (package-manager shims are symlinks).", "realpath " + Redaction.shellQuote(command.toString())));
    }
    if (facts.directory() || !facts.regularFile()) {
      return new Unresolved("the command of exec provider \"" + shown(p.alias()) + "\" is not a file", evidence,
          Remediation.of("Point " + where + " at the resolver binary."));
    }
    if (!p.trustedDirs().isEmpty()) {
      boolean inside = false;
      for (String dir : p.trustedDirs()) {
        try {
          Path trusted = HomePaths.expandHome(dir, ctx).toAbsolutePath().normalize();
          if (command.normalize().startsWith(trusted)) {
            inside = true;
            break;
          }
        } catch (InvalidPathException e) {
          // An unusable trusted dir approves nothing.
        }
      }
      if (!inside) {
        return new Unresolved("the command of exec provider \"" + shown(p.alias()) + "\" is outside its trustedDirs", evidence,
            Remediation.of("Move the resolver into one of secrets.providers." + shown(p.alias()) + ".trustedDirs or add its directory there."));
      }
    }
    if (facts.groupOrWorldWritable()) {
      evidence.put("file-mode", facts.mode());
      return new Unresolved("the command of exec provider \"" + shown(p.alias()) + "\" is writable by group or others, which OpenClaw refuses",
          evidence,
          facts.ownedBy(currentUser)
              ? Remediation.of("Remove group and world write access.", "chmod go-w " + Redaction.shellQuote(command.toString()))
              : Remediation.of("Have the file's owner remove group and world write access (chmod go-w)."));
    }
    if (!facts.ownedBy(currentUser)) {
      evidence.put("owner", Redaction.shown(facts.owner()));
      return new Unresolved("the command of exec provider \"" + shown(p.alias()) + "\" is not owned by the user running doctor, which OpenClaw"
              + " refuses", evidence,
          Remediation.of("Install a copy owned by the gateway's user, or run doctor as that user."));
    }
    if (!Files.isExecutable(command)) {
      evidence.put("file-mode", facts.mode());
      return new Unresolved("the command of exec provider \"" + shown(p.alias()) + "\" is not executable", evidence,
          Remediation.of("Make it executable for its owner.", "chmod u+x " + Redaction.shellQuote(command.toString())));
    }
    return new Resolved();
  }

  /** Runs one exec provider for all the ids refs ask of it, once per run, and decides each id. */
  Outcome exec(SecretRef ref, ExecProvider p, List<String> allIds, boolean objectAllowed) {
    Outcome statik = execStatic(p);
    if (!(statik instanceof Resolved)) {
      return statik;
    }
    if (!allowExec) {
      return new NotChecked("exec providers run only with --allow-exec");
    }
    Map<String, Outcome> results = execResults.computeIfAbsent(p.alias(), a -> runExec(p, allIds, objectAllowed));
    return results.getOrDefault(ref.id(), new NotChecked("not part of the provider's batch"));
  }

  private Map<String, Outcome> runExec(ExecProvider p, List<String> ids, boolean objectAllowed) {
    var out = new LinkedHashMap<String, Outcome>();
    Duration left = ctx.remaining().minus(Duration.ofMillis(100));
    if (left.compareTo(MIN_EXEC_TIME) < 0) {
      ids.forEach(id -> out.put(id, new NotChecked("no time was left to run the exec provider")));
      return out;
    }
    Duration timeout = p.timeout().compareTo(left) < 0 ? p.timeout() : left;
    Path command = HomePaths.expandHome(p.command(), ctx);
    var argv = new ArrayList<String>();
    argv.add(command.toString());
    argv.addAll(p.args());
    // The gateway gives a provider only passEnv and env; inheriting doctor's environment could make
    // a ref resolve here that fails there.
    Command cmd = Command.of(argv).withTimeout(timeout).withStdin(request(p.alias(), ids)).withCleanEnvironment();
    if (command.getParent() != null) {
      cmd = cmd.withDirectory(command.getParent());
    }
    for (String name : p.passEnv()) {
      var value = ctx.env(name);
      if (value.isPresent()) {
        cmd = cmd.withEnv(name, value.get());
      }
    }
    for (var e : p.env().entrySet()) {
      cmd = cmd.withEnv(e.getKey(), e.getValue());
    }
    execRuns++;
    CommandResult result = ctx.commands().run(cmd);
    var evidence = new LinkedHashMap<String, String>();
    evidence.put("provider", shown(p.alias()));
    evidence.put("command", Redaction.shown(command.toString()));
    evidence.put("timeout-ms", String.valueOf(timeout.toMillis()));
    if (timeout.compareTo(p.timeout()) < 0) {
      evidence.put("note", "the provider's timeoutMs was cut to the time left before doctor's deadline (--timeout)");
    }
    // Only the outcome is kept: resolver output and stderr can hold credentials.
    Unresolved whole = switch (result.outcome()) {
      case TIMED_OUT -> unresolvedRun(p, "timed out after " + timeout.toMillis() + " ms", evidence);
      case NOT_FOUND -> unresolvedRun(p, "could not be found when run", evidence);
      case FAILED_TO_START -> unresolvedRun(p, "could not be started", evidence);
      case EXITED -> result.exitCode() == 0 ? null : unresolvedRun(p, "exited with status " + result.exitCode(), evidence);
    };
    if (whole == null && result.stdout().trim().isEmpty()) {
      whole = unresolvedRun(p, "printed nothing", evidence);
    }
    if (whole != null) {
      for (String id : ids) {
        out.put(id, whole);
      }
      return out;
    }
    String stdout = result.stdout().trim();
    Json5Parse parse = ctx.parseJson5(stdout, null);
    if (!p.jsonOnly() && ids.size() == 1 && (!parse.ok() || parse.root().isString())) {
      // jsonOnly: false and a single id: plain output is the value.
      boolean nonEmpty = !parse.ok() || !parse.root().text().trim().isEmpty();
      out.put(ids.get(0), nonEmpty ? new Resolved() : unresolvedRun(p, "printed an empty value", evidence));
      return out;
    }
    String problem = null;
    ConfigNode root = parse.ok() ? parse.root() : null;
    if (root == null) {
      problem = "did not print valid JSON";
    } else if (!root.isObject()) {
      problem = "printed JSON that is not an object";
    } else if (!isOne(root.get("protocolVersion"))) {
      problem = "answered with a protocolVersion other than 1";
    } else if (!root.get("values").isObject()) {
      problem = "answered without a values object";
    }
    if (problem != null) {
      Unresolved u = unresolvedRun(p, problem, evidence);
      ids.forEach(id -> out.put(id, u));
      return out;
    }
    ConfigNode values = root.get("values");
    ConfigNode errors = root.get("errors");
    for (String id : ids) {
      if (errors.isObject() && errors.fields().containsKey(id)) {
        String code = errors.get(id).get("code").text();
        String shown = code != null && SAFE_EXEC_ERROR_CODES.contains(code) ? " (" + code + ")" : "";
        out.put(id, unresolvedRun(p, "reported an error for this id" + shown, evidence));
      } else if (!values.fields().containsKey(id)) {
        out.put(id, unresolvedRun(p, "returned no value for this id", evidence));
      } else {
        ConfigNode v = values.fields().get(id);
        if (v.isString() && !v.text().trim().isEmpty()) {
          out.put(id, NonSecretValues.isRedactionMarker(v.text().trim()) ? redactedPlaceholder(p) : new Resolved());
        } else if (objectAllowed && v.isObject() && !v.fields().isEmpty()) {
          out.put(id, new Resolved());
        } else {
          out.put(id, unresolvedRun(p, "returned a value that is not a non-empty string", evidence));
        }
      }
    }
    return out;
  }

  private static boolean isOne(ConfigNode node) {
    Number n = node.number();
    return n instanceof BigDecimal b ? b.compareTo(BigDecimal.ONE) == 0 : n != null && n.doubleValue() == 1.0;
  }

  private static Unresolved unresolvedRun(ExecProvider p, String what, Map<String, String> evidence) {
    return new Unresolved(
        "exec provider \"" + shown(p.alias()) + "\" " + what,
        ordered(evidence),
        Remediation.of(
            "Run the resolver by hand as the gateway's user and check its answer against the exec protocol"
                + " (protocolVersion 1, a values object keyed by id). doctor never shows its output: it can hold credentials."));
  }

  private static String shown(String text) {
    return Redaction.shown(text);
  }

  private static Map<String, String> ordered(Map<String, String> evidence) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
  }

  /** The protocol request written to the provider's standard input. */
  static String request(String alias, List<String> ids) {
    var sb = new StringBuilder("{\"protocolVersion\":1,\"provider\":").append(jsonString(alias)).append(",\"ids\":[");
    for (int i = 0; i < ids.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(jsonString(ids.get(i)));
    }
    return sb.append("]}").toString();
  }

  private static String jsonString(String s) {
    var sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
