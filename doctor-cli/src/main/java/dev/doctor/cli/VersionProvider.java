package dev.doctor.cli;

import dev.doctor.api.DoctorApi;
import dev.doctor.core.run.DoctorRun;
import picocli.CommandLine;

/** {@code doctor --version}. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "doctor " + DoctorRun.version(),
      "plugin API " + DoctorApi.version() + ", Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "") + ")"
    };
  }
}
