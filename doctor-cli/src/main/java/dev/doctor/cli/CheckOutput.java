package dev.doctor.cli;

import dev.doctor.core.run.CheckRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the user sees while checks run: the live progress line when it is wanted (see {@link
 * Progress}), and nothing of theirs on standard output. A plugin that prints to {@code System.out}
 * would corrupt a JSON report there, so while checks run {@code System.out} points at standard
 * error.
 */
final class CheckOutput {

  private final PrintWriter err;
  private final boolean progress;
  private final int width;

  /**
   * @param err standard error
   * @param progress whether to draw the progress line (a console report on a terminal)
   * @param width the terminal's width
   */
  CheckOutput(PrintWriter err, boolean progress, int width) {
    this.err = err;
    this.progress = progress;
    this.width = width;
  }

  /** Runs checks through {@code work}, which reports to the listener it is given. */
  <T> T run(Function<CheckRunner.Listener, T> work) {
    try (Progress line = progress ? Progress.start(err, width) : null) {
      return quietly(() -> work.apply(line == null ? CheckRunner.Listener.NONE : line));
    }
  }

  /** Runs plugin code with no progress line, its stray output sent to standard error. */
  <T> T quietly(Supplier<T> work) {
    PrintStream original = System.out;
    System.setOut(new PrintStream(new LineForwarder(err), true, StandardCharsets.UTF_8));
    try {
      return work.get();
    } finally {
      System.setOut(original);
    }
  }

  /** Hands whole lines of bytes written to it to a writer, decoded as UTF-8. */
  private static final class LineForwarder extends ByteArrayOutputStream {
    private final PrintWriter target;

    LineForwarder(PrintWriter target) {
      this.target = target;
    }

    @Override
    public synchronized void flush() {
      if (size() > 0) {
        target.write(toString(StandardCharsets.UTF_8));
        target.flush();
        reset();
      }
    }
  }
}
