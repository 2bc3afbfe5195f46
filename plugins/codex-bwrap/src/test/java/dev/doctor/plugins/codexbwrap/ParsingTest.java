package dev.doctor.plugins.codexbwrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The small parsers: Codex -c overrides, AppArmor profile headers, kernel strings, versions. */
class ParsingTest {

  @Test
  void argumentStringsSplitLikeOpenClaw() {
    assertEquals(
        List.of("app-server", "--listen", "stdio://", "-c", "log_dir=/tmp/openclaw\\logs", "model=\"x y\""),
        CodexOverrides.split("app-server --listen stdio:// -c log_dir=/tmp/openclaw\\logs 'model=\"x y\"'"));
  }

  @Test
  void theLastOverrideWinsAndTomlNoiseIsStripped() {
    var overrides = new CodexOverrides(java.util.Map.of(
        CodexOverrides.NETWORK_ACCESS, "TRUE",
        CodexOverrides.BWRAP_PATH, "/opt/bwrap"));
    assertEquals(Optional.of(true), overrides.networkAccess());
    assertEquals(Optional.of("/opt/bwrap"), overrides.bwrapPath());
    assertEquals(Optional.empty(), new CodexOverrides(java.util.Map.of(CodexOverrides.NETWORK_ACCESS, "yes")).networkAccess());
  }

  @Test
  void profileHeadersGiveNameAndAttachment() {
    assertArrayEquals(new String[] {"bwrap", "/usr/bin/bwrap"},
        AppArmorProfiles.header("profile bwrap /usr/bin/bwrap flags=(unconfined) {"));
    assertArrayEquals(new String[] {"/usr/bin/bwrap", "/usr/bin/bwrap"},
        AppArmorProfiles.header("/usr/bin/bwrap flags=(complain) {"));
    assertArrayEquals(new String[] {"/opt/x y/bwrap", "/opt/x y/bwrap"},
        AppArmorProfiles.header("profile \"/opt/x y/bwrap\" {"));
    assertNull(AppArmorProfiles.header("profile unpriv_bwrap flags=(attach_disconnected) {"));
    assertNull(AppArmorProfiles.header("  # profile bwrap /usr/bin/bwrap {"));
    assertNull(AppArmorProfiles.header("  allow pix /** -> &unpriv_bwrap,"));
  }

  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource({
    "/usr/bin/bwrap, /usr/bin/bwrap, true",
    "'/usr/{,local/}bin/bwrap', /usr/local/bin/bwrap, true",
    "/usr/bin/*, /usr/bin/bwrap, true",
    "/usr/*, /usr/bin/bwrap, false",
    "/usr/**, /usr/bin/bwrap, true",
    "/usr/bin/bwra?, /usr/bin/bwrap, true",
    "'/{usr/lib/firefox{,-esr},opt/firefox}/firefox{,-bin}', /usr/bin/bwrap, false",
    "@{bin}/bwrap, /usr/bin/bwrap, false",
  })
  void attachmentsAreAppArmorGlobs(String attachment, String path, boolean matches) {
    assertEquals(matches, AppArmorProfiles.attachmentMatches(attachment, path));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "linux version 4.4.0-22621-microsoft",
    "linux version 5.15.0-microsoft-standard-wsl1",
    "linux version 5.15.0-wsl-microsoft-standard-wsl1"})
  void wsl1Kernels(String kernel) {
    assertTrue(HostFacts.indicatesWsl1(kernel));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "linux version 6.6.87.2-microsoft-standard-wsl2",
    "linux version 4.19.104-microsoft-standard",
    "linux version 6.8.0-45-generic"})
  void notWsl1Kernels(String kernel) {
    assertFalse(HostFacts.indicatesWsl1(kernel));
  }

  @Test
  void capabilityMasks() {
    assertTrue(HostFacts.hasCapability("000001ffffffffff", 21));
    assertTrue(HostFacts.hasCapability("0000000000200000", 21));
    assertFalse(HostFacts.hasCapability("00000000a80425fb", 21));
    assertFalse(HostFacts.hasCapability("not hex", 21));
  }

  @ParameterizedTest(name = "{0} < 0.9.0: {1}")
  @CsvSource({"0.4.0, true", "0.8.0, true", "0.8.99, true", "0.9.0, false", "0.11.1, false", "1.0, false",
      "0.10.0-dev, false", "unknown, false", "'', false", "99999999999.0, false"})
  void versionsBeforeArgv0(String version, boolean older) {
    assertEquals(older, Findings.olderThan(version, Findings.ARGV0_VERSION));
  }
}
