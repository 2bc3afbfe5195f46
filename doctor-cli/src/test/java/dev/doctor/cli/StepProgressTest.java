package dev.doctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.Fix;
import dev.doctor.api.FixReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The live line while a fix's command runs: what runs, for how long, its timeout; erased at the end. */
class StepProgressTest {

  private static final FixReport PULL = new FixReport("sandbox-docker.pull-image", "sandbox-docker", "docker pull x",
      Fix.Kind.COMMAND, false, false, false, null, FixReport.Status.PLANNED, null, null);

  @Test
  void aLongCommandIsShownWithItsTimeAndErased() throws InterruptedException {
    StringWriter err = new StringWriter();
    try (StepProgress progress = new StepProgress(new PrintWriter(err), 100)) {
      progress.step(PULL, "/usr/bin/docker pull x", Duration.ofMinutes(10));
      Thread.sleep(1300);
      progress.stepDone();
      String shown = err.toString();
      assertTrue(shown.startsWith(Progress.CLEAR + "doctor: 0 s of at most 10 min: sandbox-docker.pull-image: /usr/bin/docker pull x"), shown);
      assertTrue(shown.contains(Progress.CLEAR + "doctor: 1 s of at most 10 min: "), shown);
      assertTrue(shown.endsWith(Progress.CLEAR), "erased when the command ends: " + shown);
      int length = shown.length();
      Thread.sleep(1200);
      assertEquals(length, err.toString().length(), "nothing is drawn after the step");
    }
  }

  @Test
  void fileWritesAreTooQuickToShow() {
    StringWriter err = new StringWriter();
    try (StepProgress progress = new StepProgress(new PrintWriter(err), 100)) {
      progress.step(PULL, "writing /x", Duration.ZERO);
      progress.stepDone();
    }
    assertEquals("", err.toString());
  }
}
