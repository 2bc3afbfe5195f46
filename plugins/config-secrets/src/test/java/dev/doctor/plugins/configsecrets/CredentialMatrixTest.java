package dev.doctor.plugins.configsecrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.doctor.api.ConfigNode;
import dev.doctor.plugins.configsecrets.CredentialMatrix.FileKind;
import dev.doctor.testkit.TestCheckContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialMatrixTest {

  private static final CredentialMatrix MATRIX = CredentialMatrix.load(TestCheckContext.builder().build()::parseJson5);

  /** The bundled copy must be the shared reference, byte for byte, wherever that reference is present. */
  @Test
  void bundledCopyIsTheSharedReference() throws IOException {
    Path shared = Path.of("/work/shared/reference/secretref-user-supplied-credentials-matrix.json");
    assumeTrue(Files.exists(shared), "shared reference not present on this machine");
    try (InputStream in = CredentialMatrix.class.getResourceAsStream(CredentialMatrix.RESOURCE)) {
      assertTrue(java.util.Arrays.equals(Files.readAllBytes(shared), in.readAllBytes()));
    }
  }

  @Test
  void everyEntryIsLoaded() {
    assertEquals(118, MATRIX.size());
  }

  @Test
  void wildcardsMatchMapKeysOnly() {
    ConfigNode account = node("{ token: 'x' }");
    assertEquals("channels.discord.accounts.*.token",
        MATRIX.match(FileKind.CONFIG, path("channels", "discord", "accounts", "main", "token"), account).id());
    assertNull(MATRIX.match(FileKind.CONFIG, path("channels", "discord", "accounts", "main", "name"), account));
    assertNull(MATRIX.match(FileKind.CONFIG, ConfigPath.ROOT.key("channels").key("discord").key("accounts").index(0).key("token"), account));
  }

  @Test
  void mapValuedEntriesOnlyCountForCredentialKeys() {
    ConfigNode headers = node("{}");
    assertEquals("models.providers.*.headers.*", MATRIX.match(FileKind.CONFIG, path("models", "providers", "a", "headers", "Authorization"), headers).id());
    assertNull(MATRIX.match(FileKind.CONFIG, path("models", "providers", "a", "headers", "X-Title"), headers));
    assertEquals("plugins.entries.acpx.config.mcpServers.*.env.*",
        MATRIX.match(FileKind.CONFIG, path("plugins", "entries", "acpx", "config", "mcpServers", "gh", "env", "GITHUB_TOKEN"), headers).id());
  }

  @Test
  void authProfileEntriesHonourWhen() {
    assertEquals("auth-profiles.api_key.key",
        MATRIX.match(FileKind.AUTH_PROFILES, path("profiles", "p", "key"), node("{ type: 'api_key', key: 'x' }")).id());
    assertNull(MATRIX.match(FileKind.AUTH_PROFILES, path("profiles", "p", "key"), node("{ type: 'token', key: 'x' }")));
    assertEquals("keyRef", MATRIX.match(FileKind.AUTH_PROFILES, path("profiles", "p", "key"), node("{ type: 'api_key' }")).refField());
    assertNull(MATRIX.match(FileKind.CONFIG, path("profiles", "p", "key"), node("{ type: 'api_key' }")));
  }

  @Test
  void modelsJsonUsesTheModelsEntries() {
    assertEquals("models.providers.*.apiKey", MATRIX.match(FileKind.MODELS_JSON, path("providers", "x", "apiKey"), node("{}")).id());
  }

  @Test
  void runtimeManagedValues() {
    assertTrue(MATRIX.isRuntimeManaged(FileKind.CONFIG, path("hooks", "token"), null));
    assertTrue(MATRIX.isRuntimeManaged(FileKind.CONFIG, ConfigPath.ROOT.key("hooks").key("mappings").index(3).key("sessionKey"), null));
    assertTrue(MATRIX.isRuntimeManaged(FileKind.CONFIG, path("channels", "whatsapp", "creds.json", "noise"), null));
    assertFalse(MATRIX.isRuntimeManaged(FileKind.CONFIG, path("hooks", "path"), null));
    assertTrue(MATRIX.isRuntimeManaged(FileKind.AUTH_PROFILES, path("profiles", "p", "access"), node("{ type: 'oauth' }")));
    assertFalse(MATRIX.isRuntimeManaged(FileKind.AUTH_PROFILES, path("profiles", "p", "key"), node("{ type: 'api_key' }")));
  }

  @Test
  void anUnreadableMatrixLeavesAnEmptyOne() {
    assertEquals(0, CredentialMatrix.load((text, source) -> dev.doctor.api.Json5Parse.failed("broken", 1, 1)).size());
  }

  private static ConfigPath path(String... keys) {
    return new ConfigPath(List.of((Object[]) keys));
  }

  private static ConfigNode node(String json5) {
    return TestCheckContext.builder().build().parseJson5(json5, null).root();
  }
}
