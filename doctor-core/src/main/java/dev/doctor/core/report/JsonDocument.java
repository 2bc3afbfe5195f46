package dev.doctor.core.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;

/** Writes one pretty-printed JSON document and a newline, leaving the writer open for its owner. */
public final class JsonDocument {

  /** The document's content. */
  @FunctionalInterface
  public interface Body {
    void writeTo(JsonGenerator generator) throws IOException;
  }

  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private JsonDocument() {}

  public static void write(Writer out, Body body) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      body.writeTo(g);
    }
    out.write('\n');
  }
}
