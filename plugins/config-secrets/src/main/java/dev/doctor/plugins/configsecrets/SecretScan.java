package dev.doctor.plugins.configsecrets;

import static dev.doctor.plugins.configsecrets.ConfigSecretsCheck.INVALID_REF;
import static dev.doctor.plugins.configsecrets.ConfigSecretsCheck.PLAINTEXT;
import static dev.doctor.plugins.configsecrets.ConfigSecretsCheck.REDACTED_SENTINEL;
import static dev.doctor.plugins.configsecrets.ConfigSecretsCheck.UNRESOLVED_REF;

import dev.doctor.api.CheckContext;
import dev.doctor.api.CheckResult;
import dev.doctor.api.ConfigNode;
import dev.doctor.api.Finding;
import dev.doctor.api.GatewayConfig;
import dev.doctor.api.Json5Parse;
import dev.doctor.api.Remediation;
import dev.doctor.api.Severity;
import dev.doctor.plugins.configsecrets.CredentialMatrix.FileKind;
import dev.doctor.plugins.configsecrets.RefResolver.NotChecked;
import dev.doctor.plugins.configsecrets.RefResolver.Outcome;
import dev.doctor.plugins.configsecrets.RefResolver.Resolved;
import dev.doctor.plugins.configsecrets.RefResolver.Unresolved;
import dev.doctor.plugins.configsecrets.SecretProviders.EnvProvider;
import dev.doctor.plugins.configsecrets.SecretProviders.ExecProvider;
import dev.doctor.plugins.configsecrets.SecretProviders.FileProvider;
import dev.doctor.plugins.configsecrets.SecretProviders.Found;
import dev.doctor.plugins.configsecrets.SecretProviders.NotConfigured;
import dev.doctor.plugins.configsecrets.SecretProviders.SourceMismatch;
import dev.doctor.plugins.configsecrets.SecretRefContract.Parsed;
import dev.doctor.plugins.configsecrets.SecretRefContract.SecretRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the check: walks the config (with its includes), the {@code .env} files and the
 * agents' {@code auth-profiles.json} and {@code models.json}, then checks the refs it found and
 * the files' permissions. Not thread-safe; one instance per run.
 *
 * <p>Everything that reaches a finding goes through one of the builders at the end of this class,
 * which take positions, lengths, detector names and displayable names, never values.
 */
final class SecretScan {

  /** What a file is, for the rules that apply to it. */
  private enum Source {
    CONFIG(FileKind.CONFIG),
    AUTH_PROFILES(FileKind.AUTH_PROFILES),
    MODELS_JSON(FileKind.MODELS_JSON),
    DOTENV(null);

    final FileKind kind;

    Source(FileKind kind) {
      this.kind = kind;
    }

    /** Files where a string can be a SecretRef shorthand. */
    boolean takesRefs() {
      return this == CONFIG || this == AUTH_PROFILES;
    }
  }

  /** Why a value is (or is not) expected to be a credential. */
  private enum Role {
    /** A field of the credential matrix. */
    KNOWN,
    /** Its name says credential. */
    NAMED,
    /** OpenClaw writes it itself; it cannot be a ref. */
    RUNTIME_MANAGED,
    OTHER;

    boolean credential() {
      return this == KNOWN || this == NAMED;
    }
  }

  private record Position(Role role, CredentialMatrix.Entry entry) {
    static final Position OTHER = new Position(Role.OTHER, null);
  }

  /** A parsed file being walked; {@code prefix} is where an included file lands in the config. */
  private record Doc(Path file, Source source, ConfigNode root, ConfigPath prefix, int depth) {
    @Override
    public String toString() {
      return "Doc[" + file + "]";
    }
  }

  /** Where a value stands: file, display path and position. */
  private record Site(Path file, Source source, String path, int line, int column, Position position) {}

  private record RefSite(Site site, Parsed parsed, boolean objectAllowed) {}

  /** A well-formed ref whose provider was found, waiting to be resolved. */
  private record Pending(RefSite site, SecretRef ref, String alias, SecretProviders.Lookup lookup) {}

  private static final Pattern TEMPLATE = Pattern.compile("(?<!\\$)\\$\\{([A-Z_][A-Z0-9_]*)}");
  private static final Pattern PATH_LIKE = Pattern.compile("(?:/|~/|\\./|\\.\\./)\\S*");
  private static final Pattern PLAIN_URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://\\S*");
  private static final long MAX_FILE_BYTES = 8L * 1024 * 1024;
  private static final int MAX_INCLUDE_DEPTH = 10;

  private final CheckContext ctx;
  private final CredentialMatrix matrix;
  private final String currentUser;
  private final List<Finding> findings = new ArrayList<>();
  private final Map<String, String> evidence = new LinkedHashMap<>();
  private final SecretProviders providers = new SecretProviders();
  private final List<RefSite> refSites = new ArrayList<>();
  private final Map<Path, Integer> plaintextPerFile = new HashMap<>();
  private final Set<Path> scanned = new LinkedHashSet<>();
  private final Set<Path> configFiles = new LinkedHashSet<>();
  private final Map<Path, Source> credentialFiles = new LinkedHashMap<>();
  private final Set<Path> visitingIncludes = new HashSet<>();
  private final Map<String, Boolean> dotEnvNames = new HashMap<>();
  private final Map<String, Boolean> configEnvVars = new HashMap<>();
  private final List<String> dotEnvFiles = new ArrayList<>();
  private final List<String> unparsable = new ArrayList<>();
  private boolean shellEnv;

  SecretScan(CheckContext ctx, CredentialMatrix matrix, String currentUser) {
    this.ctx = ctx;
    this.matrix = matrix;
    this.currentUser = currentUser;
  }

  CheckResult run() {
    GatewayConfig config = ctx.config();
    Path stateDir = config.stateDir();
    evidence.put("config-file", config.file().toString());
    evidence.put("config-status", config.status().name().toLowerCase(java.util.Locale.ROOT));
    evidence.put("state-dir", stateDir.toString());
    if (config.status() == GatewayConfig.Status.MISSING && !Files.isDirectory(stateDir)) {
      return CheckResult.skipped("no OpenClaw config at " + config.file() + " and no state directory at " + stateDir + ": nothing to scan", evidence);
    }
    evidence.put("matrix-entries", String.valueOf(matrix.size()));

    scanConfig(config);
    for (Path env : dotEnvPaths(stateDir, config.file())) {
      scanDotEnv(env);
    }
    scanAgents(stateDir);
    RefResolver resolver = new RefResolver(ctx, envSources(), currentUser, ctx.option("allow-exec").map("true"::equalsIgnoreCase).orElse(false));
    checkRefs(resolver);
    checkPermissions(stateDir, resolver);

    evidence.put("files-scanned", scanned.isEmpty() ? "none" : String.join(", ", scanned.stream().map(Path::toString).toList()));
    if (!unparsable.isEmpty()) {
      evidence.put("scanned-as-text", String.join(", ", unparsable));
    }
    return CheckResult.of(findings, evidence);
  }

  // ================================================================ reading files

  private void scanConfig(GatewayConfig config) {
    Path file = config.file();
    switch (config.status()) {
      case LOADED -> {
        String text = readText(file);
        if (text != null) {
          scanned.add(file);
        }
        configFiles.add(file);
        List<LenientJson5.Comment> comments = text == null ? List.of() : LenientJson5.parse(text, file).comments();
        visitingIncludes.add(file.toAbsolutePath().normalize());
        scanDoc(new Doc(file, Source.CONFIG, config.root(), ConfigPath.ROOT, 0), comments);
      }
      case UNREADABLE -> {
        configFiles.add(file);
        String text = readText(file);
        if (text == null) {
          evidence.put("config-scan", "the config could not be read");
          return;
        }
        scanned.add(file);
        // The host already reported the parse error; recover what we can so its secrets are still found.
        unparsable.add(file.toString());
        LenientJson5.Result recovered = LenientJson5.parse(text, file);
        visitingIncludes.add(file.toAbsolutePath().normalize());
        scanDoc(new Doc(file, Source.CONFIG, recovered.root(), ConfigPath.ROOT, 0), recovered.comments());
      }
      case MISSING -> {
        // OpenClaw's defaults apply: no config secrets, but .env and agent files may still hold some.
      }
    }
  }

  private static List<Path> dotEnvPaths(Path stateDir, Path configFile) {
    var paths = new LinkedHashSet<Path>();
    paths.add(stateDir.resolve(".env").toAbsolutePath().normalize());
    Path configDir = configFile.toAbsolutePath().getParent();
    if (configDir != null) {
      paths.add(configDir.resolve(".env").normalize());
    }
    return List.copyOf(paths);
  }

  private void scanAgents(Path stateDir) {
    Path agents = stateDir.resolve("agents");
    if (!Files.isDirectory(agents)) {
      return;
    }
    var dirs = new ArrayList<Path>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(agents)) {
      for (Path p : stream) {
        if (Files.isDirectory(p)) {
          dirs.add(p);
        }
      }
    } catch (IOException | SecurityException e) {
      evidence.put("agents", "could not list " + agents);
      return;
    }
    dirs.sort(null);
    for (Path dir : dirs) {
      Path agentDir = dir.resolve("agent");
      scanJsonFile(agentDir.resolve("auth-profiles.json"), Source.AUTH_PROFILES);
      scanJsonFile(agentDir.resolve("models.json"), Source.MODELS_JSON);
    }
  }

  private void scanJsonFile(Path file, Source source) {
    String text = readText(file);
    if (text == null) {
      return;
    }
    scanned.add(file);
    credentialFiles.put(file, source);
    LenientJson5.Result lenient = LenientJson5.parse(text, file);
    Json5Parse parse = ctx.parseJson5(text, file);
    ConfigNode root;
    if (parse.ok()) {
      root = parse.root();
    } else {
      unparsable.add(file + " (does not parse at " + parse.line() + ":" + parse.column() + ")");
      root = lenient.root();
    }
    scanDoc(new Doc(file, source, root, ConfigPath.ROOT, 0), lenient.comments());
  }

  /** The file's text, or null when it is absent, not a regular file, too large or unreadable. */
  private String readText(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        return null;
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        evidence.put("skipped-large-file", file.toString());
        return null;
      }
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException | SecurityException e) {
      evidence.put("unreadable", file.toString());
      return null;
    }
  }

  // ================================================================ walking documents

  private void scanDoc(Doc doc, List<LenientJson5.Comment> comments) {
    walk(doc, doc.root(), doc.prefix(), doc.root());
    for (LenientJson5.Comment c : comments) {
      ConfigPath context = doc.prefix().append(c.context());
      // Comment columns point at the "//" or "/*"; the text starts two characters later.
      scanFreeText(doc.file(), doc.source(), displayPath(doc.source(), context), c.text(), c.line(), c.column() + 2, "comment");
    }
  }

  private void walk(Doc doc, ConfigNode node, ConfigPath path, ConfigNode parent) {
    Position position = classify(doc, path, parent);
    switch (node.kind()) {
      case OBJECT -> walkObject(doc, node, path, position);
      case ARRAY -> {
        for (int i = 0; i < node.items().size(); i++) {
          walk(doc, node.items().get(i), path.index(i), node);
        }
      }
      case STRING -> string(site(doc, node, path, position), node.text());
      default -> {
        // Numbers, booleans and nulls hold no credential worth reporting.
      }
    }
  }

  private void walkObject(Doc doc, ConfigNode node, ConfigPath path, Position position) {
    if (SecretRefContract.isRefShaped(node, position.role().credential())) {
      refObject(doc, node, path, position);
      return;
    }
    if (position.entry() != null && position.entry().objectAllowed() && !node.fields().isEmpty()) {
      Site site = site(doc, node, path, position);
      plaintext(site, Detection.matrix(position.entry()), -1, "inline JSON object (" + node.fields().size() + " fields)", null);
      return;
    }
    if (doc.source() == Source.CONFIG) {
      remember(doc, node, path);
    }
    for (var field : node.fields().entrySet()) {
      String key = field.getKey();
      if (doc.source() == Source.CONFIG && key.equals("$include")) {
        continue;
      }
      ConfigNode child = field.getValue();
      TokenFormat.first(key).ifPresent(m ->
          plaintext(site(doc, child, path.key(key), Position.OTHER), Detection.format(m), m.length(), "object key", null));
      walk(doc, child, path.key(key), node);
    }
  }

  /** Collects what ref checks need from the config: providers, default aliases, inline env vars, includes. */
  private void remember(Doc doc, ConfigNode node, ConfigPath path) {
    if (path.is("secrets", "providers")) {
      node.fields().forEach((alias, entry) -> {
        if (entry.isObject()) {
          providers.register(alias, entry, path.key(alias));
        }
      });
    } else if (path.is("secrets", "defaults")) {
      node.fields().forEach((source, alias) -> {
        if (alias.isString()) {
          providers.setDefault(source, alias.text());
        }
      });
    } else if (path.is("env")) {
      node.fields().forEach((name, value) -> {
        if (value.isString() && !name.equals("vars")) {
          configEnvVars.put(name, !value.text().trim().isEmpty());
        }
      });
      shellEnv = node.get("shellEnv").get("enabled").bool(false);
    } else if (path.is("env", "vars")) {
      node.fields().forEach((name, value) -> {
        if (value.isString()) {
          configEnvVars.put(name, !value.text().trim().isEmpty());
        }
      });
    }
    ConfigNode include = node.get("$include");
    if (include.isString()) {
      include(doc, include.text(), path);
    } else if (include.isArray()) {
      for (ConfigNode item : include.items()) {
        if (item.isString()) {
          include(doc, item.text(), path);
        }
      }
    }
  }

  /** Walks an included file where it lands in the config; OpenClaw allows ten levels. */
  private void include(Doc doc, String target, ConfigPath at) {
    if (doc.depth() >= MAX_INCLUDE_DEPTH || target.indexOf('\0') >= 0) {
      return;
    }
    Path base = doc.file().toAbsolutePath().getParent();
    Path file;
    try {
      file = (base == null ? Path.of(target) : base.resolve(target)).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      return;
    }
    if (!visitingIncludes.add(file)) {
      return;
    }
    try {
      String text = readText(file);
      if (text == null) {
        return;
      }
      scanned.add(file);
      configFiles.add(file);
      LenientJson5.Result lenient = LenientJson5.parse(text, file);
      Json5Parse parse = ctx.parseJson5(text, file);
      ConfigNode root = parse.ok() ? parse.root() : lenient.root();
      if (!parse.ok()) {
        unparsable.add(file + " (does not parse at " + parse.line() + ":" + parse.column() + ")");
      }
      scanDoc(new Doc(file, Source.CONFIG, root, at, doc.depth() + 1), lenient.comments());
    } finally {
      visitingIncludes.remove(file);
    }
  }

  private Position classify(Doc doc, ConfigPath path, ConfigNode parent) {
    if (path.isRoot()) {
      return Position.OTHER;
    }
    Source source = doc.source();
    if (source == Source.CONFIG
        && ((path.size() == 3 && path.startsWith("secrets", "providers")) || (path.size() >= 3 && path.startsWith("secrets", "defaults")))) {
      // Provider entries and default aliases look like refs ({source: "env"}) but are not.
      return Position.OTHER;
    }
    ConfigNode profile = null;
    if (source == Source.AUTH_PROFILES && path.size() >= 3 && path.startsWith("profiles") && path.segments().get(1) instanceof String id) {
      profile = doc.root().get("profiles").get(id);
    }
    if (matrix.isRuntimeManaged(source.kind, path, profile)) {
      return new Position(Role.RUNTIME_MANAGED, null);
    }
    if (parent != null && parent.isObject()) {
      CredentialMatrix.Entry entry = matrix.match(source.kind, path, parent);
      if (entry != null) {
        return new Position(Role.KNOWN, entry);
      }
    }
    String key = nearestKey(path);
    if (key != null && CredentialNames.isCredentialName(key)) {
      return new Position(Role.NAMED, null);
    }
    return Position.OTHER;
  }

  private static String nearestKey(ConfigPath path) {
    List<Object> segments = path.segments();
    for (int i = segments.size() - 1; i >= 0; i--) {
      if (segments.get(i) instanceof String s) {
        return s;
      }
    }
    return null;
  }

  private Site site(Doc doc, ConfigNode node, ConfigPath path, Position position) {
    return new Site(doc.file(), doc.source(), displayPath(doc.source(), path), node.line(), node.column(), position);
  }

  private static String displayPath(Source source, ConfigPath path) {
    return source == Source.DOTENV ? ConfigPath.join("$env", path) : path.display();
  }

  // ================================================================ values

  private void string(Site site, String value) {
    String trimmed = value.trim();
    if (trimmed.isEmpty()) {
      return;
    }
    Role role = site.position().role();
    if (NonSecretValues.containsOpenClawSentinel(value) || (role.credential() && NonSecretValues.isRedactionMarker(trimmed))) {
      redacted(site, NonSecretValues.containsOpenClawSentinel(value));
      return;
    }
    if (role.credential() && site.source().takesRefs()) {
      SecretRef shorthand = SecretRefContract.envShorthand(value);
      if (shorthand != null) {
        refSites.add(new RefSite(site, Parsed.ok(shorthand), false));
        return;
      }
      if (SecretRefContract.isMalformedTemplate(value)) {
        invalidRef(site, "an env template needs an upper-case variable name; OpenClaw would use this text literally as the credential",
            "written like ${NAME} but the name does not match " + SecretRefContract.ENV_ID.pattern(), null);
        return;
      }
      if (SecretRefContract.isRetiredMarker(value)) {
        invalidRef(site, "retired env marker (secretref-env: or __env__:) that OpenClaw no longer reads",
            null, Remediation.of("Write the reference as \"${NAME}\", or let `openclaw doctor --fix` migrate it."));
        return;
      }
    } else if (SecretRefContract.envShorthand(value) != null) {
      return;
    }
    Matcher templates = TEMPLATE.matcher(value);
    if (templates.find()) {
      // Env substitution inside a longer value ("Bearer ${TOKEN}"): the variables must exist, and
      // only the text around them can be a plaintext credential.
      if (role.credential() && site.source().takesRefs()) {
        do {
          refSites.add(new RefSite(site, SecretRefContract.validate("env", null, templates.group(1), true), false));
        } while (templates.find());
      }
      String rest = TEMPLATE.matcher(value).replaceAll(" ");
      TokenFormat.first(rest).ifPresent(m -> plaintext(site, Detection.format(m), m.length(), "value", null));
      return;
    }
    var match = TokenFormat.first(value);
    if (match.isPresent()) {
      plaintext(site, Detection.format(match.get()), match.get().length(), "value", null);
      return;
    }
    if (NonSecretValues.isPlaceholderOrMarker(trimmed)) {
      return;
    }
    if (role == Role.KNOWN && !PATH_LIKE.matcher(trimmed).matches()) {
      plaintext(site, Detection.matrix(site.position().entry()), trimmed.length(), "value", null);
    } else if (role == Role.NAMED && plausibleSecret(trimmed)) {
      plaintext(site, Detection.FIELD_NAME, trimmed.length(), "value", null);
    }
  }

  /** Filters name-only matches: short words, paths and plain URLs are settings, not credentials. */
  private static boolean plausibleSecret(String trimmed) {
    return trimmed.length() >= 4 && !PATH_LIKE.matcher(trimmed).matches() && !PLAIN_URL.matcher(trimmed).matches();
  }

  /** Recognisable credentials in comments and other text outside values. */
  private void scanFreeText(Path file, Source source, String path, String text, int line, int column, String where) {
    for (TokenFormat.Match m : TokenFormat.findAll(text)) {
      int[] at = position(text, m.start(), line, column);
      Site site = new Site(file, source, path, at[0], at[1], Position.OTHER);
      plaintext(site, Detection.format(m), m.length(), where, null);
    }
    if (NonSecretValues.containsOpenClawSentinel(text)) {
      redacted(new Site(file, source, path, line, column, Position.OTHER), true);
    }
  }

  private static int[] position(String text, int offset, int line, int column) {
    int l = line;
    int c = column;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        l++;
        c = 1;
      } else {
        c++;
      }
    }
    return new int[] {l, c};
  }

  private void refObject(Doc doc, ConfigNode node, ConfigPath path, Position position) {
    Site site = site(doc, node, path, position);
    // A credential pasted into a ref field is plaintext all the same.
    node.fields().forEach((key, child) -> {
      if (child.isString()) {
        TokenFormat.first(child.text()).ifPresent(m ->
            plaintext(site(doc, child, path.key(key), Position.OTHER), Detection.format(m), m.length(), "SecretRef field", null));
      }
    });
    if (doc.source() == Source.MODELS_JSON) {
      unresolvedRef(site, new Unresolved(
          "models.json is generated and OpenClaw does not resolve SecretRefs in it",
          Map.of(),
          Remediation.of("Regenerate models.json (delete it and let OpenClaw write it again); keep the ref in openclaw.json.")), null);
      return;
    }
    refSites.add(new RefSite(site, SecretRefContract.parseObject(node), position.entry() != null && position.entry().objectAllowed()));
  }

  private void scanDotEnv(Path file) {
    String text = readText(file);
    if (text == null) {
      return;
    }
    if (!scanned.add(file)) {
      return;
    }
    credentialFiles.put(file, Source.DOTENV);
    dotEnvFiles.add(file.toString());
    DotEnv env = DotEnv.parse(text);
    for (DotEnv.Entry e : env.entries()) {
      dotEnvNames.merge(e.name(), !e.value().trim().isEmpty(), Boolean::logicalOr);
      Position position = CredentialNames.isCredentialName(e.name()) ? new Position(Role.NAMED, null) : Position.OTHER;
      string(new Site(file, Source.DOTENV, "$env." + Redaction.shown(e.name()), e.line(), e.column(), position), e.value());
    }
    for (DotEnv.Text t : env.freeText()) {
      scanFreeText(file, Source.DOTENV, "$env", t.text(), t.line(), t.column(), t.comment() ? "comment" : "unparsed line");
    }
  }

  private EnvSources envSources() {
    return new EnvSources(ctx::env, Map.copyOf(dotEnvNames), Map.copyOf(configEnvVars), shellEnv, List.copyOf(dotEnvFiles));
  }

  // ================================================================ refs

  private void checkRefs(RefResolver resolver) {
    var execIds = new LinkedHashMap<String, List<String>>();
    var pending = new ArrayList<Pending>();
    for (RefSite rs : refSites) {
      if (!rs.parsed().valid()) {
        invalidRef(rs.site(), rs.parsed().problem(), rs.parsed().problemDetail(), null);
        continue;
      }
      SecretRef ref = rs.parsed().ref();
      String alias = providers.aliasFor(ref);
      if (ref.provider() == null && !SecretRefContract.PROVIDER_ALIAS.matcher(alias).matches()) {
        invalidRef(rs.site(), "secrets.defaults." + ref.source() + " is not a valid provider alias",
            "alias is " + SecretRefContract.describeBadText(alias), null);
        continue;
      }
      SecretProviders.Lookup lookup = providers.lookup(ref.source(), alias);
      if (lookup instanceof NotConfigured) {
        invalidRef(rs.site(), "provider alias \"" + Redaction.shown(alias) + "\" has no secrets.providers entry",
            ref.source() + " refs other than the default alias need a provider of the same source",
            Remediation.of("Declare secrets.providers." + Redaction.shown(alias) + " with source \"" + ref.source()
                + "\", or name a provider that exists."));
        continue;
      }
      if (lookup instanceof SourceMismatch mismatch) {
        String declared = mismatch.provider().source();
        invalidRef(rs.site(), "provider \"" + Redaction.shown(alias) + "\" is declared with source "
                + (declared == null ? "missing" : "\"" + Redaction.shown(declared) + "\"") + " but the ref asks for " + ref.source(),
            null, Remediation.of("Make the ref's source match its provider, or name a provider of source \"" + ref.source() + "\"."));
        continue;
      }
      if (lookup instanceof Found found && found.provider() instanceof FileProvider fp) {
        boolean valueId = ref.id().equals(SecretRefContract.SINGLE_VALUE_ID);
        if (fp.singleValue() && !valueId) {
          invalidRef(rs.site(), "provider \"" + Redaction.shown(alias) + "\" is a singleValue file provider, which only takes the id \"value\"",
              null, null);
          continue;
        }
        if (!fp.singleValue() && valueId) {
          invalidRef(rs.site(), "provider \"" + Redaction.shown(alias) + "\" is a json file provider, which takes a JSON pointer id (\"/a/b\")",
              null, null);
          continue;
        }
      }
      if (lookup instanceof Found found && found.provider() instanceof ExecProvider ep) {
        List<String> ids = execIds.computeIfAbsent(ep.alias(), a -> new ArrayList<>());
        if (!ids.contains(ref.id())) {
          ids.add(ref.id());
        }
      }
      pending.add(new Pending(rs, ref, alias, lookup));
    }
    int resolved = 0;
    var notChecked = new TreeMap<String, Integer>();
    for (Pending p : pending) {
      RefSite rs = p.site();
      SecretRef ref = p.ref();
      SecretProviders.Lookup lookup = p.lookup();
      Outcome outcome = switch (ref.source()) {
        case "env" -> resolver.env(ref, lookup instanceof Found f && f.provider() instanceof EnvProvider ep ? ep : null);
        case "file" -> resolver.file(ref, (FileProvider) ((Found) lookup).provider(), rs.objectAllowed());
        case "exec" -> {
          ExecProvider ep = (ExecProvider) ((Found) lookup).provider();
          yield resolver.exec(ref, ep, execIds.get(ep.alias()), rs.objectAllowed());
        }
        default -> new NotChecked("store refs are read from OpenClaw's SQLite secret store, which doctor does not open");
      };
      if (outcome instanceof Resolved) {
        resolved++;
      } else if (outcome instanceof Unresolved u) {
        unresolvedRef(rs.site(), u, refLabel(ref, p.alias()));
      } else if (outcome instanceof NotChecked n) {
        notChecked.merge(n.why(), 1, Integer::sum);
      }
    }
    evidence.put("refs", String.valueOf(refSites.size()));
    evidence.put("refs-resolved", String.valueOf(resolved));
    evidence.put("providers", String.valueOf(providers.size()));
    int i = 1;
    for (var e : notChecked.entrySet()) {
      evidence.put("refs-not-checked." + i++, e.getValue() + ": " + e.getKey());
    }
    if (resolver.execRuns() > 0) {
      evidence.put("exec-provider-runs", String.valueOf(resolver.execRuns()));
    }
  }

  // ================================================================ permissions

  private void checkPermissions(Path stateDir, RefResolver resolver) {
    var posture = new FilePosture(currentUser);
    findings.addAll(posture.stateDir(stateDir));
    for (Path file : configFiles) {
      findings.addAll(posture.file(file, true, plaintextPerFile.getOrDefault(file, 0) > 0, null));
    }
    for (var entry : credentialFiles.entrySet()) {
      boolean holdsSecrets = plaintextPerFile.getOrDefault(entry.getKey(), 0) > 0;
      // models.json is a generated catalog: a credential file only when a plaintext key ended up in it.
      if (entry.getValue() != Source.MODELS_JSON || holdsSecrets) {
        findings.addAll(posture.file(entry.getKey(), false, holdsSecrets, null));
      }
    }
    for (RefResolver.ProviderFile pf : resolver.providerFiles()) {
      findings.addAll(posture.file(pf.path(), false, true, pf.provider().path().key("path").display()));
    }
  }

  // ================================================================ findings

  /** What recognised a plaintext credential. */
  private record Detection(String detector, String label, String marker, Severity severity, String matrixEntry) {
    static final Detection FIELD_NAME = new Detection("field-name", "field name says credential", null, Severity.WARNING, null);

    static Detection matrix(CredentialMatrix.Entry entry) {
      return new Detection("matrix", "known credential field", null, Severity.ERROR, entry.id());
    }

    static Detection format(TokenFormat.Match m) {
      return new Detection(m.format().detector(), m.format().label(), m.marker(), m.format().severity(), null);
    }
  }

  private void plaintext(Site site, Detection d, int length, String in, String note) {
    String where = site.path() != null ? site.path() : Redaction.shown(site.file().toString());
    String label = d.label() + (d.marker() != null ? " " + d.marker() : "");
    Finding.Builder b = Finding.builder(PLAINTEXT, d.severity(), "Plaintext credential at " + where + " (" + label + ")")
        .path(site.path())
        .file(site.file())
        .location(site.line(), site.column())
        .evidence("detector", d.detector())
        .evidence("length", length < 0 ? null : String.valueOf(length))
        .evidence("marker", d.marker())
        .evidence("in", in)
        .evidence("matrix-entry", d.matrixEntry() != null ? d.matrixEntry()
            : site.position().entry() != null ? site.position().entry().id() : null)
        .evidence("location", site.file() + ":" + site.line() + ":" + site.column())
        .evidence("note", note);
    if (site.position().role() == Role.RUNTIME_MANAGED) {
      b.evidence("runtime-managed", "true");
      b.remediation(Remediation.of("OpenClaw writes and rotates this value itself, so it cannot be a SecretRef. Keep the file private"
          + " (mode 0600) and rotate the credential if the file was ever shared or copied."));
    } else {
      b.remediation(switch (site.source()) {
        case DOTENV -> Remediation.of("The gateway loads this .env file, so the value is plaintext on disk for anything that can read"
            + " the file, agents included. Keep the file at mode 0600, or keep the value in a secret manager and reach it through a"
            + " file or exec provider. Rotate it if the file was ever shared or committed.");
        case MODELS_JSON -> Remediation.of("models.json is generated from the config and auth profiles. Once the source credential is a"
            + " SecretRef, delete this file so OpenClaw writes it again without the plaintext copy; rotate the credential if the"
            + " file was shared.");
        case AUTH_PROFILES -> Remediation.of("Move the key out of auth-profiles.json: give the profile a keyRef (tokenRef for token"
            + " profiles) that is a SecretRef, or run `openclaw secrets configure`. auth-profiles.json is a retired store that"
            + " `openclaw doctor --fix` migrates.", "openclaw secrets configure");
        default -> Remediations.moveToSecretRef(site.path(), d.severity() == Severity.ERROR);
      });
    }
    findings.add(b.build());
    plaintextPerFile.merge(site.file(), 1, Integer::sum);
  }

  private void redacted(Site site, boolean openClawSentinel) {
    String where = site.path() != null ? site.path() : Redaction.shown(site.file().toString());
    findings.add(Finding.builder(REDACTED_SENTINEL, Severity.WARNING,
            where + " holds a redaction placeholder instead of a credential")
        .path(site.path())
        .file(site.file())
        .location(site.line(), site.column())
        .evidence("marker", openClawSentinel ? NonSecretValues.OPENCLAW_REDACTED : "redaction marker")
        .remediation(Remediation.of("This value was copied from redacted output (such as `openclaw config get` or a support bundle),"
            + " so the real credential is lost here and OpenClaw refuses the placeholder. Put the real credential back, preferably as"
            + " a SecretRef."))
        .build());
  }

  private void invalidRef(Site site, String problem, String detail, Remediation remediation) {
    String where = site.path() != null ? site.path() : Redaction.shown(site.file().toString());
    findings.add(Finding.builder(INVALID_REF, Severity.ERROR, "Malformed SecretRef at " + where + ": " + problem)
        .path(site.path())
        .file(site.file())
        .location(site.line(), site.column())
        .evidence("detail", detail)
        .remediation(remediation != null ? remediation : Remediation.of(
            "Fix the ref to match the SecretRef contract: {source: env|file|exec|store, provider, id}; provider aliases match "
                + SecretRefContract.PROVIDER_ALIAS.pattern() + "; env and store ids match " + SecretRefContract.ENV_ID.pattern()
                + "; file ids are an absolute JSON pointer or \"value\"; exec ids match " + SecretRefContract.EXEC_ID.pattern()
                + " without . or .. segments."))
        .build());
  }

  /** {@code source:alias:id} when every part can be shown. */
  private static String refLabel(SecretRef ref, String alias) {
    String label = ref.source() + ":" + alias + ":" + ref.id();
    return Redaction.isDisplayable(label) ? label : ref.source() + ":" + Redaction.shown(alias) + ":<id hidden>";
  }

  private void unresolvedRef(Site site, Unresolved u, String refLabel) {
    String where = site.path() != null ? site.path() : Redaction.shown(site.file().toString());
    findings.add(Finding.builder(UNRESOLVED_REF, Severity.ERROR, "SecretRef at " + where + " does not resolve: " + u.reason())
        .path(site.path())
        .file(site.file())
        .location(site.line(), site.column())
        .evidence("ref", refLabel)
        .evidence(u.evidence())
        .remediation(u.remediation())
        .build());
  }
}
