package dev.doctor.plugins.configsecrets;

import static dev.doctor.plugins.configsecrets.ConfigSecretsCheck.FILE_PERMISSIONS;
import static dev.doctor.plugins.configsecrets.ConfigSecretsCheck.UNRESOLVED_REF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.CheckResult;
import dev.doctor.api.Finding;
import dev.doctor.api.Severity;
import dev.doctor.testkit.CheckResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File providers against real files, modes, links and owners. */
class FileRefTest {

  @TempDir Path tmp;

  private static final String SECRETS = "{ \"providers\": { \"openai\": { \"apiKey\": \"sk-file-held-value\", \"empty\": \"\", \"nested\": { \"a\": 1 } } } }";

  private CheckResult runWith(Fixture fx, Path secretsFile, String id) {
    fx.config("""
        {
          secrets: { providers: { filemain: { source: 'file', path: '%s', mode: 'json' } } },
          models: { providers: { openai: { apiKey: { source: 'file', provider: 'filemain', id: '%s' } } } },
        }
        """.formatted(secretsFile, id));
    return Fixture.run(fx.context().build());
  }

  @Test
  void aPrivateFileWithThePointerResolves() {
    var fx = new Fixture(tmp);
    Path secrets = Fixture.writeAt(tmp.resolve("vault/secrets.json"), SECRETS, "rw-------");
    CheckResult result = runWith(fx, secrets, "/providers/openai/apiKey");
    assertEquals(List.of(), CheckResults.findings(result), Fixture.describe(result));
    assertEquals("1", result.evidence().get("refs-resolved"));
  }

  @Test
  void aMissingPointerOrNonStringValueDoesNotResolve() {
    var fx = new Fixture(tmp);
    Path secrets = Fixture.writeAt(tmp.resolve("vault/secrets.json"), SECRETS, "rw-------");
    Finding missing = Fixture.at(runWith(fx, secrets, "/providers/anthropic/apiKey"), UNRESOLVED_REF, "models.providers.openai.apiKey");
    assertEquals("SecretRef at models.providers.openai.apiKey does not resolve: JSON pointer /providers/anthropic/apiKey is not in the"
        + " file of provider \"filemain\"", missing.message());
    assertEquals(secrets.toString(), missing.evidence().get("provider-file"));
    assertTrue(Fixture.at(runWith(fx, secrets, "/providers/openai/empty"), UNRESOLVED_REF, "models.providers.openai.apiKey")
        .message().endsWith("is not a non-empty string"));
    assertTrue(Fixture.at(runWith(fx, secrets, "/providers/openai/nested"), UNRESOLVED_REF, "models.providers.openai.apiKey")
        .message().endsWith("is not a non-empty string"));
  }

  @Test
  void aWorldReadableFileIsRefusedAndReportedAsExposed() {
    var fx = new Fixture(tmp);
    Path secrets = Fixture.writeAt(tmp.resolve("vault/secrets.json"), SECRETS, "rw-r--r--");
    CheckResult result = runWith(fx, secrets, "/providers/openai/apiKey");
    Finding unresolved = Fixture.at(result, UNRESOLVED_REF, "models.providers.openai.apiKey");
    assertTrue(unresolved.message().endsWith("is open to other users (mode 0644), which OpenClaw refuses"), unresolved.message());
    assertEquals(List.of("chmod 600 " + secrets), unresolved.remediation().commands());
    Finding perms = Fixture.at(result, FILE_PERMISSIONS, "secrets.providers.filemain.path");
    assertEquals(Severity.ERROR, perms.severity());
    assertEquals("0644", perms.evidence().get("mode"));
    assertEquals(secrets.toString(), perms.file());
    assertEquals(2, CheckResults.findings(result).size(), Fixture.describe(result));
  }

  @Test
  void aGroupReadableFileIsAWarningForPermissions() {
    var fx = new Fixture(tmp);
    Path secrets = Fixture.writeAt(tmp.resolve("vault/secrets.json"), SECRETS, "rw-r-----");
    CheckResult result = runWith(fx, secrets, "/providers/openai/apiKey");
    assertEquals(Severity.WARNING, Fixture.at(result, FILE_PERMISSIONS, "secrets.providers.filemain.path").severity());
    Fixture.at(result, UNRESOLVED_REF, "models.providers.openai.apiKey");
  }

  @Test
  void aMissingFileDoesNotResolve() {
    var fx = new Fixture(tmp);
    Finding f = Fixture.at(runWith(fx, tmp.resolve("nope.json"), "/a"), UNRESOLVED_REF, "models.providers.openai.apiKey");
    assertTrue(f.message().endsWith("the file of provider \"filemain\" does not exist"), f.message());
  }

  @Test
  void aSymlinkedFileIsRefused() throws IOException {
    var fx = new Fixture(tmp);
    Path real = Fixture.writeAt(tmp.resolve("vault/real.json"), SECRETS, "rw-------");
    Path link = Files.createSymbolicLink(tmp.resolve("vault/link.json"), real);
    Finding f = Fixture.at(runWith(fx, link, "/providers/openai/apiKey"), UNRESOLVED_REF, "models.providers.openai.apiKey");
    assertTrue(f.message().endsWith("is a symlink, which OpenClaw refuses"), f.message());
    assertEquals(List.of("realpath " + link), f.remediation().commands());
  }

  @Test
  void aHardLinkedFileIsRefusedAndReported() throws IOException {
    var fx = new Fixture(tmp);
    Path secrets = Fixture.writeAt(tmp.resolve("vault/secrets.json"), SECRETS, "rw-------");
    Files.createLink(tmp.resolve("vault/other-name.json"), secrets);
    CheckResult result = runWith(fx, secrets, "/providers/openai/apiKey");
    Finding f = Fixture.at(result, UNRESOLVED_REF, "models.providers.openai.apiKey");
    assertTrue(f.message().endsWith("has 2 hard links, which OpenClaw refuses"), f.message());
    Finding perms = Fixture.at(result, FILE_PERMISSIONS, "secrets.providers.filemain.path");
    assertEquals("2", perms.evidence().get("hard-links"));
    assertEquals(3, perms.remediation().commands().size());
  }

  @Test
  void aFileOwnedBySomeoneElseIsRefusedAndReported() throws IOException {
    var fx = new Fixture(tmp);
    Path secrets = Fixture.writeAt(tmp.resolve("vault/secrets.json"), SECRETS, "rw-------");
    Files.setOwner(secrets, secrets.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
    CheckResult result = runWith(fx, secrets, "/providers/openai/apiKey");
    assertTrue(Fixture.at(result, UNRESOLVED_REF, "models.providers.openai.apiKey").message().endsWith("is owned by another user, which OpenClaw refuses"));
    assertEquals("nobody", Fixture.at(result, FILE_PERMISSIONS, "secrets.providers.filemain.path").evidence().get("owner"));
  }

  @Test
  void invalidJsonIsReportedByPositionOnly() {
    var fx = new Fixture(tmp);
    Path secrets = Fixture.writeAt(tmp.resolve("vault/secrets.json"), "{\n  \"a\": \"sk-broken-json-value\n}", "rw-------");
    Finding f = Fixture.at(runWith(fx, secrets, "/a"), UNRESOLVED_REF, "models.providers.openai.apiKey");
    assertTrue(f.message().endsWith("is not valid JSON"), f.message());
    assertTrue(f.evidence().get("parse-error-at").matches("\\d+:\\d+"), f.evidence().toString());
  }

  @Test
  void singleValueFilesAndHomeExpansion() {
    var fx = new Fixture(tmp);
    Path home = tmp.resolve("home");
    Fixture.writeAt(home.resolve(".openclaw/gw-token"), "single-held-value\n", "rw-------");
    Fixture.writeAt(home.resolve(".openclaw/empty-token"), "\n", "rw-------");
    fx.config("""
        {
          secrets: { providers: {
            gw: { source: 'file', path: '~/.openclaw/gw-token', mode: 'singleValue' },
            blank: { source: 'file', path: '~/.openclaw/empty-token', mode: 'singleValue' },
          } },
          gateway: { auth: { token: { source: 'file', provider: 'gw', id: 'value' } }, remote: { token: { source: 'file', provider: 'blank', id: 'value' } } },
        }
        """);
    CheckResult result = Fixture.run(fx.context().env("HOME", home.toString()).build());
    assertTrue(Fixture.at(result, UNRESOLVED_REF, "gateway.remote.token").message().endsWith("the file of provider \"blank\" is empty"));
    assertEquals(1, CheckResults.findings(result).size(), Fixture.describe(result));
  }
}
