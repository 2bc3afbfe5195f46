package dev.doctor.plugins.configsecrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pf4j.Extension;

/** What PF4J and users rely on: the extension, its id and the finding codes. */
class ConfigSecretsCheckTest {

  @Test
  void isAnIndexedExtensionWithAPublicNoArgConstructor() throws Exception {
    assertTrue(ConfigSecretsCheck.class.isAnnotationPresent(Extension.class));
    ConfigSecretsCheck.class.getConstructor().newInstance();
    boolean indexed = false;
    for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
      try (InputStream in = url.openStream()) {
        indexed |= new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().anyMatch(ConfigSecretsCheck.class.getName()::equals);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
    assertTrue(indexed, "META-INF/extensions.idx does not list the check");
  }

  @Test
  void idAndCodesAreStable() {
    var check = new ConfigSecretsCheck();
    assertEquals("config-secrets", check.id());
    assertEquals(
        List.of("config-secrets.plaintext", "config-secrets.redacted-sentinel", "config-secrets.unresolved-ref",
            "config-secrets.invalid-ref", "config-secrets.file-permissions"),
        List.of(ConfigSecretsCheck.PLAINTEXT, ConfigSecretsCheck.REDACTED_SENTINEL, ConfigSecretsCheck.UNRESOLVED_REF,
            ConfigSecretsCheck.INVALID_REF, ConfigSecretsCheck.FILE_PERMISSIONS));
    assertTrue(!check.title().isEmpty() && !check.description().isEmpty());
  }
}
