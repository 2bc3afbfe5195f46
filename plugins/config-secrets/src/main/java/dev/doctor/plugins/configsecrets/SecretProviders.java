package dev.doctor.plugins.configsecrets;

import dev.doctor.api.ConfigNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code secrets.providers} entries and {@code secrets.defaults} aliases of one config, with
 * OpenClaw's rules for which provider a ref lands on (ref-contract.ts, resolve.ts). Not
 * thread-safe: filled while the config is walked, read afterwards.
 */
final class SecretProviders {

  /** A provider entry as configured; {@code path} is where it stands in the config. */
  sealed interface Provider permits EnvProvider, FileProvider, ExecProvider, StoreProvider, OtherProvider {
    String alias();

    ConfigPath path();

    String source();
  }

  /** {@code allowlist} null means any name; an empty list denies every name. */
  record EnvProvider(String alias, ConfigPath path, List<String> allowlist) implements Provider {
    @Override
    public String source() {
      return "env";
    }
  }

  /** {@code file} is the configured path as written (may be null when missing). */
  record FileProvider(String alias, ConfigPath path, String file, String mode, long maxBytes) implements Provider {
    @Override
    public String source() {
      return "file";
    }

    boolean singleValue() {
      return "singleValue".equals(mode);
    }
  }

  /**
   * An exec provider. {@code env} values may be credentials: they go to the command and nowhere
   * else, and {@link #toString} leaves them and the arguments out.
   */
  record ExecProvider(
      String alias,
      ConfigPath path,
      String command,
      List<String> args,
      List<String> passEnv,
      Map<String, String> env,
      List<String> trustedDirs,
      Duration timeout,
      boolean jsonOnly,
      boolean pluginIntegration,
      boolean retiredAllowSymlinkCommand)
      implements Provider {
    @Override
    public String source() {
      return "exec";
    }

    @Override
    public String toString() {
      return "ExecProvider[" + alias + "]";
    }
  }

  record StoreProvider(String alias, ConfigPath path) implements Provider {
    @Override
    public String source() {
      return "store";
    }
  }

  /** An entry whose source is missing or unknown; refs naming it cannot resolve. */
  record OtherProvider(String alias, ConfigPath path, String source) implements Provider {}

  /** Where a ref's provider alias leads. */
  sealed interface Lookup permits Found, BuiltIn, NotConfigured, SourceMismatch {}

  record Found(Provider provider) implements Lookup {}

  /** OpenClaw's built-in env or store reader, used for the source's default alias without an entry. */
  record BuiltIn(String source) implements Lookup {}

  record NotConfigured() implements Lookup {}

  record SourceMismatch(Provider provider) implements Lookup {}

  static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(5000);
  static final long DEFAULT_MAX_BYTES = 1_048_576;

  private final Map<String, Provider> byAlias = new LinkedHashMap<>();
  private final Map<String, String> defaults = new LinkedHashMap<>();

  /** Records one {@code secrets.providers.<alias>} entry; a later entry for the alias replaces it. */
  void register(String alias, ConfigNode node, ConfigPath path) {
    String source = node.get("source").text();
    Provider p;
    if (source == null) {
      p = new OtherProvider(alias, path, null);
    } else {
      p = switch (source) {
        case "env" -> new EnvProvider(alias, path, node.get("allowlist").isArray() ? strings(node.get("allowlist")) : null);
        case "file" -> new FileProvider(
            alias, path, node.get("path").text(), node.get("mode").text("json"), positiveLong(node.get("maxBytes"), DEFAULT_MAX_BYTES));
        case "exec" -> exec(alias, path, node);
        case "store" -> new StoreProvider(alias, path);
        default -> new OtherProvider(alias, path, source);
      };
    }
    byAlias.put(alias, p);
  }

  private static ExecProvider exec(String alias, ConfigPath path, ConfigNode node) {
    var env = new LinkedHashMap<String, String>();
    node.get("env").fields().forEach((k, v) -> {
      if (v.isString()) {
        env.put(k, v.text());
      }
    });
    long timeoutMs = positiveLong(node.get("timeoutMs"), DEFAULT_TIMEOUT.toMillis());
    return new ExecProvider(
        alias,
        path,
        node.get("command").text(),
        strings(node.get("args")),
        strings(node.get("passEnv")),
        env,
        strings(node.get("trustedDirs")),
        Duration.ofMillis(timeoutMs),
        node.get("jsonOnly").bool(true),
        node.get("pluginIntegration").isObject(),
        node.get("allowSymlinkCommand").bool(false));
  }

  void setDefault(String source, String alias) {
    defaults.put(source, alias);
  }

  /** The source's default alias: {@code secrets.defaults.<source>} when set, else {@code default}. */
  String defaultAlias(String source) {
    String configured = defaults.get(source);
    return configured != null && !configured.trim().isEmpty() ? configured.trim() : SecretRefContract.DEFAULT_ALIAS;
  }

  /** The alias a ref names, or its source's default when it names none. */
  String aliasFor(SecretRefContract.SecretRef ref) {
    return ref.provider() != null ? ref.provider() : defaultAlias(ref.source());
  }

  /**
   * Where a ref with this source and alias leads. An env or store ref on the source's default
   * alias uses the built-in reader unless an entry of the same source claims the alias.
   */
  Lookup lookup(String source, String alias) {
    Provider p = byAlias.get(alias);
    boolean sameSource = p != null && source.equals(p.source());
    if (!sameSource && (source.equals("env") || source.equals("store")) && alias.equals(defaultAlias(source))) {
      return new BuiltIn(source);
    }
    if (p == null) {
      return new NotConfigured();
    }
    if (!sameSource) {
      return new SourceMismatch(p);
    }
    return new Found(p);
  }

  int size() {
    return byAlias.size();
  }

  private static List<String> strings(ConfigNode array) {
    var out = new ArrayList<String>();
    for (ConfigNode item : array.items()) {
      if (item.isString()) {
        out.add(item.text());
      }
    }
    return out;
  }

  private static long positiveLong(ConfigNode node, long fallback) {
    Number n = node.number();
    if (n == null) {
      return fallback;
    }
    double d = n instanceof BigDecimal b ? b.doubleValue() : n.doubleValue();
    if (!Double.isFinite(d) || d < 1) {
      return fallback;
    }
    return (long) Math.floor(d);
  }
}
