package dev.doctor.testkit;

import dev.doctor.api.ConfigNode;
import dev.doctor.api.Json5Parse;
import dev.doctor.core.config.Json5Reader;
import java.nio.file.Path;

/** Parses test configs with the host's own JSON5 reader. */
final class Configs {

  private Configs() {}

  static Json5Parse parse(String text, Path source) {
    return Json5Reader.parseDocument(text, source);
  }

  static ConfigNode parseOrFail(String text, Path source) {
    Json5Parse parse = parse(text, source);
    if (!parse.ok()) {
      throw new IllegalArgumentException("test config does not parse: " + parse.error());
    }
    return parse.root();
  }
}
