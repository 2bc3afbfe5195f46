package dev.doctor.plugins.codexbwrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The recorded stderr of several bwrap and unshare versions, each matched to its symptom. */
class SymptomTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "bwrap-0.4.0_eperm, CREATE_DENIED",
    "bwrap-0.8.0-debian_eperm, CREATE_DENIED",
    "bwrap-0.11.1_eperm, CREATE_DENIED",
    "bwrap-0.4.0_enospc, LIMIT",
    "bwrap-0.8.0_enospc, LIMIT",
    "bwrap-0.11.1_enospc, LIMIT",
    "bwrap-0.4.0_uid-map, UID_MAP",
    "bwrap-0.6.1_einval, NO_USERNS_SUPPORT",
    "bwrap-0.8.0_make-slave, MOUNT",
    "bwrap-0.8.0_rtm-newaddr, LOOPBACK",
    "bwrap-0.9.0_rtm-newlink, LOOPBACK",
    "bwrap-0.9.0_proc, PROC",
    "bwrap-0.8.0_unknown-argv0, UNKNOWN_OPTION",
    "unshare-2.38.1_eperm, CREATE_DENIED",
    "unshare-2.38.1_enospc, LIMIT",
    "unshare-2.38.1_propagation, MOUNT",
    "unshare-2.38.1_uid-map, UID_MAP",
    "unshare-2.38.1_einval, NO_USERNS_SUPPORT",
  })
  void recordedStderrMatchesItsSymptom(String sample, Symptom expected) {
    assertEquals(expected, Symptom.ofStderr(Samples.stderr(sample)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "bwrap: loopback: Failed RTM_NEWADDR: File exists | LOOPBACK",
    "BWRAP: LOOPBACK: FAILED RTM_NEWLINK: No such device | LOOPBACK",
    "bwrap: setting up uid map: Operation not permitted | UID_MAP",
    "unshare: write failed /proc/self/setgroups: Permission denied | UID_MAP",
    "bwrap: Creating new namespace failed: Permission denied | CREATE_DENIED",
    "unshare: unshare failed: Permission denied | CREATE_DENIED",
    "bwrap: execvp true: No such file or directory | OTHER",
    "'' | OTHER",
  })
  void matchingIsLooseAcrossErrnosAndCase(String stderr, Symptom expected) {
    assertEquals(expected, Symptom.ofStderr(stderr));
  }
}
