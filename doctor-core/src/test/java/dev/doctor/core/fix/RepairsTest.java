package dev.doctor.core.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.doctor.api.Change;
import dev.doctor.api.CheckReport;
import dev.doctor.api.CheckStatus;
import dev.doctor.api.Command;
import dev.doctor.api.CommandResult;
import dev.doctor.api.CommandRunner;
import dev.doctor.api.Finding;
import dev.doctor.api.Fix;
import dev.doctor.api.FixReport;
import dev.doctor.api.FixReport.Status;
import dev.doctor.api.Report;
import dev.doctor.api.Severity;
import dev.doctor.core.run.CheckRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Planning, deciding, applying and judging fixes, with real files and a scripted command runner. */
class RepairsTest {

  private static final String KEY = "sk-proj-Abc123Def456Ghi789Jkl012Mno345Pqr678Stu901Vwx";
  private static final String CONFIG = "// gateway\n{\n  models: { openai: { apiKey: '" + KEY + "' } }, // the key\n  port: 1,\n}\n";
  private static final String REF = "{\"source\":\"file\",\"provider\":\"filemain\",\"id\":\"/openai\"}";

  @TempDir Path dir;
  private final List<Command> ran = new ArrayList<>();

  /** Succeeds for every command but {@code false}, which fails as the shell's does (with a line on stderr). */
  private final CommandRunner runner = command -> {
    ran.add(command);
    boolean fails = command.argv().get(0).equals("false");
    return new CommandResult(command, CommandResult.Outcome.EXITED, fails ? 1 : 0, "", fails ? "it went wrong\nmore\n" : "", false,
        false, Duration.ofMillis(5), "");
  };

  private Path config() throws IOException {
    Path file = dir.resolve("openclaw.json");
    Files.writeString(file, CONFIG);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    return file;
  }

  private static Finding finding(String code, Path file, String message) {
    return Finding.builder(code, Severity.ERROR, message).path("models.openai.apiKey").file(file).build().withCheckId("demo");
  }

  /** The secret move as config-secrets plans it: store, declare, replace. */
  private Fix move(Path config) {
    Path secrets = dir.resolve("secrets.json");
    return Fix.builder("demo.move", "move the key")
        .addresses(finding("demo.plaintext", config, "plaintext key"))
        .change(Change.FileWrite.ifMissing(secrets, "{\n}\n", 0600))
        .change(Change.ConfigEdit.set(secrets, List.of("openai"), Change.ConfigEdit.jsonString(KEY)).storingSecret())
        .change(Change.ConfigEdit.set(config, "secrets.providers.filemain", "{\"source\":\"file\",\"path\":\"~/s.json\"}"))
        .change(Change.ConfigEdit.set(config, List.of("models", "openai", "apiKey"), REF).removingSecret())
        .note("rotate it")
        .build();
  }

  private static List<CheckRunner.Offer> offer(Fix... fixes) {
    return List.of(new CheckRunner.Offer("demo", List.of(fixes), null));
  }

  private Map<String, String> checksums() throws Exception {
    Map<String, String> sums = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        sums.put(dir.relativize(f) + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(f)),
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
      }
    }
    return sums;
  }

  @Test
  void aPlanShowsARedactedDiffAndChangesNothing() throws Exception {
    Path config = config();
    Map<String, String> before = checksums();
    Repairs repairs = new Repairs(runner, false, Repairs.Listener.NONE);
    FixReport planned = repairs.plan(offer(move(config)), Set.of()).get(0);
    repairs.decide(true, false, null);

    assertEquals(Status.PLANNED, planned.status());
    assertEquals(Fix.Kind.CONFIG_EDIT, planned.kind());
    String diff = planned.diff();
    assertFalse(diff.contains(KEY), diff);
    assertTrue(diff.contains("+++ " + dir.resolve("secrets.json") + "\n"), diff);
    assertTrue(diff.contains("+  \"openai\": \"«redacted: 53 chars»\"\n"), "the stored secret is redacted: " + diff);
    assertTrue(diff.contains("-  models: { openai: { apiKey: '«redacted: 53 chars»' } }, // «comment: 8 chars»\n"), diff);
    assertTrue(diff.contains("+  models: { openai: { apiKey: { source: 'file', provider: 'filemain', id: '/openai' } } }, // «comment: 8 chars»\n"), diff);
    assertTrue(diff.contains("+    providers: {\n+      filemain: { source: 'file', path: '~/s.json' },\n"), diff);
    assertEquals(before, checksums(), "planning and a dry run change nothing");
    assertEquals(List.of(), ran);
  }

  @Test
  void movingASecretLeavesItInNoBackupAndKeepsTheFilesMode() throws Exception {
    Path config = config();
    Repairs repairs = new Repairs(runner, false, Repairs.Listener.NONE);
    repairs.plan(offer(move(config)), Set.of());
    repairs.decide(false, true, null);
    assertEquals(Set.of("demo"), repairs.apply());
    assertEquals(Status.APPLIED, repairs.reports().get(0).status(), repairs.reports().get(0).toString());

    String now = Files.readString(config);
    assertFalse(now.contains(KEY));
    assertTrue(now.startsWith("// gateway\n{\n  models: { openai: { apiKey: { source: 'file', provider: 'filemain', id: '/openai' } } }, // the key\n  port: 1,\n"), now);
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)), "the config keeps its mode");

    Path backup = dir.resolve("openclaw.json.bak");
    String backedUp = Files.readString(backup);
    assertFalse(backedUp.contains(KEY), "the backup of a secret-moving write holds the file with the secret replaced");
    assertEquals(CONFIG.replace("'" + KEY + "'", "{ source: 'file', provider: 'filemain', id: '/openai' }"), backedUp,
        "the old file with the secret's edit made, nothing else");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)), "no backup is more readable than 0600");

    Path secrets = dir.resolve("secrets.json");
    assertEquals("{\n  \"openai\": \"" + KEY + "\"\n}\n", Files.readString(secrets));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(), files.filter(f -> f.toString().endsWith(AtomicReplace.TEMP_SUFFIX)).toList(), "no temp file left");
    }
  }

  @Test
  void olderBackupsThatHoldTheMovedSecretAreRewrittenWithoutIt() throws Exception {
    Path config = config();
    Path openclawsOwn = dir.resolve("openclaw.json.bak");
    Files.writeString(openclawsOwn, "{ models: { openai: { apiKey: \"" + KEY + "\" } }, old: true }\n");
    Files.setPosixFilePermissions(openclawsOwn, PosixFilePermissions.fromString("rw-------"));
    Path ancient = dir.resolve("openclaw.json.bak.3");
    Files.writeString(ancient, "not even json " + KEY + "\n");

    Repairs repairs = new Repairs(runner, false, Repairs.Listener.NONE);
    repairs.plan(offer(move(config)), Set.of());
    repairs.decide(false, true, null);
    repairs.apply();

    for (int i = 0; i < AtomicReplace.RING; i++) {
      Path slot = dir.resolve(AtomicReplace.slot("openclaw.json", i));
      if (Files.exists(slot)) {
        assertFalse(Files.readString(slot).contains(KEY), slot + " still holds the secret");
      }
    }
    assertEquals("{ models: { openai: { apiKey: { source: \"file\", provider: \"filemain\", id: \"/openai\" } } }, old: true }\n",
        Files.readString(dir.resolve("openclaw.json.bak.1")), "OpenClaw's backup moved one slot, the ref in place of the key");
    assertEquals("not even json «removed by doctor»\n", Files.readString(dir.resolve("openclaw.json.bak.4")));
  }

  @Test
  void ownerAndGroupAreKept() throws Exception {
    assumeTrue(Privileges.isRoot(), "changing owners needs root");
    Path config = config();
    Files.setAttribute(config, "unix:uid", 4242);
    Files.setAttribute(config, "unix:gid", 4343);

    Repairs repairs = new Repairs(runner, true, Repairs.Listener.NONE);
    repairs.plan(offer(move(config)), Set.of());
    repairs.decide(false, true, null);
    repairs.apply();

    assertEquals(4242, Files.getAttribute(config, "unix:uid"));
    assertEquals(4343, Files.getAttribute(config, "unix:gid"));
    assertEquals(4242, Files.getAttribute(dir.resolve("openclaw.json.bak"), "unix:uid"), "the backup belongs to the file's owner");
  }

  @Test
  void aFileThatChangedSinceThePlanIsNotWritten() throws Exception {
    Path config = config();
    Repairs repairs = new Repairs(runner, false, Repairs.Listener.NONE);
    repairs.plan(offer(move(config)), Set.of());
    Files.writeString(config, CONFIG.replace("port: 1", "port: 2"));
    repairs.decide(false, true, null);
    repairs.apply();

    FixReport report = repairs.reports().get(0);
    assertEquals(Status.FAILED, report.status());
    assertTrue(report.reason().startsWith(dir.resolve("secrets.json") + " changed since doctor planned this fix")
        || report.reason().contains("openclaw.json changed since doctor planned this fix"), report.reason());
    assertEquals(CONFIG.replace("port: 1", "port: 2"), Files.readString(config));
  }

  @Test
  void whatIsAppliedFollowsTheRules() throws Exception {
    Path config = config();
    Finding f = finding("demo.plaintext", config, "x");
    Fix safe = Fix.builder("demo.safe", "chmod").addresses(f).change(new Change.Chmod(config, 0600)).unattendedSafe().build();
    Fix optIn = Fix.builder("demo.sysctl", "sysctl").addresses(f).change(new Change.RunCommand(Command.of("true"))).optIn().build();
    Fix root = Fix.builder("demo.root", "as root").addresses(f).change(new Change.RunCommand(Command.of("true"))).needsRoot().build();
    Fix blocked = Fix.builder("demo.blocked", "no").addresses(f).change(new Change.RunCommand(Command.of("true")))
        .blocked("NAME is not set").build();
    Fix risky = Fix.builder("demo.risky", "pull").addresses(f).change(new Change.RunCommand(Command.of("true"))).build();

    Repairs unattended = new Repairs(runner, false, Repairs.Listener.NONE);
    unattended.plan(offer(safe, optIn, root, blocked, risky), Set.of());
    List<FixReport> decided = unattended.decide(false, false, null);
    assertEquals(List.of(Status.PLANNED, Status.SKIPPED, Status.SKIPPED, Status.SKIPPED, Status.PLANNED),
        decided.stream().map(FixReport::status).toList());
    assertEquals("not applied: there is no terminal to ask on; run again with --yes to apply it", decided.get(0).reason());
    assertEquals("opt-in: apply it by name with --fix-only demo.sysctl", decided.get(1).reason());
    assertEquals("needs root: run doctor as root (sudo) to apply it", decided.get(2).reason());
    assertEquals("NAME is not set", decided.get(3).reason());
    assertEquals(Set.of(), unattended.apply(), "nothing is applied without a way to confirm");

    Repairs yes = new Repairs(runner, true, Repairs.Listener.NONE);
    yes.plan(offer(safe, optIn, root, blocked, risky), Set.of());
    yes.decide(false, true, null);
    yes.apply();
    assertEquals(List.of(Status.APPLIED, Status.SKIPPED, Status.APPLIED, Status.SKIPPED, Status.APPLIED),
        yes.reports().stream().map(FixReport::status).toList(), "--yes applies all but opt-in and blocked fixes");

    Repairs named = new Repairs(runner, false, Repairs.Listener.NONE);
    assertEquals(List.of("demo.sysctl"), named.plan(offer(safe, optIn, risky), Set.of("demo.sysctl")).stream().map(FixReport::id).toList());
    named.decide(false, true, null);
    named.apply();
    assertEquals(Status.APPLIED, named.reports().get(0).status(), "named, an opt-in fix is applied");

    List<String> asked = new ArrayList<>();
    Repairs prompted = new Repairs(runner, false, Repairs.Listener.NONE);
    prompted.plan(offer(safe, risky), Set.of());
    prompted.decide(false, false, fix -> {
      asked.add(fix.id());
      return fix.unattendedSafe();
    });
    assertEquals(List.of("demo.safe", "demo.risky"), asked);
    assertEquals(Status.DECLINED, prompted.reports().get(1).status());
  }

  @Test
  void aFailingStepSaysWhyAndWhatWasDoneBefore() throws Exception {
    Path profile = dir.resolve("etc/apparmor.d/profile");
    Fix fix = Fix.builder("demo.load", "write and load").addresses(finding("demo.x", null, "x"))
        .change(Change.FileWrite.of(profile, "profile x {}\n", 0644))
        .change(new Change.RunCommand(Command.of("false", "--now")))
        .build();
    Repairs repairs = new Repairs(runner, true, Repairs.Listener.NONE);
    repairs.plan(offer(fix), Set.of());
    repairs.decide(false, true, null);
    repairs.apply();

    FixReport report = repairs.reports().get(0);
    assertEquals(Status.FAILED, report.status());
    assertEquals("false --now: exit 1: it went wrong (done before: created " + profile + ")", report.reason());
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(profile)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(profile.getParent())),
        "a directory doctor creates is private");
  }

  @Test
  void aSymlinkIsNotChmoddedAndAMissingFileIsNotEdited() throws Exception {
    Path target = Files.writeString(dir.resolve("target"), "x");
    Path link = Files.createSymbolicLink(dir.resolve("link"), target);
    Finding f = finding("demo.x", link, "x");
    Fix chmod = Fix.builder("demo.chmod", "chmod").addresses(f).change(new Change.Chmod(link, 0600)).build();
    Fix edit = Fix.builder("demo.edit", "edit").addresses(f)
        .change(Change.ConfigEdit.set(dir.resolve("missing.json"), "a", "1")).build();
    Repairs repairs = new Repairs(runner, false, Repairs.Listener.NONE);
    repairs.plan(offer(chmod, edit), Set.of());
    repairs.decide(false, true, null);
    repairs.apply();

    assertEquals(Status.FAILED, repairs.reports().get(0).status());
    assertTrue(repairs.reports().get(0).reason().endsWith("is a symbolic link; doctor changes the mode of a file itself, not through a link"));
    assertEquals(Status.FAILED, repairs.reports().get(1).status());
    assertEquals("cannot be applied: " + dir.resolve("missing.json") + " does not exist", repairs.reports().get(1).reason());
  }

  @Test
  void verdictsFollowWhatIsLeft() throws Exception {
    Path config = config();
    Finding a = finding("demo.a", config, "first problem");
    Finding b = finding("demo.b", config, "second problem");
    Report before = report(CheckStatus.FAILED, a, b);

    assertEquals(Status.REPAIRED, judge(config, List.of(a, b), before, report(CheckStatus.PASSED)).status());
    FixReport partial = judge(config, List.of(a, b), before, report(CheckStatus.FAILED, b));
    assertEquals(Status.PARTIAL, partial.status());
    assertEquals("1 of 2 findings left: second problem", partial.reason());
    FixReport failed = judge(config, List.of(a), before, report(CheckStatus.FAILED, a, b));
    assertEquals(Status.FAILED, failed.status());
    assertEquals("the check still reports: first problem", failed.reason());
    FixReport crashed = judge(config, List.of(a), before, report(CheckStatus.ERROR));
    assertEquals(Status.APPLIED, crashed.status());
    assertEquals("cannot tell whether it worked: the check's second run ended in error", crashed.reason());
    Finding caused = Finding.builder("demo.unresolved", Severity.ERROR, "the new ref does not resolve").file(config).build().withCheckId("demo");
    FixReport newProblem = judge(config, List.of(a), before, report(CheckStatus.FAILED, b, caused));
    assertEquals(Status.PARTIAL, newProblem.status());
    assertEquals("the check now reports: the new ref does not resolve", newProblem.reason());
  }

  private FixReport judge(Path config, List<Finding> addressed, Report before, Report after) {
    Fix fix = Fix.builder("demo.fix", "fix").addresses(addressed).change(new Change.Chmod(config, 0600)).build();
    Repairs repairs = new Repairs(runner, false, Repairs.Listener.NONE);
    repairs.plan(offer(fix), Set.of());
    repairs.decide(false, true, null);
    repairs.apply();
    return repairs.verdicts(before, after).get(0);
  }

  private static Report report(CheckStatus status, Finding... findings) {
    CheckReport check = new CheckReport("demo", "demo", "Demo", status, Duration.ZERO, null, List.of(findings), Map.of());
    return new Report("test", Instant.EPOCH, Duration.ZERO, Severity.WARNING, List.of(check));
  }

  @Test
  void aCheckThatCouldNotOfferIsNamed() {
    Repairs repairs = new Repairs(runner, false, Repairs.Listener.NONE);
    repairs.plan(List.of(new CheckRunner.Offer("demo", List.of(), "crashed while planning fixes: java.lang.IllegalStateException")),
        Set.of());
    assertEquals(List.of("demo: crashed while planning fixes: java.lang.IllegalStateException"), repairs.problems());
    assertEquals(List.of(), repairs.reports());
  }

  @Test
  void aFileCreatedByTheFixGetsItsModeAndTheDirectorysOwner() throws Exception {
    Path file = dir.resolve("new/secret.json");
    Fix fix = Fix.builder("demo.create", "create").addresses(finding("demo.x", null, "x"))
        .change(Change.FileWrite.ifMissing(file, "{}\n", 0600).asSecret())
        .build();
    Repairs repairs = new Repairs(runner, false, Repairs.Listener.NONE);
    FixReport planned = repairs.plan(offer(fix), Set.of()).get(0);
    assertEquals("--- /dev/null\n+++ " + file + "\n@@ -0,0 +1 @@\n+{}\n", planned.diff());
    repairs.decide(false, true, null);
    repairs.apply();
    assertEquals("{}\n", Files.readString(file, StandardCharsets.UTF_8));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertNull(repairs.reports().get(0).reason());
  }
}
