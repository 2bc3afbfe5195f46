package dev.doctor.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.ConfigNode;
import dev.doctor.api.Finding;
import dev.doctor.api.GatewayConfig;
import dev.doctor.api.GatewayConfig.Status;
import dev.doctor.api.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static final String CANARY = "sk-canary-SECRET123";

  @TempDir Path dir;

  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void missingFileGivesAnEmptyRoot() {
    Path file = dir.resolve("openclaw.json");
    ConfigLoader.Loaded loaded = loader.load(file, dir);
    GatewayConfig config = loaded.config();
    assertEquals(Status.MISSING, config.status());
    assertTrue(config.usable());
    assertTrue(config.root().isObject());
    assertTrue(config.root().fields().isEmpty());
    assertEquals(file, config.file());
    assertEquals(dir, config.stateDir());
    assertTrue(loaded.problem().isEmpty());
  }

  @Test
  void validFileIsLoadedWithFileAndPositionsOnNodes() throws Exception {
    Path file = write("openclaw.json", "// gateway\n{\n  agents: { defaults: { sandbox: { mode: 'all', }, }, },\n}\n");
    ConfigLoader.Loaded loaded = loader.load(file, dir);
    assertTrue(loaded.problem().isEmpty());
    assertEquals(Status.LOADED, loaded.config().status());
    ConfigNode mode = loaded.config().at("agents.defaults.sandbox.mode");
    assertEquals("all", mode.text());
    assertEquals(file, mode.file());
    assertEquals(3, mode.line());
    assertEquals(42, mode.column());
    assertEquals(file, loaded.config().root().file());
  }

  @Test
  void loadsThroughTheLocator() throws Exception {
    Path file = write("openclaw.json", "{gateway: {port: 18789}}");
    ConfigLocator locator = new ConfigLocator(Map.of("OPENCLAW_STATE_DIR", dir.toString()), Path.of("/nonexistent-home"));
    GatewayConfig config = loader.load(locator, null).config();
    assertEquals(file, config.file());
    assertEquals(dir, config.stateDir());
    assertEquals(18789, config.at("gateway.port").number().intValue());
  }

  @Test
  void byteOrderMarkIsSkippedAndInvalidUtf8Replaced() throws Exception {
    Path file = dir.resolve("openclaw.json");
    byte[] head = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = "{a: 'x\u0000', b: 1}".getBytes(StandardCharsets.UTF_8);
    body[6] = (byte) 0xFF; // the NUL becomes an invalid byte
    Files.write(file, concat(head, body));
    GatewayConfig config = loader.load(file, dir).config();
    assertEquals(Status.LOADED, config.status());
    assertEquals("x\uFFFD", config.at("a").text());
    assertEquals(1, config.root().column());
  }

  @Test
  void directoryIsUnreadableWithAFinding() throws Exception {
    Path file = Files.createDirectory(dir.resolve("openclaw.json"));
    ConfigLoader.Loaded loaded = loader.load(file, dir);
    assertEquals(Status.UNREADABLE, loaded.config().status());
    assertFalse(loaded.config().usable());
    assertTrue(loaded.config().root().fields().isEmpty());
    Finding finding = loaded.problem().orElseThrow();
    assertEquals(ConfigLoader.UNREADABLE, finding.code());
    assertEquals(Severity.ERROR, finding.severity());
    assertEquals(file.toString(), finding.file());
    assertTrue(finding.message().contains("directory"), finding.message());
  }

  @Test
  void fileWithoutReadPermissionIsUnreadable() throws Exception {
    Path file = write("openclaw.json", "{a: 1}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    if (Files.isReadable(file)) {
      String reason = "running as " + System.getProperty("user.name") + ", who can read a mode 000 file; not testable here";
      System.out.println("ConfigLoaderTest.fileWithoutReadPermissionIsUnreadable skipped: " + reason);
      Assumptions.abort(reason);
    }
    ConfigLoader.Loaded loaded = loader.load(file, dir);
    assertEquals(Status.UNREADABLE, loaded.config().status());
    Finding finding = loaded.problem().orElseThrow();
    assertEquals(ConfigLoader.UNREADABLE, finding.code());
    assertTrue(finding.message().contains("permission denied"), finding.message());
  }

  @Test
  void parseErrorIsAFindingWithPositionAndNoSecret() throws Exception {
    Path file = write("openclaw.json", "{\n  token: \"" + CANARY + "\" , ,\n}\n");
    ConfigLoader.Loaded loaded = loader.load(file, dir);
    assertEquals(Status.UNREADABLE, loaded.config().status());
    assertTrue(loaded.config().root().fields().isEmpty());
    Finding finding = loaded.problem().orElseThrow();
    assertEquals(ConfigLoader.PARSE_ERROR, finding.code());
    assertEquals(Severity.ERROR, finding.severity());
    assertEquals(file.toString(), finding.file());
    assertEquals(2, finding.line());
    assertEquals(34, finding.column());
    assertEquals("the gateway config is not valid JSON5 at line 2, column 34: unexpected ',' (expected a key or '}')",
        finding.message());
    assertFalse(finding.toString().contains(CANARY), finding.toString());
    assertTrue(finding.remediation().commands().contains("openclaw config validate"));
  }

  @Test
  void validJson5DoctorCannotReadIsAWarning() throws Exception {
    Path file = write("openclaw.json", "{gateway: {port: 0x4965}}");
    Finding finding = loader.load(file, dir).problem().orElseThrow();
    assertEquals(ConfigLoader.UNSUPPORTED, finding.code());
    assertEquals(Severity.WARNING, finding.severity());
    assertEquals(1, finding.line());
    assertEquals(18, finding.column());
  }

  @Test
  void oversizedFileIsRefused() throws Exception {
    Path file = write("openclaw.json", "{a: '" + "x".repeat(200) + "'}");
    ConfigLoader.Loaded loaded = new ConfigLoader(100).load(file, dir);
    assertEquals(Status.UNREADABLE, loaded.config().status());
    Finding finding = loaded.problem().orElseThrow();
    assertEquals(ConfigLoader.TOO_LARGE, finding.code());
    assertTrue(finding.message().contains("207 bytes"), finding.message());
    assertEquals(Status.LOADED, new ConfigLoader(207).load(file, dir).config().status());
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
