package dev.doctor.plugins.codexbwrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.core.explain.Pages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/checks/codex-bwrap.md, as the jar carries it for {@code doctor explain}: one section for
 * every code the check can emit and every fix it offers, and none for anything else.
 */
class DocsTest {

  @Test
  void everyCodeHasASectionAndEverySectionACode() throws IOException {
    String page;
    try (InputStream in = CodexBwrapCheck.class.getResourceAsStream("/META-INF/doctor/checks/codex-bwrap.md")) {
      assertNotNull(in, "the jar carries no docs/checks/codex-bwrap.md");
      page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String> sections = Pages.sections(page);

    Set<String> emitted = new TreeSet<>();
    for (Cause cause : Cause.values()) {
      emitted.add(cause.code(Cause.Scope.ALL));
      emitted.add(cause.code(Cause.Scope.NETWORK_ONLY));
    }
    emitted.add(Cause.BWRAP_MISSING);
    emitted.add(Cause.UNSHARE_MISSING);
    // The fixes are explained on the same page (doctor explain FIX-ID).
    emitted.addAll(java.util.List.of(
        HostFixes.INSTALL_PROFILE, HostFixes.SYSCTL_APPARMOR, HostFixes.SYSCTL_USERNS_CLONE, HostFixes.SYSCTL_LIMITS));

    assertEquals(emitted, new TreeSet<>(sections.keySet()));
    sections.forEach((code, body) -> {
      assertTrue(code.startsWith(CodexBwrapCheck.ID + "."), code);
      assertFalse(body.isBlank(), code);
      assertTrue(body.contains("Fix") || body.contains("fix"), code + " has no fix");
    });
  }
}
