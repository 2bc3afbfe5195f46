package dev.doctor.cli;

import dev.doctor.api.CheckReport;
import dev.doctor.core.plugin.LoadedCheck;
import dev.doctor.core.run.CheckRunner;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live line on a terminal while checks run: how many are done, which are running, and the
 * time so far; redrawn five times a second on standard error and erased when the run ends, so
 * the report that follows starts on a clean line. Used only when the console report goes to a
 * terminal (see {@link DoctorCommand}). Thread-safe.
 */
final class Progress implements CheckRunner.Listener, AutoCloseable {

  /** Carriage return, then erase the line (ECMA-48 EL). */
  static final String CLEAR = "\r\u001b[K";

  private static final long PERIOD_MS = 200;

  private final PrintWriter err;
  private final int width;
  private final long started = System.nanoTime();
  private final Set<String> running = new LinkedHashSet<>();
  private final ScheduledExecutorService ticker;
  private int done;
  private boolean shown;
  private boolean closed;

  private Progress(PrintWriter err, int width) {
    this.err = err;
    this.width = width;
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "doctor-progress");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts drawing on {@code err}; lines are cut to {@code width} columns. */
  static Progress start(PrintWriter err, int width) {
    Progress progress = new Progress(err, Math.max(20, width));
    progress.ticker.scheduleAtFixedRate(progress::draw, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    return progress;
  }

  /** The terminal's width from {@code COLUMNS}, else 80. */
  static int width(Environment environment) {
    try {
      String columns = environment.get("COLUMNS");
      return columns == null ? 80 : Integer.parseInt(columns.trim());
    } catch (NumberFormatException e) {
      return 80;
    }
  }

  @Override
  public synchronized void started(LoadedCheck check) {
    running.add(check.id());
  }

  @Override
  public synchronized void finished(CheckReport report) {
    running.remove(report.id());
    done++;
  }

  private synchronized void draw() {
    if (closed) {
      return;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    String line = String.format(Locale.ROOT, "doctor: %d done, running %s (%.1f s)",
        done, running.isEmpty() ? "-" : String.join(", ", running), seconds);
    if (line.length() > width - 1) {
      line = line.substring(0, width - 2) + "…";
    }
    err.print(CLEAR + line);
    err.flush();
    shown = true;
  }

  /** Stops drawing and erases the line. */
  @Override
  public void close() {
    ticker.shutdownNow();
    synchronized (this) {
      closed = true;
      if (shown) {
        err.print(CLEAR);
        err.flush();
      }
    }
  }
}
