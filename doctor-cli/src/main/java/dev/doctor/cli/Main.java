package dev.doctor.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/** Entry point. Only {@link #main} calls {@link System#exit}; everything else returns an exit code. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    configureLogging(Arrays.asList(args).contains("--debug"));
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = run(out, err, Environment.system(), args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs doctor with the process's environment; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(out, err, Environment.system(), args);
  }

  /** Runs doctor against an explicit environment (tests); returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, Environment environment, String... args) {
    return DoctorCommand.commandLine(out, err, environment, args).execute(args);
  }

  /**
   * PF4J logs at INFO through slf4j; that chatter is not for the user's screen. Logs appear only
   * with --debug. Must run before the first logger is created.
   */
  private static void configureLogging(boolean debug) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "off");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
  }

  /** Where the distribution lives ({@code bin/doctor} passes it), for the default plugins directory. */
  static Path home() {
    String home = System.getProperty("doctor.home");
    return home == null ? null : Path.of(home);
  }
}
