package dev.doctor.plugins.configsecrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.Change;
import dev.doctor.api.CheckContext;
import dev.doctor.api.Fix;
import dev.doctor.testkit.CheckResults;
import dev.doctor.testkit.TestCheckContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixes the check offers, on a real state directory: what they would change, in which order,
 * and when they are not offered. Applying them is the host's (doctor-core's tests, and the CLI's
 * end-to-end test).
 */
class SecretFixesTest {

  private static final String KEY = "sk-proj-Abc123Def456Ghi789Jkl012Mno345Pqr678Stu901Vwx";
  private static final String CONFIG = "{\n  models: { providers: { openai: { apiKey: '" + KEY + "' } } },\n}\n";

  @TempDir Path tmp;

  private List<Fix> fixes(Fixture fx, TestCheckContext.Builder builder) {
    CheckContext ctx = builder.env("HOME", tmp.toString()).build();
    ConfigSecretsCheck check = new ConfigSecretsCheck();
    return check.fixes(ctx, CheckResults.findings(check.run(ctx)));
  }

  private static List<Fix> withId(List<Fix> fixes, String id) {
    return fixes.stream().filter(f -> f.id().equals(id)).toList();
  }

  @Test
  void aWorldReadableConfigIsMadePrivateUnattended() throws IOException {
    var fx = new Fixture(tmp);
    fx.write("openclaw.json", CONFIG, "rw-r--r--");
    List<Fix> tighten = withId(fixes(fx, fx.context()), SecretFixes.TIGHTEN);

    assertEquals(1, tighten.size(), tighten.toString());
    Fix fix = tighten.get(0);
    assertEquals("chmod 600 " + fx.configFile() + " (from 0644)", fix.plan());
    assertEquals(List.of(new Change.Chmod(fx.configFile(), 0600)), fix.changes());
    assertTrue(fix.unattendedSafe());
    assertEquals(Fix.Kind.FILE_PERMISSION, fix.kind());
    assertEquals(ConfigSecretsCheck.FILE_PERMISSIONS, fix.addresses().get(0).code());
  }

  @Test
  void anOpenStateDirectoryIsClosed() throws IOException {
    var fx = new Fixture(tmp);
    fx.config("{ gateway: { port: 18789 } }");
    Files.setPosixFilePermissions(fx.stateDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    List<Fix> tighten = withId(fixes(fx, fx.context()), SecretFixes.TIGHTEN);
    assertEquals(List.of(new Change.Chmod(fx.stateDir, 0700)), tighten.get(0).changes());
  }

  @Test
  void aSymlinkedConfigIsNotChmodded() throws IOException {
    var fx = new Fixture(tmp);
    Path real = Fixture.writeAt(tmp.resolve("elsewhere/openclaw.json"), CONFIG, "rw-r--r--");
    Files.createSymbolicLink(fx.configFile(), real);
    assertEquals(List.of(), withId(fixes(fx, fx.context()), SecretFixes.TIGHTEN));
  }

  @Test
  void aPlaintextKeyMovesToAPrivateSecretsFileBehindAFileRef() {
    var fx = new Fixture(tmp);
    fx.config(CONFIG);
    List<Fix> moves = withId(fixes(fx, fx.context()), SecretFixes.MOVE);

    assertEquals(1, moves.size(), moves.toString());
    Fix move = moves.get(0);
    Path secrets = fx.stateDir.resolve("secrets.json");
    assertEquals(List.of(
            Change.FileWrite.ifMissing(secrets, "{\n}\n", 0600),
            Change.ConfigEdit.set(secrets, List.of("models", "providers", "openai", "apiKey"), "\"" + KEY + "\"").storingSecret(),
            Change.ConfigEdit.set(fx.configFile(), List.of("secrets", "providers", "filemain"),
                "{\"source\":\"file\",\"path\":\"~/state/secrets.json\",\"mode\":\"json\"}"),
            Change.ConfigEdit.set(fx.configFile(), List.of("models", "providers", "openai", "apiKey"),
                "{\"source\":\"file\",\"provider\":\"filemain\",\"id\":\"/models/providers/openai/apiKey\"}").removingSecret()),
        move.changes(), "the secret is stored before it is removed");
    assertEquals(Fix.Kind.CONFIG_EDIT, move.kind());
    assertFalse(move.unattendedSafe());
    assertNull(move.blocked());
    assertTrue(move.note().startsWith("Rotate this credential"), move.note());
    assertFalse(move.plan().contains(KEY));
    assertFalse(move.toString().contains(KEY), "a fix's string form never shows the secret");
  }

  @Test
  void outsideTheHomeDirectoryTheProviderPathIsAbsolute() {
    var fx = new Fixture(tmp);
    fx.config(CONFIG);
    CheckContext ctx = fx.context().env("HOME", "/nonexistent-home").build();
    ConfigSecretsCheck check = new ConfigSecretsCheck();
    Fix move = withId(check.fixes(ctx, CheckResults.findings(check.run(ctx))), SecretFixes.MOVE).get(0);
    assertTrue(move.plan().contains("into " + fx.stateDir.resolve("secrets.json") + " (mode 0600)"), move.plan());
  }

  @Test
  void anExistingProviderForTheFileIsReusedAndAnOpenFileClosedFirst() throws IOException {
    var fx = new Fixture(tmp);
    fx.write("secrets.json", "{ \"other\": \"x\" }\n", "rw-r--r--");
    fx.config("{\n  secrets: { providers: { vault: { source: 'file', path: '" + fx.stateDir.resolve("secrets.json") + "' } } },\n"
        + "  channels: { discord: { token: '" + "MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB" + "' } },\n}\n");
    Fix move = withId(fixes(fx, fx.context()), SecretFixes.MOVE).get(0);

    assertEquals(new Change.Chmod(fx.stateDir.resolve("secrets.json"), 0600), move.changes().get(0));
    assertTrue(move.changes().stream().noneMatch(c -> c instanceof Change.ConfigEdit e && e.path().get(0).equals("secrets")),
        "no second provider: " + move.changes());
    Change.ConfigEdit ref = assertInstanceOf(Change.ConfigEdit.class, move.changes().get(move.changes().size() - 1));
    assertEquals("{\"source\":\"file\",\"provider\":\"vault\",\"id\":\"/channels/discord/token\"}", ref.valueJson());
  }

  @Test
  void aSecretsFileHoldingAnotherValueThereBlocksTheMove() {
    var fx = new Fixture(tmp);
    fx.write("secrets.json", "{ \"models\": { \"providers\": { \"openai\": { \"apiKey\": \"something else\" } } } }\n", "rw-------");
    fx.config(CONFIG);
    Fix move = withId(fixes(fx, fx.context()), SecretFixes.MOVE).get(0);
    assertTrue(move.blocked().endsWith("already holds a different value at /models/providers/openai/apiKey"), move.blocked());
  }

  @Test
  void namedFieldsCommentsDotEnvAndManagedValuesAreNotMoved() {
    var fx = new Fixture(tmp);
    fx.write(".env", "OPENAI_API_KEY=" + KEY + "\n", "rw-------");
    fx.config("{\n  // old key: " + KEY + "\n  tools: { myServiceToken: 'abcdefghijklmnopqrstuvwxyz' },\n  hooks: { token: '" + KEY + "' },\n}\n");
    assertEquals(List.of(), withId(fixes(fx, fx.context()), SecretFixes.MOVE));
  }

  @Test
  void anEnvRefIsOfferedWhenTheNamedVariableHoldsTheKey() {
    var fx = new Fixture(tmp);
    fx.config(CONFIG);
    List<Fix> fixes = fixes(fx, fx.context()
        .option("secret-env:models.providers.openai.apiKey", "OPENAI_API_KEY")
        .env("OPENAI_API_KEY", KEY));

    assertEquals(List.of(), withId(fixes, SecretFixes.MOVE), "the env ref replaces the file move");
    Fix env = withId(fixes, SecretFixes.ENV_REF).get(0);
    assertNull(env.blocked());
    assertEquals("replace the credential at models.providers.openai.apiKey with the env ref ${OPENAI_API_KEY}", env.plan());
    assertEquals(List.of(Change.ConfigEdit.set(fx.configFile(), List.of("models", "providers", "openai", "apiKey"),
        "\"${OPENAI_API_KEY}\"").removingSecret()), env.changes());
  }

  @Test
  void anEnvRefIsBlockedWhenTheVariableIsMissingOrDifferent() {
    var fx = new Fixture(tmp);
    fx.config(CONFIG);
    Fix missing = withId(fixes(fx, fx.context().option("secret-env:models.providers.openai.apiKey", "OPENAI_API_KEY")),
        SecretFixes.ENV_REF).get(0);
    assertTrue(missing.blocked().startsWith("OPENAI_API_KEY is not set in doctor's environment"), missing.blocked());

    Fix other = withId(fixes(fx, fx.context().option("secret-env:models.providers.openai.apiKey", "OPENAI_API_KEY")
        .env("OPENAI_API_KEY", "sk-another")), SecretFixes.ENV_REF).get(0);
    assertTrue(other.blocked().startsWith("OPENAI_API_KEY holds a different value"), other.blocked());
    assertFalse(other.blocked().contains("sk-another"));

    fx.write(".env", "OPENAI_API_KEY=" + KEY + "\n", "rw-------");
    Fix fromDotEnv = withId(fixes(fx, fx.context().option("secret-env:models.providers.openai.apiKey", "OPENAI_API_KEY")),
        SecretFixes.ENV_REF).get(0);
    assertNull(fromDotEnv.blocked(), "the state directory's .env counts: the gateway loads it");
  }

  @Test
  void displayPathsAreFollowedBackToKeysAndIndexes() {
    assertEquals(List.of("hooks", "mappings", "0", "token"), SecretFixes.segments("hooks.mappings[0].token"));
    assertEquals(List.of("a", "1", "2"), SecretFixes.segments("a[1][2]"));
    assertNull(SecretFixes.segments("models.<key hidden>.apiKey"));
    assertNull(SecretFixes.segments("a[x]"));
    assertEquals("/a~1b/c~0d", SecretFixes.pointer(List.of("a/b", "c~d")));
  }
}
