package dev.doctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets never leave the process: canary secrets planted in every kind of place the built-in
 * plugins read must not appear, whole or in part, in any output format, at any verbosity, in report
 * files, or in debug logs.
 */
class CanarySecretsTest {

  private static final Path DIST = Path.of(System.getProperty("basedir", "."), "target", "doctor");
  private static final List<String> FORMATS = List.of("console", "json", "sarif", "junit", "markdown", "prometheus");

  /** A secret and the public marker in front of it that may be shown (e.g. sk-proj-). */
  private record Canary(String marker, String secret) {
    String value() {
      return marker + secret;
    }
  }

  private static final List<Canary> CANARIES = List.of(
      new Canary("sk-proj-", "Qz7Lm2Vx9Kp4Wn8Rt3Ys6Hd1Jf5Gc0Ba"),      // OpenAI key in a known field
      new Canary("xoxb-", "81273645-Tq9Wz2Lk7Mx4Pv8Nr3Hs6"),            // Slack token in a channel
      new Canary("ghp_", "Yb4Nc8Vd2Xf6Zg0Hj3Kl7Mq1Wr5Ts9Pu2Ea"),        // GitHub token in a comment
      new Canary("", "Fw3Gx7Hy1Jz5Kq9Lr2Ms6Nt0"),                         // generic password field
      new Canary("AIza", "SyQw3Er7Ty1Ui5Op9As2Df6Gh0Jk4Lz8Xc"),          // Google key in an unknown field
      new Canary("", "Pe6Rf0Tg4Yh8Uj2Ik5Ol9Qw3"),                         // .env value
      new Canary("", "Mn1Bv5Cx9Zl3Kj7Hg0Fd4Sa8"),                         // auth-profiles.json key
      new Canary("", "Wq2Ea6Sd0Fz4Xc8Rv3Tb7Gn1"),                         // models.json header
      new Canary("", "Lp8Ok4Ij0Uh6Yg2Tf5Rd9Es3"),                         // URL password
      new Canary("", "vz-k3q9-m7x2-p5w8-h4n6"));                          // malformed SecretRef id

  @TempDir Path state;

  private void plant() throws IOException {
    Files.writeString(state.resolve("openclaw.json"), """
        {
          // old key: %s
          agents: { defaults: { sandbox: { mode: 'all', docker: { network: 'bridge' } } } },
          models: { providers: { openai: { apiKey: '%s' }, custom: { extra: { note: '%s' } } } },
          channels: {
            slack: { botToken: '%s' },
            matrix: { password: '%s', homeserver: 'https://bot:%s@matrix.example.org' },
            discord: { token: { source: 'exec', provider: 'vault', id: '../%s' } },
          },
        }
        """.formatted(CANARIES.get(2).value(), CANARIES.get(0).value(), CANARIES.get(4).value(), CANARIES.get(1).value(),
        CANARIES.get(3).value(), CANARIES.get(8).value(), CANARIES.get(9).value()));
    Files.writeString(state.resolve(".env"), "SERVICE_PASSWORD=" + CANARIES.get(5).value() + "\n");
    Path agent = Files.createDirectories(state.resolve("agents/main/agent"));
    Files.writeString(agent.resolve("auth-profiles.json"),
        "{ \"profiles\": { \"openai:default\": { \"type\": \"api_key\", \"provider\": \"openai\", \"key\": \"" + CANARIES.get(6).value() + "\" } } }");
    Files.writeString(agent.resolve("models.json"),
        "{ \"providers\": { \"acme\": { \"headers\": { \"Authorization\": \"Bearer " + CANARIES.get(7).value() + "\" } } }, broken");
    for (Path p : List.of(state.resolve("openclaw.json"), state.resolve(".env"), agent.resolve("auth-profiles.json"))) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  private String run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> env = Map.of("OPENCLAW_STATE_DIR", state.toString(), "PATH", "/usr/bin:/bin", "HOME", state.toString());
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), Environment.of(env, state, false, DIST), args.toArray(String[]::new));
    assertTrue(code == 0 || code == 1, "exit " + code + ": " + err);
    return out + "\n" + err;
  }

  @Test
  void noCanaryAppearsInAnyFormatVerbosityReportFileOrLog() throws IOException {
    plant();
    List<String> outputs = new ArrayList<>();
    for (String format : FORMATS) {
      for (List<String> extra : List.of(List.<String>of(), List.of("-v"), List.of("-v", "--debug"))) {
        List<String> args = new ArrayList<>(List.of("--format", format, "--color", "always"));
        args.addAll(extra);
        outputs.add(format + " " + extra + ":\n" + run(args));
      }
    }
    List<String> reportArgs = new ArrayList<>(List.of("-v", "--format", "json"));
    for (String format : FORMATS) {
      reportArgs.add("--report");
      reportArgs.add(format + "=" + state.resolve("report." + format));
    }
    outputs.add(run(reportArgs));
    for (String format : FORMATS) {
      outputs.add(Files.readString(state.resolve("report." + format)));
    }
    outputs.add(run(List.of("explain", "config-secrets.plaintext")));

    String all = String.join("\n", outputs);
    assertTrue(all.contains("config-secrets.plaintext"), "the secrets were found at all");
    assertTrue(all.contains("config-secrets.invalid-ref"), "the malformed ref was found");
    for (Canary canary : CANARIES) {
      String secret = canary.secret();
      for (int i = 0; i + 6 <= secret.length(); i++) {
        String piece = secret.substring(i, i + 6);
        int at = all.indexOf(piece);
        assertEquals(-1, at, () -> "part of a canary secret leaked: '" + piece + "' near: "
            + all.substring(Math.max(0, all.indexOf(piece) - 80), Math.min(all.length(), all.indexOf(piece) + 40)));
      }
    }
  }
}
