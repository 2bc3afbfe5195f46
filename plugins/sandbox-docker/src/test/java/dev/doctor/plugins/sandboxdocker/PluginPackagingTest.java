package dev.doctor.plugins.sandboxdocker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.Check;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.net.URL;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** What PF4J needs to find the check, and the id users select it by. */
class PluginPackagingTest {

  @Test
  void extensionIndexListsTheCheck() throws IOException {
    // The processor also writes an empty index for the test classes; the main one must list the check.
    var lines = new java.util.ArrayList<String>();
    for (URL url : Collections.list(SandboxDockerCheck.class.getClassLoader().getResources("META-INF/extensions.idx"))) {
      try (InputStream in = url.openStream()) {
        lines.addAll(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
      }
    }
    assertTrue(lines.contains(SandboxDockerCheck.class.getName()), lines.toString());
  }

  @Test
  void publicNoArgConstructorAndPluginId() throws ReflectiveOperationException {
    Check check = (Check) Class.forName(SandboxDockerCheck.class.getName()).getConstructor().newInstance();

    assertEquals("sandbox-docker", check.id());
    assertEquals("OpenClaw Docker sandbox", check.title());
  }
}
