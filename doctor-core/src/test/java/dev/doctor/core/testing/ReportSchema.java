package dev.doctor.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Validates JSON reports against the published schema, {@code docs/report.schema.json}. */
public final class ReportSchema {

  private static final JsonSchema SCHEMA = load();

  private ReportSchema() {}

  private static JsonSchema load() {
    Path file = Path.of(System.getProperty("basedir", "."), "..", "docs", "report.schema.json").normalize();
    try (InputStream in = Files.newInputStream(file)) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public static void assertValid(String json) {
    try {
      Set<ValidationMessage> errors = SCHEMA.validate(new ObjectMapper().readTree(json));
      assertTrue(errors.isEmpty(), "report does not match docs/report.schema.json: " + errors + "\n" + json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
