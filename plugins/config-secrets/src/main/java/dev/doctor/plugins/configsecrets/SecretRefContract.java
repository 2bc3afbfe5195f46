package dev.doctor.plugins.configsecrets;

import dev.doctor.api.ConfigNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SecretRef grammar of OpenClaw's {@code docs/gateway/secrets/secretref-contract.md} (and
 * {@code src/secrets/ref-contract.ts}, which the docs describe): the four sources, the provider
 * alias pattern, the id pattern of each source, and the env shorthands. Stateless.
 */
final class SecretRefContract {

  private SecretRefContract() {}

  static final Set<String> SOURCES = Set.of("env", "file", "exec", "store");
  static final String DEFAULT_ALIAS = "default";
  static final String SINGLE_VALUE_ID = "value";

  static final Pattern PROVIDER_ALIAS = Pattern.compile("^[a-z][a-z0-9_-]{0,63}$");
  /** Env and store ids. */
  static final Pattern ENV_ID = Pattern.compile("^[A-Z][A-Z0-9_]{0,127}$");
  static final Pattern EXEC_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:/#-]{0,255}$");
  /** One segment of a file id (a JSON pointer): {@code ~} only as the RFC 6901 escapes {@code ~0}, {@code ~1}. */
  static final Pattern FILE_ID_SEGMENT = Pattern.compile("^(?:[^~]|~0|~1)*$");

  private static final Pattern ENV_TEMPLATE = Pattern.compile("^\\$\\{([A-Z][A-Z0-9_]{0,127})}$");
  private static final Pattern ENV_SHORTHAND = Pattern.compile("^\\$([A-Z][A-Z0-9_]{0,127})$");
  private static final Pattern TEMPLATE_LIKE = Pattern.compile("^\\$\\{[^}]*}$");
  private static final List<String> RETIRED_MARKERS = List.of("secretref-env:", "__env__:");
  private static final Set<String> REF_KEYS = Set.of("source", "provider", "id");

  /**
   * A well-formed SecretRef. {@code provider} is the alias as written, or null when the ref names
   * none (env shorthands, and the provider-less shape OpenClaw still reads) and the source's
   * default alias applies.
   */
  record SecretRef(String source, String provider, String id, boolean shorthand) {
    /** Ids are names, but a pasted credential can pass the grammar: only displayable ids are shown. */
    @Override
    public String toString() {
      return "SecretRef[" + source + ":" + Redaction.shown(provider) + ":" + Redaction.shown(id) + "]";
    }
  }

  /** What a value written as a ref turned out to be: a ref, or a reason it is none. Reasons never quote values. */
  record Parsed(SecretRef ref, String problem, String problemDetail) {
    static Parsed ok(SecretRef ref) {
      return new Parsed(ref, null, null);
    }

    static Parsed invalid(String problem, String detail) {
      return new Parsed(null, problem, detail);
    }

    boolean valid() {
      return ref != null;
    }
  }

  /**
   * Whether an object is meant as a SecretRef: it has a source and an id or provider and nothing
   * else, or a known source and an id. Where a credential is expected, any object made only of ref
   * fields counts. Provider entries ({@code {source: "file", path}}) and objects that merely have an
   * id ({@code {id: "main"}}) are not refs.
   */
  static boolean isRefShaped(ConfigNode node, boolean credentialExpected) {
    if (!node.isObject() || node.fields().isEmpty()) {
      return false;
    }
    Map<String, ConfigNode> f = node.fields();
    boolean onlyRefKeys = REF_KEYS.containsAll(f.keySet());
    if (onlyRefKeys && credentialExpected) {
      return true;
    }
    boolean hasSource = f.containsKey("source");
    boolean hasTarget = f.containsKey("id") || f.containsKey("provider");
    if (onlyRefKeys) {
      return hasSource && hasTarget;
    }
    ConfigNode source = f.get("source");
    return source != null && source.isString() && SOURCES.contains(source.text()) && f.containsKey("id");
  }

  /** Validates a ref object against the contract. */
  static Parsed parseObject(ConfigNode node) {
    Map<String, ConfigNode> f = node.fields();
    var extra = new ArrayList<String>();
    for (String key : f.keySet()) {
      if (!REF_KEYS.contains(key)) {
        extra.add(Redaction.shown(key));
      }
    }
    if (!extra.isEmpty()) {
      return Parsed.invalid("a SecretRef has exactly the fields source, provider and id", "unexpected field(s): " + String.join(", ", extra));
    }
    ConfigNode sourceNode = f.get("source");
    if (sourceNode == null) {
      return Parsed.invalid("the source field is missing", "expected one of env, file, exec, store");
    }
    if (!sourceNode.isString() || !SOURCES.contains(sourceNode.text())) {
      String shown = !sourceNode.isString()
          ? "a " + sourceNode.kind().name().toLowerCase(java.util.Locale.ROOT)
          : sourceNode.text().matches("[a-z]{1,16}") ? "\"" + sourceNode.text() + "\"" : describeBadText(sourceNode.text());
      return Parsed.invalid("the source is not env, file, exec or store", "source is " + shown);
    }
    String source = sourceNode.text();
    ConfigNode idNode = f.get("id");
    if (idNode == null || !idNode.isString() || idNode.text().trim().isEmpty()) {
      return Parsed.invalid("the id is missing or empty", idNode == null ? "no id field" : "id is not a non-empty string");
    }
    String provider = null;
    ConfigNode providerNode = f.get("provider");
    if (providerNode != null) {
      if (!providerNode.isString() || providerNode.text().trim().isEmpty()) {
        return Parsed.invalid("the provider is not a non-empty string", null);
      }
      provider = providerNode.text();
    }
    return validate(source, provider, idNode.text(), false);
  }

  /** Checks alias and id grammar; {@code provider} may be null (the source's default applies). */
  static Parsed validate(String source, String provider, String rawId, boolean shorthand) {
    if (provider != null && !PROVIDER_ALIAS.matcher(provider).matches()) {
      return Parsed.invalid(
          "the provider alias does not match " + PROVIDER_ALIAS.pattern(), "provider is " + describeBadText(provider));
    }
    String id = rawId.trim();
    String problem =
        switch (source) {
          case "env", "store" -> ENV_ID.matcher(id).matches() ? null : source + " ids must match " + ENV_ID.pattern();
          case "file" -> fileIdProblem(id);
          case "exec" -> execIdProblem(id);
          default -> "unknown source";
        };
    if (problem != null) {
      return Parsed.invalid(problem, "id is " + describeBadText(id));
    }
    return Parsed.ok(new SecretRef(source, provider, id, shorthand));
  }

  private static String fileIdProblem(String id) {
    if (id.equals(SINGLE_VALUE_ID)) {
      return null;
    }
    if (!id.startsWith("/")) {
      return "file ids must be an absolute JSON pointer (\"/a/b\") or \"value\"";
    }
    for (String segment : id.substring(1).split("/", -1)) {
      if (!FILE_ID_SEGMENT.matcher(segment).matches()) {
        return "file ids escape ~ as ~0 and / as ~1 (RFC 6901)";
      }
    }
    return null;
  }

  private static String execIdProblem(String id) {
    if (!EXEC_ID.matcher(id).matches()) {
      return "exec ids must match " + EXEC_ID.pattern();
    }
    for (String segment : id.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return "exec ids must not contain . or .. path segments";
      }
    }
    return null;
  }

  /**
   * Describes a malformed id or alias without showing it: a malformed value may be a credential
   * pasted into the wrong field. Gives its length, the kinds of characters in it, and the
   * credential format it looks like, if any.
   */
  static String describeBadText(String text) {
    var traits = new ArrayList<String>();
    traits.add(text.length() + " characters");
    if (!text.isEmpty() && Character.isDigit(text.charAt(0))) {
      traits.add("starts with a digit");
    }
    if (text.chars().anyMatch(Character::isLowerCase)) {
      traits.add("has lower-case letters");
    }
    if (text.chars().anyMatch(Character::isUpperCase)) {
      traits.add("has upper-case letters");
    }
    if (text.chars().anyMatch(Character::isWhitespace)) {
      traits.add("has spaces");
    }
    if (text.chars().anyMatch(c -> !Character.isLetterOrDigit(c) && !Character.isWhitespace(c) && c != '_')) {
      traits.add("has punctuation");
    }
    TokenFormat.first(text).ifPresent(m -> traits.add("matches the " + m.format().label() + " format"));
    return "hidden (" + String.join(", ", traits) + ")";
  }

  /** The env ref a string shorthand ({@code ${NAME}}, {@code $NAME}) stands for, or null. */
  static SecretRef envShorthand(String value) {
    String trimmed = value.trim();
    Matcher m = ENV_TEMPLATE.matcher(trimmed);
    if (!m.matches()) {
      m = ENV_SHORTHAND.matcher(trimmed);
      if (!m.matches()) {
        return null;
      }
    }
    return new SecretRef("env", null, m.group(1), true);
  }

  /**
   * A string that reads as an env template but is none ({@code ${openai_key}}): OpenClaw only
   * substitutes upper-case names and would use the text literally as the credential.
   */
  static boolean isMalformedTemplate(String value) {
    String trimmed = value.trim();
    return TEMPLATE_LIKE.matcher(trimmed).matches() && !ENV_TEMPLATE.matcher(trimmed).matches();
  }

  /** Retired env markers ({@code secretref-env:NAME}) that only {@code openclaw doctor --fix} still reads. */
  static boolean isRetiredMarker(String value) {
    String trimmed = value.trim();
    return RETIRED_MARKERS.stream().anyMatch(trimmed::startsWith);
  }
}
