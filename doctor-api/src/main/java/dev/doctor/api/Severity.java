package dev.doctor.api;

import java.util.Locale;

/** How much a finding matters, in rising order. */
public enum Severity {
  INFO,
  WARNING,
  ERROR;

  /** The lower-case name used on the command line and in reports ({@code warning}). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }

  /** Parses {@link #id()} (case-insensitive); throws {@link IllegalArgumentException} otherwise. */
  public static Severity parse(String id) {
    for (Severity s : values()) {
      if (s.id().equalsIgnoreCase(id.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown severity '" + id + "' (expected info, warning or error)");
  }
}
