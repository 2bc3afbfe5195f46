package dev.doctor.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.core.plugin.LoadedCheck;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SelectionTest {

  private static final Set<String> KNOWN = Set.of("codex-bwrap", "sandbox-docker", "config-secrets", "extra", "extra/one", "extra/two");

  private static LoadedCheck check(String id) {
    return new LoadedCheck(id, id, id.split("/")[0], "1", "p", null);
  }

  @Test
  void pluginIdSelectsAllItsChecksAndFullIdSelectsOne() {
    Selection s = Selection.parse(List.of("extra/one,codex-bwrap"), List.of());
    assertTrue(s.includes(check("codex-bwrap")));
    assertTrue(s.includes(check("extra/one")));
    assertFalse(s.includes(check("extra/two")));
    assertFalse(s.includes(check("sandbox-docker")));

    Selection p = Selection.parse(List.of("extra"), List.of("extra/two"));
    assertTrue(p.includes(check("extra/one")));
    assertFalse(p.includes(check("extra/two")));
  }

  @Test
  void skipWithoutOnlyKeepsEverythingElse() {
    Selection s = Selection.parse(List.of(), List.of("sandbox-docker", " config-secrets "));
    assertTrue(s.includes(check("codex-bwrap")));
    assertFalse(s.includes(check("sandbox-docker")));
    assertFalse(s.includes(check("config-secrets")));
    assertFalse(s.includesPlugin("config-secrets"));
    assertTrue(s.includesPlugin("extra"));
  }

  @Test
  void unknownIdNamesTheNearestKnownOne() {
    UsageException e = assertThrows(UsageException.class,
        () -> Selection.parse(List.of("codex-bwarp"), List.of()).validate(KNOWN));
    assertEquals("unknown check id 'codex-bwarp'; did you mean 'codex-bwrap'? (see 'doctor list')", e.getMessage());
    UsageException far = assertThrows(UsageException.class,
        () -> Selection.parse(List.of(), List.of("zzzzzzzzzzzzzzzz")).validate(KNOWN));
    assertEquals("unknown check id 'zzzzzzzzzzzzzzzz' (see 'doctor list')", far.getMessage());
  }
}
