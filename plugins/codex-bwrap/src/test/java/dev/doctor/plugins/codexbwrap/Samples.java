package dev.doctor.plugins.codexbwrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test resources under {@code dev/doctor/plugins/codexbwrap/}: recorded stderr, AppArmor profiles. */
final class Samples {

  private Samples() {}

  /** The resource {@code name} (e.g. {@code stderr/bwrap-0.8.0_enospc.txt}) as text. */
  static String text(String name) {
    try (InputStream in = Samples.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A recorded stderr sample, by file name without {@code .txt}. */
  static String stderr(String sample) {
    return text("stderr/" + sample + ".txt");
  }
}
