package dev.doctor.plugins.configsecrets;

import static dev.doctor.plugins.configsecrets.ConfigSecretsCheck.FILE_PERMISSIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.CheckResult;
import dev.doctor.api.Finding;
import dev.doctor.api.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PermissionsTest {

  @TempDir Path tmp;

  private static final String WITH_SECRET = "{ channels: { discord: { token: 'plain-discord-token-value' } } }";
  private static final String WITHOUT_SECRET = "{ gateway: { port: 18789 } }";

  private Finding configFinding(String content, String mode) throws IOException {
    var fx = new Fixture(tmp);
    Path config = fx.config(content);
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString(mode));
    CheckResult result = Fixture.run(fx.context().build());
    List<Finding> found = Fixture.findings(result, FILE_PERMISSIONS);
    assertEquals(1, found.size(), Fixture.describe(result));
    return found.get(0);
  }

  @Test
  void worldReadableConfigWithSecretsIsAnError() throws IOException {
    Finding f = configFinding(WITH_SECRET, "rw-r--r--");
    assertEquals(Severity.ERROR, f.severity());
    Path config = tmp.resolve("state/openclaw.json");
    assertEquals("Config file " + config + " is readable by all users (mode 0644) and holds credentials", f.message());
    assertEquals(config.toString(), f.file());
    assertEquals(List.of("chmod 600 " + config), f.remediation().commands());
  }

  @Test
  void groupReadableConfigWithSecretsIsAWarning() throws IOException {
    Finding f = configFinding(WITH_SECRET, "rw-r-----");
    assertEquals(Severity.WARNING, f.severity());
    assertEquals("0640", f.evidence().get("mode"));
  }

  @Test
  void worldReadableConfigWithoutSecretsIsAWarning() throws IOException {
    Finding f = configFinding(WITHOUT_SECRET, "rw-r--r--");
    assertEquals(Severity.WARNING, f.severity());
    assertEquals("false", f.evidence().get("holds-credentials"));
  }

  @Test
  void privateFilesInAPrivateStateDirAreFine() {
    var fx = new Fixture(tmp);
    fx.config(WITHOUT_SECRET);
    fx.write(".env", "PORT=1\n", "rw-------");
    assertEquals(List.of(), Fixture.findings(Fixture.run(fx.context().build()), FILE_PERMISSIONS));
  }

  @Test
  void anOpenStateDirectoryIsReported() throws IOException {
    var fx = new Fixture(tmp);
    fx.config(WITHOUT_SECRET);
    Files.setPosixFilePermissions(fx.stateDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    CheckResult result = Fixture.run(fx.context().build());
    Finding f = Fixture.findings(result, FILE_PERMISSIONS).get(0);
    assertEquals("State directory " + fx.stateDir + " is open to other users (mode 0755); OpenClaw expects 0700", f.message());
    assertEquals(List.of("chmod 700 " + fx.stateDir), f.remediation().commands());
    assertEquals(Severity.WARNING, f.severity());
  }

  @Test
  void aSymlinkedConfigIsReported() throws IOException {
    var fx = new Fixture(tmp);
    Path real = Fixture.writeAt(tmp.resolve("elsewhere/openclaw.json"), WITHOUT_SECRET, "rw-------");
    Files.createSymbolicLink(fx.configFile(), real);
    CheckResult result = Fixture.run(fx.context().build());
    Finding f = Fixture.findings(result, FILE_PERMISSIONS).get(0);
    assertEquals("Config file " + fx.configFile() + " is a symlink", f.message());
    assertEquals(real.toString(), f.evidence().get("target"));
    assertEquals(1, Fixture.findings(result, FILE_PERMISSIONS).size(), Fixture.describe(result));
  }

  @Test
  void aHardLinkedDotEnvWithSecretsIsReported() throws IOException {
    var fx = new Fixture(tmp);
    Path env = fx.write(".env", "OPENAI_API_KEY=sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z\n", "rw-------");
    Files.createLink(tmp.resolve("backup.env"), env);
    CheckResult result = Fixture.run(fx.context().build());
    Finding f = Fixture.findings(result, FILE_PERMISSIONS).get(0);
    assertEquals("File " + env + " holds credentials and has 2 hard links", f.message());
    assertEquals(List.of("cp -p " + env + " " + env + ".relink", "chmod 600 " + env + ".relink", "mv -f " + env + ".relink " + env),
        f.remediation().commands());
  }

  @Test
  void anAuthProfileStoreOwnedBySomeoneElseIsReported() throws IOException {
    var fx = new Fixture(tmp);
    Path store = fx.write("agents/main/agent/auth-profiles.json",
        "{\"profiles\":{\"a:b\":{\"type\":\"api_key\",\"provider\":\"a\",\"key\":\"plain-api-key-value\"}}}", "rw-------");
    Files.setOwner(store, store.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
    CheckResult result = Fixture.run(fx.context().build());
    Finding f = Fixture.findings(result, FILE_PERMISSIONS).get(0);
    assertTrue(f.message().endsWith("holds credentials and is owned by nobody, not by " + System.getProperty("user.name")), f.message());
  }

  @Test
  void aWorldReadableAuthProfileStoreWithKeysIsAnError() {
    var fx = new Fixture(tmp);
    Path store = fx.write("agents/main/agent/auth-profiles.json",
        "{\"profiles\":{\"a:b\":{\"type\":\"api_key\",\"provider\":\"a\",\"key\":\"plain-api-key-value\"}}}", "rw-r--r--");
    Finding f = Fixture.findings(Fixture.run(fx.context().build()), FILE_PERMISSIONS).get(0);
    assertEquals(Severity.ERROR, f.severity());
    assertEquals("Credential file " + store + " is readable by all users (mode 0644) and holds credentials", f.message());
  }
}
