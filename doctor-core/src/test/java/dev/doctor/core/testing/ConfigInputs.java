package dev.doctor.core.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators (jqwik) of gateway configs that are only sometimes valid, for the fuzz tests of the
 * config reader (core) and of the whole command line (CLI): mutated JSON5, random JSON5-ish text,
 * valid trees of hostile values, deep nesting, and bytes that are not UTF-8.
 */
public final class ConfigInputs {

  /** Valid configs that mutations start from: the shapes and corners of JSON5 that people write. */
  public static final List<String> SEEDS = List.of(
      """
      // gateway config
      {
        gateway: { port: 18789, bind: 'loopback', auth: { mode: 'token', token: { source: 'env', provider: 'default', id: 'GW_TOKEN' } } },
        agents: { defaults: { sandbox: { mode: 'non-main', docker: { network: 'none', image: "openclaw-sandbox:bookworm-slim" } } } },
        models: { providers: { anthropic: { apiKey: 'sk-ant-api03-xxxxxxxxxxxxxxxxxxxx' } } }, /* trailing */
        secrets: { providers: { vault: { source: 'file', path: '/nonexistent/secrets.json', mode: 'json' } } },
        channels: { telegram: { botToken: { source: 'file', provider: 'vault', id: '/telegram/token' } } },
      }
      """,
      "{a: [1, +2, -3.5, .5, 5., 1e3, NaN, -Infinity, Infinity, null, true, false,], 'b': \"\\u00e9\\x41\\v\\0\\\n\"}",
      "{\"plain\": \"json\", \"nested\": {\"list\": [[], {}, [[{\"deep\": 1}]]]}}",
      "\uFEFF{ key\u00A0: 'value'\u2028, other:\t'tab\there' }",
      "{ $id_1: 'x', _under: 2, 'quoted key': 3, \"a.b\": 4, 'π': 'unicode ✓ 😀', env: { vars: { OPENAI_API_KEY: 'sk-proj-abc' } } }");

  /** Pieces mutations insert: structure, JSON5 words and corners, escapes, odd whitespace, surrogates. */
  public static final List<String> PIECES = List.of(
      "{", "}", "[", "]", ",", ":", "'", "\"", "\\", "/", "*", "//", "/*", "*/", "\n", "\r", "\r\n", "\t", " ",
      "0", "-", "+", ".", "e", "x", "0x1F", "+NaN", "-NaN", "NaN", "Infinity", "-Infinity", "+INF", "1e999999999",
      "-1e999999999", "1e-999999999", "123456789012345678901234567890.5", "00", "true", "false", "null", "undefined",
      "\\u", "\\u00", "\\x4", "\\u00e9", "\\uD800", "\\v", "\\0", "\u0000", "\u000B", "\f", "\u00A0", "\uFEFF",
      "\u2028", "\u2029", "\u3000", "\uD800", "\uDC00", "\uFFFD", "é", "😀", "a", "key", "$", "_", "source", "'env'",
      "'file'", "'exec'", "provider", "id", "apiKey", "token", "'sk-ant-api03-AAAAAAAAAAAAAAAAAAAA'", "$include");

  private static final List<byte[]> NOT_UTF8 = List.of(
      new byte[] {(byte) 0x80}, new byte[] {(byte) 0xBF}, new byte[] {(byte) 0xC0, (byte) 0x80},
      new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xF0, (byte) 0x9F},
      new byte[] {(byte) 0xFE}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
      new byte[] {0}, new byte[] {(byte) 0xFF, (byte) 0xFE});

  private ConfigInputs() {}

  /** A seed with 1 to 8 mutations: insert or replace with a piece, delete, duplicate or swap a span, truncate. */
  public static Arbitrary<String> mutatedJson5() {
    Arbitrary<Mutation> mutation = Combinators.combine(
            Arbitraries.of(Mutation.Kind.class),
            Arbitraries.doubles().between(0, 1),
            Arbitraries.integers().between(1, 24),
            Arbitraries.oneOf(Arbitraries.of(PIECES), Arbitraries.chars().all().map(String::valueOf)))
        .as(Mutation::new);
    return Combinators.combine(Arbitraries.of(SEEDS), mutation.list().ofMinSize(1).ofMaxSize(8))
        .as((seed, mutations) -> {
          String text = seed;
          for (Mutation m : mutations) {
            text = m.apply(text);
          }
          return text;
        });
  }

  /** Short runs of the pieces and random characters: text that is only sometimes JSON5. */
  public static Arbitrary<String> json5ishText() {
    return Arbitraries.oneOf(Arbitraries.of(PIECES), Arbitraries.chars().all().map(String::valueOf))
        .list().ofMaxSize(60).map(parts -> String.join("", parts));
  }

  /** Random bytes, or a seed (as UTF-8) with invalid UTF-8 sequences and random bytes spliced in. */
  public static Arbitrary<byte[]> notUtf8() {
    Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000);
    Arbitrary<Splice> splice = Combinators.combine(
            Arbitraries.doubles().between(0, 1),
            Arbitraries.oneOf(Arbitraries.of(NOT_UTF8), Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(4)))
        .as(Splice::new);
    Arbitrary<byte[]> spliced = Combinators.combine(Arbitraries.of(SEEDS), splice.list().ofMinSize(1).ofMaxSize(6))
        .as((seed, splices) -> {
          byte[] bytes = seed.getBytes(StandardCharsets.UTF_8);
          for (Splice s : splices) {
            bytes = s.apply(bytes);
          }
          return bytes;
        });
    return Arbitraries.oneOf(noise, spliced);
  }

  /**
   * Valid JSON5 objects of random shape whose keys are the gateway's and doctor's own (sandbox
   * modes, SecretRefs, waivers, auth profiles) and whose values are hostile: numbers far beyond a
   * double, long and odd strings, control characters, lone surrogates, secrets, wrong types.
   */
  public static Arbitrary<String> hostileTrees() {
    return Arbitraries.randomValue(random -> {
      StringBuilder out = new StringBuilder();
      object(random, out, 0);
      return out.toString();
    });
  }

  private static final List<String> KEYS = List.of(
      "gateway", "port", "bind", "auth", "mode", "agents", "defaults", "entries", "sandbox", "scope", "docker", "network",
      "image", "binds", "capDrop", "user", "models", "providers", "apiKey", "baseUrl", "token", "botToken", "password",
      "headers", "Authorization", "channels", "telegram", "secrets", "source", "provider", "id", "path", "command", "args",
      "passEnv", "env", "vars", "OPENAI_API_KEY", "plugins", "codex", "enabled", "config", "appServer", "$include",
      "waivers", "code", "reason", "expires", "profiles", "type", "key", "hooks", "mappings", "a.b", "", "π", "__proto__");

  private static final List<String> SCALARS = List.of(
      "1e999999999", "-1e999999999", "1e-999999999", "-1e-999999999", "1e308", "1e309", "-0", "0", "1", "-1", "65536",
      "4.9e-324", "2.5e-324", "123456789012345678901234567890", "1" + "0".repeat(900), "0." + "0".repeat(900) + "1",
      "NaN", "Infinity", "-Infinity", "+1", ".5", "5.", "true", "false", "null",
      "''", "'off'", "'all'", "'non-main'", "'none'", "'bridge'", "'host'", "'env'", "'file'", "'exec'", "'store'",
      "'default'", "'OPENAI_API_KEY'", "'${OPENAI_API_KEY}'", "'$HOME'", "'/telegram/token'", "'value'",
      "'~/.openclaw/secrets.json'", "'/etc/shadow'", "'../../../etc/passwd'", "'/dev/zero'", "'/proc/self/environ'",
      "'sk-ant-api03-" + "A".repeat(90) + "'", "'ghp_" + "a1".repeat(18) + "'", "'xoxb-1-2-abc'", "'https://u:p@h/'",
      "'2020-01-01'", "'9999-12-31'", "'2026-02-30'", "'1e999999999'", "'api_key'", "'token'", "'oauth'",
      "'config-secrets.plaintext-secret'", "'doctor.config-parse-error'", "'sandbox-docker.daemon-not-running'",
      "'-c'", "'sandbox_mode=\"danger-full-access\"'", "'--'", "'\\u0000'", "'\\uD800'", "'a\\nb'", "'\\t'",
      "'\\\\'", "'\\x7f'", "'raw \u0001 control'", "'é✓😀'");

  /** Keys whose value is an object in a real config (or an array, for the second set). */
  private static final Set<String> OBJECTS = Set.of(
      "gateway", "auth", "agents", "defaults", "entries", "sandbox", "docker", "models", "providers", "headers", "channels",
      "telegram", "secrets", "env", "vars", "plugins", "codex", "config", "appServer", "profiles", "hooks");
  private static final Set<String> ARRAYS = Set.of("binds", "capDrop", "args", "passEnv", "mappings", "waivers");

  private static void value(Random random, StringBuilder out, int depth, String key) {
    // Mostly the shape a real config has, so values land where plugins look for them.
    int pick = random.nextInt(10);
    boolean room = depth < 6;
    if (room && (pick == 0 || (OBJECTS.contains(key) && pick < 8))) {
      object(random, out, depth + 1);
    } else if (room && (pick == 1 || (ARRAYS.contains(key) && pick < 8))) {
      out.append('[');
      for (int i = random.nextInt(4); i > 0; i--) {
        value(random, out, depth + 1, key.equals("waivers") ? "profiles" : "");
        out.append(", ");
      }
      out.append(']');
    } else if (pick == 2) {
      out.append('\'').append("x".repeat(random.nextInt(3) == 0 ? 100_000 : random.nextInt(200))).append('\'');
    } else {
      out.append(SCALARS.get(random.nextInt(SCALARS.size())));
    }
  }

  private static void object(Random random, StringBuilder out, int depth) {
    out.append("{\n");
    for (int i = random.nextInt(4) + (depth == 0 ? 2 : 0); i > 0; i--) {
      String key = KEYS.get(random.nextInt(KEYS.size()));
      out.append("  '").append(key).append("': ");
      value(random, out, depth, key);
      out.append(random.nextInt(4) == 0 ? ", // note\n" : ",\n");
    }
    out.append('}');
  }

  /** Any of the above, as the bytes of a file. */
  public static Arbitrary<byte[]> configFiles() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, hostileTrees().map(ConfigInputs::utf8)),
        Tuple.of(5, mutatedJson5().map(ConfigInputs::utf8)),
        Tuple.of(2, json5ishText().map(ConfigInputs::utf8)),
        Tuple.of(2, notUtf8()),
        Tuple.of(1, Combinators.combine(Arbitraries.integers().between(1, 100_000), Arbitraries.of(true, false))
            .as((depth, arrays) -> utf8(nested(depth, arrays, true)))));
  }

  /** {@code {k: ...}} with {@code depth} arrays or objects inside, closed or not. */
  public static String nested(int depth, boolean arrays, boolean closed) {
    String open = arrays ? "[" : "{a:";
    String close = arrays ? "]" : "}";
    return "{k:" + open.repeat(depth) + "1" + (closed ? close.repeat(depth) + "}" : "");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** One edit of a text at a relative position. */
  record Mutation(Kind kind, double at, int length, String piece) {
    enum Kind { INSERT, REPLACE, DELETE, DUPLICATE, SWAP, TRUNCATE }

    String apply(String text) {
      int i = (int) (at * text.length());
      int j = Math.min(text.length(), i + length);
      return switch (kind) {
        case INSERT -> text.substring(0, i) + piece + text.substring(i);
        case REPLACE -> text.substring(0, i) + piece + text.substring(j);
        case DELETE -> text.substring(0, i) + text.substring(j);
        case DUPLICATE -> text.substring(0, j) + text.substring(i, j) + text.substring(j);
        case SWAP -> text.substring(0, i) + text.substring(j) + text.substring(i, j);
        case TRUNCATE -> text.substring(0, i);
      };
    }
  }

  /** Bytes inserted at a relative position. */
  record Splice(double at, byte[] bytes) {
    byte[] apply(byte[] into) {
      int i = (int) (at * into.length);
      ByteArrayOutputStream out = new ByteArrayOutputStream(into.length + bytes.length);
      out.write(into, 0, i);
      out.writeBytes(bytes);
      out.write(into, i, into.length - i);
      return out.toByteArray();
    }
  }
}
