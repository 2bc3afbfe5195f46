package dev.doctor.cli;

import dev.doctor.api.FixReport;
import dev.doctor.core.fix.Repairs;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The live line on a terminal while a fix runs a command that may take minutes (pulling or
 * building an image): the time so far and the command's timeout, the fix and the command, redrawn
 * each second on standard error and erased when the command ends. Thread-safe.
 */
final class StepProgress implements Repairs.Listener, AutoCloseable {

  private final PrintWriter err;
  private final int width;
  private final ScheduledExecutorService ticker;
  private ScheduledFuture<?> drawing;
  private long generation;
  private boolean shown;

  StepProgress(PrintWriter err, int width) {
    this.err = err;
    this.width = Math.max(20, width);
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "doctor-fix-progress");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public synchronized void step(FixReport fix, String step, Duration timeout) {
    if (timeout.isZero()) {
      return; // a file write: too quick to show
    }
    long started = System.nanoTime();
    long mine = ++generation;
    drawing = ticker.scheduleAtFixedRate(() -> draw(fix, step, timeout, started, mine), 0, 1, TimeUnit.SECONDS);
  }

  private synchronized void draw(FixReport fix, String step, Duration timeout, long started, long mine) {
    if (mine != generation || drawing == null) {
      return; // the step ended while this drawing waited
    }
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    // The time first: a long command is cut at the terminal's width, the time never.
    String line = String.format(Locale.ROOT, "doctor: %s of at most %s: %s: %s", time(seconds), time(timeout.toSeconds()), fix.id(), step);
    if (line.length() > width - 1) {
      line = line.substring(0, width - 2) + "…";
    }
    err.print(Progress.CLEAR + line);
    err.flush();
    shown = true;
  }

  @Override
  public synchronized void stepDone() {
    if (drawing != null) {
      drawing.cancel(false);
      drawing = null;
    }
    if (shown) {
      err.print(Progress.CLEAR);
      err.flush();
      shown = false;
    }
  }

  private static String time(long seconds) {
    return seconds < 60 ? seconds + " s" : seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
  }

  @Override
  public void close() {
    stepDone();
    ticker.shutdownNow();
  }
}
