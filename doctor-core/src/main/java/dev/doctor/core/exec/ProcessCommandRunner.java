package dev.doctor.core.exec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.NANOSECONDS;

import dev.doctor.api.Command;
import dev.doctor.api.CommandResult;
import dev.doctor.api.CommandResult.Outcome;
import dev.doctor.api.CommandRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs commands as real operating-system processes: never through a shell, with the command's
 * timeout enforced on the whole process tree and each output stream captured up to a cap.
 *
 * <p><b>Thread-safety:</b> instances are immutable and may be shared; any number of threads may
 * run commands through one instance at once.
 *
 * <p><b>Never throws</b> for a command that fails: a missing program ({@code NOT_FOUND}), one that
 * cannot be started ({@code FAILED_TO_START}), a non-zero exit, a timeout and an interrupted caller
 * ({@code TIMED_OUT}) all come back as a {@link CommandResult}. Only caller bugs throw, such as a
 * null command. If the calling thread is interrupted while waiting, the process tree is ended, the
 * result is {@code TIMED_OUT} and the thread's interrupt flag is set again on return.
 *
 * <p><b>Bounded:</b> a call returns within about the command's timeout plus twice the grace, even
 * if a grandchild keeps an output pipe open; what was captured by then is returned and the reader
 * thread is left to finish on its own. Every thread this class creates is a daemon thread named
 * {@code doctor-exec-*}, so an abandoned command never keeps the JVM alive.
 */
public final class ProcessCommandRunner implements CommandRunner {

  /** Bytes kept of each of stdout and stderr unless the constructor says otherwise: 1 MiB. */
  public static final int DEFAULT_MAX_CAPTURE_BYTES = 1_048_576;

  /** How long a process tree gets between TERM and KILL, and readers get to drain after. */
  public static final Duration DEFAULT_GRACE = Duration.ofMillis(500);

  // Longer waits are "forever" in practice, and keeping them well below Long.MAX_VALUE keeps
  // deadline arithmetic on System.nanoTime() free of overflow.
  private static final long MAX_WAIT_NANOS = Long.MAX_VALUE / 4;
  private static final long POLL_MILLIS = 10;

  private final int maxCaptureBytes;
  private final long graceNanos;

  /** A runner with a 1 MiB cap per stream and a 500 ms grace. */
  public ProcessCommandRunner() {
    this(DEFAULT_MAX_CAPTURE_BYTES, DEFAULT_GRACE);
  }

  /**
   * @param maxCaptureBytes bytes kept of each of stdout and stderr; positive
   * @param grace how long a timed-out process tree gets between TERM and KILL, and how long output
   *     readers may lag behind an exited process; positive, non-null
   */
  public ProcessCommandRunner(int maxCaptureBytes, Duration grace) {
    if (maxCaptureBytes <= 0) {
      throw new IllegalArgumentException("maxCaptureBytes must be positive: " + maxCaptureBytes);
    }
    Objects.requireNonNull(grace, "grace");
    if (grace.isNegative() || grace.isZero()) {
      throw new IllegalArgumentException("grace must be positive: " + grace);
    }
    this.maxCaptureBytes = maxCaptureBytes;
    this.graceNanos = saturatedNanos(grace);
  }

  @Override
  public CommandResult run(Command command) {
    Objects.requireNonNull(command, "command");
    long started = System.nanoTime();
    Process process;
    try {
      process = start(command);
    } catch (IOException | RuntimeException e) {
      return startFailure(command, e, started);
    }

    long pid = process.pid();
    Capture out = Capture.start(process.getInputStream(), maxCaptureBytes, "doctor-exec-out-" + pid);
    Capture err = Capture.start(process.getErrorStream(), maxCaptureBytes, "doctor-exec-err-" + pid);
    feedStdin(process, command.stdin());

    long timeoutNanos = saturatedNanos(command.timeout());
    boolean interrupted = false;
    boolean exited;
    try {
      exited = process.waitFor(timeoutNanos, NANOSECONDS);
    } catch (InterruptedException e) {
      // The host abandons an overrunning check by interrupting its thread: end the tree as on a
      // timeout, and hand the interrupt back to the caller when we return.
      interrupted = true;
      exited = false;
    }

    long readersDeadline;
    if (exited) {
      // A grandchild may still hold the pipes open; it may use what is left of the timeout.
      long remaining = Math.max(0, timeoutNanos - (System.nanoTime() - started));
      readersDeadline = System.nanoTime() + remaining + graceNanos;
    } else {
      interrupted |= endTree(process);
      readersDeadline = System.nanoTime() + graceNanos;
    }
    // A further interrupt while draining means "return now", so stop waiting for the readers.
    boolean hurried = out.awaitUntil(readersDeadline) || err.awaitUntil(readersDeadline);
    interrupted |= hurried;

    Capture.Snapshot stdout = out.snapshot();
    Capture.Snapshot stderr = err.snapshot();
    CommandResult result =
        new CommandResult(
            command,
            exited ? Outcome.EXITED : Outcome.TIMED_OUT,
            exited ? process.exitValue() : -1,
            stdout.text(),
            stderr.text(),
            stdout.truncated(),
            stderr.truncated(),
            Duration.ofNanos(System.nanoTime() - started),
            "");
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return result;
  }

  /**
   * Starts every command at once, each on its own daemon thread, and waits for all of them. If the
   * calling thread is interrupted, every command still running is ended ({@code TIMED_OUT}) and the
   * interrupt flag is set again on return.
   */
  @Override
  public List<CommandResult> runAll(List<Command> commands) {
    List<Command> todo = List.copyOf(commands);
    List<FutureTask<CommandResult>> tasks = new ArrayList<>(todo.size());
    List<Thread> workers = new ArrayList<>(todo.size());
    for (int i = 0; i < todo.size(); i++) {
      Command command = todo.get(i);
      FutureTask<CommandResult> task = new FutureTask<>(() -> run(command));
      tasks.add(task);
      workers.add(startDaemon("doctor-exec-all-" + i + "-" + command.argv().get(0), task));
    }

    boolean interrupted = false;
    List<CommandResult> results = new ArrayList<>(todo.size());
    for (FutureTask<CommandResult> task : tasks) {
      // Each run() is bounded by its own timeout, so waiting without a bound here is bounded too.
      while (true) {
        try {
          results.add(task.get());
          break;
        } catch (InterruptedException e) {
          interrupted = true;
          // Each worker's run() turns the interrupt into ending its process tree promptly.
          workers.forEach(Thread::interrupt);
        } catch (ExecutionException e) {
          // run() throws only for bugs; surface them as they are.
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException runtime) {
            throw runtime;
          }
          if (cause instanceof Error error) {
            throw error;
          }
          throw new IllegalStateException(cause);
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return results;
  }

  private static Process start(Command command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command.argv());
    if (!command.inheritEnvironment()) {
      builder.environment().clear();
    }
    builder.environment().putAll(command.env());
    if (command.directory() != null) {
      builder.directory(command.directory().toFile());
    }
    return builder.start();
  }

  private static CommandResult startFailure(Command command, Exception e, long started) {
    String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    String error = message.replaceAll("\\R+", " ").strip();
    boolean enoent =
        e instanceof IOException
            && (message.contains("error=2,") || message.contains("No such file or directory"));
    // The JDK reports a missing working directory with the same ENOENT as a missing program.
    Path directory = command.directory();
    boolean badDirectory = directory != null && !Files.isDirectory(directory);
    Outcome outcome = enoent && !badDirectory ? Outcome.NOT_FOUND : Outcome.FAILED_TO_START;
    if (badDirectory) {
      error = "working directory is not a directory: " + directory + " (" + error + ")";
    }
    return new CommandResult(
        command, outcome, -1, "", "", false, false, Duration.ofNanos(System.nanoTime() - started), error);
  }

  private static void feedStdin(Process process, String stdin) {
    OutputStream in = process.getOutputStream();
    if (stdin == null) {
      // Closed at once, so a child that reads stdin sees EOF instead of waiting for input.
      closeQuietly(in);
      return;
    }
    byte[] bytes = stdin.getBytes(UTF_8);
    // On its own thread: a child that does not read would otherwise block us on a full pipe.
    startDaemon(
        "doctor-exec-in-" + process.pid(),
        () -> {
          try (in) {
            in.write(bytes);
          } catch (IOException e) {
            // The child exited or closed its stdin without reading it all; that is its choice.
          }
        });
  }

  /**
   * Ends the process and all its descendants: TERM, a grace period, then KILL for survivors.
   *
   * @return whether the calling thread was interrupted while waiting out the grace
   */
  private boolean endTree(Process process) {
    // Snapshot before signalling: once the parent dies, its children are re-parented and are no
    // longer reachable through its descendants.
    Set<ProcessHandle> tree = new LinkedHashSet<>();
    tree.add(process.toHandle());
    process.descendants().forEach(tree::add);
    // Through the handles, not Process.destroy(): that also closes our ends of the pipes and would
    // throw away output the readers have not yet taken.
    tree.forEach(ProcessHandle::destroy);

    boolean interrupted = false;
    long deadline = System.nanoTime() + graceNanos;
    while (tree.stream().anyMatch(ProcessCommandRunner::running) && System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        // Asked to hurry: skip the rest of the grace, but still kill.
        interrupted = true;
        break;
      }
    }

    // Second snapshot: survivors may have forked while we were signalling.
    for (ProcessHandle handle : List.copyOf(tree)) {
      if (handle.isAlive()) {
        handle.descendants().forEach(tree::add);
      }
    }
    for (ProcessHandle handle : tree) {
      if (running(handle)) {
        handle.destroyForcibly();
      }
    }
    return interrupted;
  }

  /** Like {@link ProcessHandle#isAlive()}, but a zombie counts as ended. */
  private static boolean running(ProcessHandle handle) {
    if (!handle.isAlive()) {
      return false;
    }
    // Orphans are re-parented to PID 1; under an init that does not reap (a bare container) a dead
    // one stays a zombie, which isAlive() reports as alive. Without /proc, trust isAlive().
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
      int endOfName = stat.lastIndexOf(')');
      return endOfName < 0 || endOfName + 2 >= stat.length() || stat.charAt(endOfName + 2) != 'Z';
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  private static Thread startDaemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void closeQuietly(OutputStream stream) {
    try {
      stream.close();
    } catch (IOException e) {
      // Nothing was written, so there is nothing to lose.
    }
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return Math.min(duration.toNanos(), MAX_WAIT_NANOS);
    } catch (ArithmeticException e) {
      return MAX_WAIT_NANOS;
    }
  }

  /** Drains one output stream on its own thread, keeping the first {@code cap} bytes. */
  private static final class Capture implements Runnable {

    record Snapshot(String text, boolean truncated) {}

    private final InputStream in;
    private final int cap;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private boolean truncated;
    private Thread thread;

    private Capture(InputStream in, int cap) {
      this.in = in;
      this.cap = cap;
    }

    static Capture start(InputStream in, int cap, String threadName) {
      Capture capture = new Capture(in, cap);
      capture.thread = startDaemon(threadName, capture);
      return capture;
    }

    @Override
    public void run() {
      byte[] buffer = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buffer)) != -1) {
          synchronized (this) {
            int room = cap - kept.size();
            if (n > room) {
              truncated = true;
            }
            // Bytes past the cap are still read, so the child never blocks on a full pipe.
            if (room > 0) {
              kept.write(buffer, 0, Math.min(n, room));
            }
          }
        }
      } catch (IOException e) {
        // The pipe broke under us; what was read so far is the capture.
      }
    }

    /** @return whether the calling thread was interrupted while waiting */
    boolean awaitUntil(long deadlineNanos) {
      while (thread.isAlive()) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          thread.join(Math.max(1, NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          return true;
        }
      }
      return false;
    }

    synchronized Snapshot snapshot() {
      // new String(..., UTF_8) replaces malformed input rather than failing.
      return new Snapshot(new String(kept.toByteArray(), UTF_8), truncated);
    }
  }
}
