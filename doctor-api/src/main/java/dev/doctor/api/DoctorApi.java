package dev.doctor.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts about this API artifact. */
public final class DoctorApi {

  private DoctorApi() {}

  /**
   * The API version (semver) that the host announces to PF4J; plugins state the range they need in
   * {@code Plugin-Requires}, e.g. {@code >=1.0.0 & <2.0.0}.
   */
  public static String version() {
    try (InputStream in = DoctorApi.class.getResourceAsStream("api.properties")) {
      var props = new Properties();
      props.load(in);
      return props.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("doctor-api is missing api.properties", e);
    }
  }
}
