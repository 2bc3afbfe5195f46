package dev.doctor.plugins.codexbwrap;

import static dev.doctor.plugins.codexbwrap.Argv.MOUNT;
import static dev.doctor.plugins.codexbwrap.Argv.NETWORK;
import static dev.doctor.plugins.codexbwrap.Argv.SANDBOX;
import static dev.doctor.plugins.codexbwrap.Argv.SANDBOX_NET;
import static dev.doctor.plugins.codexbwrap.Argv.USER;
import static dev.doctor.plugins.codexbwrap.Argv.allElsePasses;
import static dev.doctor.plugins.codexbwrap.Argv.bwrapVersion;
import static dev.doctor.plugins.codexbwrap.Samples.stderr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.Change;
import dev.doctor.api.CheckContext;
import dev.doctor.api.Fix;
import dev.doctor.testkit.CheckResults;
import dev.doctor.testkit.ScriptedCommandRunner;
import dev.doctor.testkit.TestCheckContext;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixes for a fixture host: the AppArmor profile the finding suggests (written below the
 * fixture root, loaded with apparmor_parser), always as root; the sysctl fallbacks only by name.
 */
class HostFixesTest {

  private static final String OFFLINE = "{ agents: { defaults: { sandbox: { mode: 'all' } } } }";

  @TempDir Path dir;

  private List<Fix> fixes(Function<Path, HostTree> preset, ScriptedCommandRunner runner) {
    preset.apply(dir);
    CodexBwrapCheck check = new CodexBwrapCheck(dir);
    CheckContext ctx = TestCheckContext.builder().config(OFFLINE).env("PATH", HostTree.PATH).runner(runner).build();
    return check.fixes(ctx, CheckResults.findings(check.run(ctx)));
  }

  private static ScriptedCommandRunner refused(String bwrapSample, String unshareSample) {
    return allElsePasses(bwrapVersion("0.9.0")
        .on(SANDBOX).exits(1, "", stderr(bwrapSample))
        .on(SANDBOX_NET).exits(1, "", stderr(bwrapSample))
        .on(USER).exits(1, "", stderr(unshareSample))
        .on(NETWORK).exits(1, "", stderr(unshareSample))
        .on(MOUNT).exits(1, "", stderr(unshareSample)));
  }

  private static Fix only(List<Fix> fixes, String id) {
    List<Fix> matching = fixes.stream().filter(f -> f.id().equals(id)).toList();
    assertEquals(1, matching.size(), fixes.toString());
    return matching.get(0);
  }

  @Test
  void ubuntusOwnProfileIsInstalledAndLoadedAsRoot() {
    List<Fix> fixes = fixes(HostTree::ubuntu2404, refused("bwrap-0.4.0_uid-map", "unshare-2.38.1_uid-map"));

    Fix install = only(fixes, HostFixes.INSTALL_PROFILE);
    assertTrue(install.needsRoot());
    assertFalse(install.unattendedSafe());
    assertFalse(install.optIn());
    assertNull(install.blocked());
    assertEquals(Fix.Kind.COMMAND, install.kind());
    Path installed = dir.resolve("etc/apparmor.d/bwrap-userns-restrict");
    Change.FileWrite write = assertInstanceOf(Change.FileWrite.class, install.changes().get(0));
    assertEquals(installed, write.path());
    assertEquals(0644, write.mode());
    assertEquals(Samples.text("apparmor/bwrap-userns-restrict"), write.content());
    Change.RunCommand load = assertInstanceOf(Change.RunCommand.class, install.changes().get(1));
    assertEquals(List.of("apparmor_parser", "-r", installed.toString()), load.command().argv());
    assertEquals("codex-bwrap.apparmor-userns-restricted", install.addresses().get(0).code());
  }

  @Test
  void theSuggestedProfileForAnotherPathIsWrittenAsSuggested() {
    List<Fix> fixes = fixes(d -> HostTree.ubuntu2404(d).delete(HostTree.BWRAP).executable("/usr/local/bin/bwrap"),
        allElsePasses(new ScriptedCommandRunner()
            .on("/usr/local/bin/bwrap", "--version").succeeds("bubblewrap 0.11.1\n")
            .when(c -> c.argv().get(0).equals("/usr/local/bin/bwrap")).exits(1, "", stderr("bwrap-0.4.0_uid-map"))));

    Fix install = only(fixes, HostFixes.INSTALL_PROFILE);
    Change.FileWrite write = assertInstanceOf(Change.FileWrite.class, install.changes().get(0));
    assertEquals(dir.resolve("etc/apparmor.d/openclaw-bwrap"), write.path());
    assertTrue(write.content().contains("profile openclaw-bwrap /usr/local/bin/bwrap flags=(unconfined) {\n  userns,"), write.content());
    assertEquals("write the AppArmor profile /etc/apparmor.d/openclaw-bwrap that lets /usr/local/bin/bwrap create user"
        + " namespaces, and load it with apparmor_parser -r", install.plan());
  }

  @Test
  void anExistingFileOfThatNameIsNotReplaced() {
    List<Fix> fixes = fixes(d -> HostTree.ubuntu2404(d).delete(HostTree.BWRAP).executable("/usr/local/bin/bwrap")
            .file("/etc/apparmor.d/openclaw-bwrap", "# someone else's\n"),
        allElsePasses(new ScriptedCommandRunner()
            .on("/usr/local/bin/bwrap", "--version").succeeds("bubblewrap 0.11.1\n")
            .when(c -> c.argv().get(0).equals("/usr/local/bin/bwrap")).exits(1, "", stderr("bwrap-0.4.0_uid-map"))));

    Fix install = only(fixes, HostFixes.INSTALL_PROFILE);
    assertTrue(install.blocked().startsWith("/etc/apparmor.d/openclaw-bwrap already exists"), install.blocked());
  }

  @Test
  void noProfileFixWhereTheFindingSuggestsNone() {
    List<Fix> fixes = fixes(d -> HostTree.ubuntu2404(d).chmod(HostTree.BWRAP, "rwxrwxrwx"),
        refused("bwrap-0.4.0_uid-map", "unshare-2.38.1_uid-map"));
    assertTrue(fixes.stream().noneMatch(f -> f.id().equals(HostFixes.INSTALL_PROFILE)), fixes.toString());
  }

  @Test
  void noProfileFixWithoutASystemBwrap() {
    List<Fix> fixes = fixes(d -> HostTree.ubuntu2404(d).delete(HostTree.BWRAP),
        allElsePasses(new ScriptedCommandRunner().on(USER).exits(1, "", stderr("unshare-2.38.1_uid-map"))));
    assertTrue(fixes.stream().noneMatch(f -> f.id().equals(HostFixes.INSTALL_PROFILE)), fixes.toString());
  }

  @Test
  void theHostWideSysctlIsOfferedOnlyAsOptIn() {
    List<Fix> fixes = fixes(HostTree::ubuntu2404, refused("bwrap-0.4.0_uid-map", "unshare-2.38.1_uid-map"));

    Fix sysctl = only(fixes, HostFixes.SYSCTL_APPARMOR);
    assertTrue(sysctl.optIn(), "never applied by --yes alone");
    assertTrue(sysctl.needsRoot());
    Change.FileWrite write = assertInstanceOf(Change.FileWrite.class, sysctl.changes().get(0));
    assertEquals(dir.resolve("etc/sysctl.d/60-openclaw-userns.conf"), write.path());
    assertTrue(write.content().endsWith("kernel.apparmor_restrict_unprivileged_userns = 0\n"), write.content());
    Change.RunCommand load = assertInstanceOf(Change.RunCommand.class, sysctl.changes().get(1));
    assertEquals(List.of("sysctl", "-p", write.path().toString()), load.command().argv());
    assertTrue(sysctl.note().startsWith("Host-wide: every program"), sysctl.note());
  }

  @Test
  void theUsernsCloneSwitchKeepsOtherLinesOfDoctorsFile() {
    List<Fix> fixes = fixes(d -> HostTree.debianUsernsCloneOff(d)
            .file("/etc/sysctl.d/60-openclaw-userns.conf", "user.max_user_namespaces = 20000\nkernel.unprivileged_userns_clone = 0\n"),
        refused("bwrap-0.8.0-debian_eperm", "unshare-2.38.1_eperm"));

    Fix sysctl = only(fixes, HostFixes.SYSCTL_USERNS_CLONE);
    assertTrue(sysctl.optIn());
    Change.FileWrite write = assertInstanceOf(Change.FileWrite.class, sysctl.changes().get(0));
    assertEquals("user.max_user_namespaces = 20000\nkernel.unprivileged_userns_clone = 1\n", write.content());
  }

  @Test
  void zeroNamespaceLimitsAreRaisedToTheHostsOthers() {
    List<Fix> fixes = fixes(d -> HostTree.plainLinux(d).limit("user", 0), refused("bwrap-0.11.1_enospc", "unshare-2.38.1_enospc"));

    Fix sysctl = only(fixes, HostFixes.SYSCTL_LIMITS);
    assertTrue(sysctl.optIn());
    assertEquals("set user.max_user_namespaces = 15000 in /etc/sysctl.d/60-openclaw-userns.conf and load it (sysctl -p)",
        sysctl.plan());
  }

  @Test
  void limitsInsideAContainerAreNotTheContainersToRaise() {
    List<Fix> fixes = fixes(d -> HostTree.dockerDefault(d).limit("user", 0), refused("bwrap-0.11.1_enospc", "unshare-2.38.1_enospc"));
    assertTrue(fixes.stream().noneMatch(f -> f.id().equals(HostFixes.SYSCTL_LIMITS)), fixes.toString());
  }
}
