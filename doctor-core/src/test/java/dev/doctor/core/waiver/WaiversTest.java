package dev.doctor.core.waiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.CheckReport;
import dev.doctor.api.CheckStatus;
import dev.doctor.api.Finding;
import dev.doctor.api.Report;
import dev.doctor.api.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaiversTest {

  private static final LocalDate TODAY = LocalDate.parse("2026-11-29");

  @TempDir Path dir;

  private Waivers load(String json5) throws IOException {
    return Waivers.load(Files.writeString(dir.resolve(Waivers.FILE_NAME), json5), TODAY);
  }

  private static Finding finding(String code, Severity severity, String path) {
    return Finding.builder(code, severity, "about " + code).path(path).build().withCheckId(code.substring(0, code.indexOf('.')));
  }

  private static CheckReport check(String id, Finding... findings) {
    boolean serious = List.of(findings).stream().anyMatch(f -> f.severity().atLeast(Severity.WARNING));
    return new CheckReport(id, id, "title", serious ? CheckStatus.FAILED : CheckStatus.PASSED, Duration.ZERO, null, List.of(findings), Map.of());
  }

  @Test
  void aMissingFileMeansNoWaivers() {
    Waivers none = Waivers.load(dir.resolve("nope.json5"), TODAY);
    assertEquals(0, none.size());
    assertEquals(List.of(), none.problems());
    assertEquals(dir.resolve(Waivers.FILE_NAME), Waivers.defaultFile(dir.resolve("openclaw.json")));
  }

  @Test
  void aWaiverMarksItsFindingsAndTheCheckNoLongerFails() throws IOException {
    Waivers waivers = load("""
        // accepted risks, reviewed monthly
        {
          waivers: [
            { code: 'sandbox-docker.capabilities-kept', path: 'agents.defaults.sandbox', reason: 'INFRA-7: needs NET_ADMIN', expires: '2026-11-29' },
          ],
        }
        """);
    assertEquals(List.of(), waivers.problems());
    CheckReport docker = check("sandbox-docker",
        finding("sandbox-docker.capabilities-kept", Severity.WARNING, "agents.defaults.sandbox.docker.capAdd"),
        finding("sandbox-docker.capabilities-kept", Severity.WARNING, "agents.entries.ops.sandbox.docker.capAdd"),
        finding("sandbox-docker.image-missing", Severity.INFO, null));
    List<CheckReport> applied = waivers.apply(List.of(docker));
    List<Finding> findings = applied.get(0).findings();
    assertTrue(findings.get(0).waived(), "under the waiver's path, on its last day");
    assertEquals("INFRA-7: needs NET_ADMIN", findings.get(0).waiver().reason());
    assertEquals(LocalDate.parse("2026-11-29"), findings.get(0).waiver().expires());
    assertFalse(findings.get(1).waived(), "another path");
    assertFalse(findings.get(2).waived(), "another code");
    assertEquals(CheckStatus.FAILED, applied.get(0).status(), "one warning is still not waived");

    CheckReport onlyWaived = check("sandbox-docker", finding("sandbox-docker.capabilities-kept", Severity.WARNING, "agents.defaults.sandbox"));
    CheckReport passed = waivers.apply(List.of(onlyWaived)).get(0);
    assertEquals(CheckStatus.PASSED, passed.status());
    Report report = new Report("1", Instant.EPOCH, Duration.ZERO, Severity.WARNING, List.of(passed));
    assertTrue(report.ok(), "a waived finding does not fail the run");
  }

  @Test
  void aWaiverWithoutPathCoversEveryFindingOfItsCodeAndAPathMayBeAFile() throws IOException {
    Waivers waivers = load("""
        { waivers: [
          { code: 'codex-bwrap.user-namespace-denied', reason: 'gVisor host', expires: '2030-01-01' },
          { code: 'doctor.plugin-failed', path: '/opt/doctor/plugins/old.jar', reason: 'removed next release', expires: '2030-01-01' },
        ] }
        """);
    Finding bwrap = finding("codex-bwrap.user-namespace-denied", Severity.ERROR, "agents.defaults.sandbox.mode");
    Finding oldJar = Finding.builder("doctor.plugin-failed", Severity.WARNING, "old").file(Path.of("/opt/doctor/plugins/old.jar")).build();
    Finding newJar = Finding.builder("doctor.plugin-failed", Severity.WARNING, "new").file(Path.of("/opt/doctor/plugins/new.jar")).build();
    List<CheckReport> applied = waivers.apply(List.of(check("doctor", oldJar, newJar), check("codex-bwrap", bwrap)));
    assertTrue(applied.get(0).findings().get(0).waived());
    assertFalse(applied.get(0).findings().get(1).waived());
    assertTrue(applied.get(1).findings().get(0).waived());
    assertEquals(2, waivers.size());
  }

  @Test
  void expiredAndReasonlessWaiversAreWarningsAndDoNotApply() throws IOException {
    Waivers waivers = load("""
        { waivers: [
          { code: 'a.one', reason: 'old news', expires: '2026-11-28' },
          { code: 'a.two', reason: '  ', expires: '2030-01-01' },
          { code: 'a.three', expires: '2030-01-01' },
          { code: 'a.four', reason: 'r', expires: '31/12/2030' },
          { code: 'a.five', reason: 'r', expires: '2030-02-30' },
          { code: 'a.six', reason: 'r' },
          { code: 'a.seven', pth: 'x', reason: 'r', expires: '2030-01-01' },
          { code: 'Not A Code', reason: 'r', expires: '2030-01-01' },
          { code: 'doctor.waiver-expired', reason: 'r', expires: '2030-01-01' },
          'a.eight',
          { code: 'a.nine', path: 3, reason: 'r', expires: '2030-01-01' },
        ] }
        """);
    assertEquals(0, waivers.size());
    List<Finding> problems = waivers.problems();
    assertEquals(11, problems.size());
    assertEquals(Waivers.EXPIRED, problems.get(0).code());
    assertEquals("the waiver for a.one expired on 2026-11-28; its findings count again", problems.get(0).message());
    assertEquals(2, problems.get(0).line());
    assertEquals(dir.resolve(Waivers.FILE_NAME).toString(), problems.get(0).file());
    assertTrue(problems.stream().allMatch(p -> p.severity() == Severity.WARNING));
    assertTrue(problems.subList(1, 11).stream().allMatch(p -> p.code().equals(Waivers.INVALID)));
    assertTrue(problems.get(1).message().endsWith("is not applied: it has no reason"), problems.get(1).message());
    assertTrue(problems.get(2).message().endsWith("it has no reason"));
    assertTrue(problems.get(3).message().contains("'31/12/2030' is not YYYY-MM-DD"));
    assertTrue(problems.get(4).message().contains("not a real date"));
    assertTrue(problems.get(5).message().contains("no expires date"));
    assertTrue(problems.get(6).message().contains("'pth'"), problems.get(6).message());
    assertTrue(problems.get(7).message().contains("not a finding code"));
    assertTrue(problems.get(8).message().contains("cannot themselves be waived"));
    assertTrue(problems.get(9).message().startsWith("waiver 10 in doctor-waivers.json5 is not applied: it is not an object"), problems.get(9).message());
    assertTrue(problems.get(10).message().contains("path is not a string"));
    assertTrue(problems.get(1).remediation().commands().get(0).startsWith("\"${EDITOR:-vi}\" +3 "), "opens the editor at the waiver");

    Finding one = finding("a.one", Severity.ERROR, null);
    assertFalse(waivers.apply(List.of(check("a", one))).get(0).findings().get(0).waived());
  }

  @Test
  void anUnusableFileIsOneWarningAndNothingIsWaived() throws IOException {
    Waivers broken = load("{ waivers: [ { code: 'a.b', ] }");
    assertEquals(1, broken.problems().size());
    Finding problem = broken.problems().get(0);
    assertEquals(Waivers.UNREADABLE, problem.code());
    assertEquals(1, problem.line());
    assertTrue(problem.column() > 0);
    assertTrue(problem.message().startsWith("the waivers file is not valid JSON5 at line 1"), problem.message());
    assertFalse(problem.message().contains("a.b"), "the file's content is not quoted");

    Waivers bareArray = load("[ { code: 'a.b', reason: 'r', expires: '2030-01-01' } ]");
    assertEquals(Waivers.UNREADABLE, bareArray.problems().get(0).code());
    assertTrue(bareArray.problems().get(0).message().contains("no 'waivers' array"));
    assertEquals(0, bareArray.size());
  }

  @Test
  void theHostsWaiverFindingsAreNeverWaived() throws IOException {
    Waivers waivers = load("{ waivers: [ { code: 'a.b', reason: 'r', expires: '2030-01-01' } ] }");
    Finding own = Finding.builder(Waivers.EXPIRED, Severity.WARNING, "expired").build();
    assertNull(waivers.apply(List.of(check("doctor", own))).get(0).findings().get(0).waiver());
  }
}
