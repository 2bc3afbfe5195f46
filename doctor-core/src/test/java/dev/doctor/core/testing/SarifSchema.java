package dev.doctor.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Validates SARIF logs against the OASIS SARIF 2.1.0 JSON schema (errata 01; a draft-04 schema),
 * a copy of which is kept in {@code src/test/resources/schemas/} so tests need nothing outside
 * the repository. Formats (uri, date-time) are asserted, not just annotated.
 */
public final class SarifSchema {

  private static final JsonSchema SCHEMA = load();

  private SarifSchema() {}

  private static JsonSchema load() {
    try (InputStream in = SarifSchema.class.getResourceAsStream("/schemas/sarif-schema-2.1.0.json")) {
      if (in == null) {
        throw new IllegalStateException("schemas/sarif-schema-2.1.0.json is not on the test class path");
      }
      SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void assertValid(String sarif) {
    try {
      var tree = new ObjectMapper().readTree(sarif);
      Set<ValidationMessage> errors = SCHEMA.validate(tree);
      assertTrue(errors.isEmpty(), "not valid SARIF 2.1.0: " + errors + "\n" + sarif);
      assertEquals("2.1.0", tree.get("version").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails unless {@code sarif} breaks the schema: proves the validator is really checking. */
  public static void assertInvalid(String sarif) {
    try {
      assertTrue(!SCHEMA.validate(new ObjectMapper().readTree(sarif)).isEmpty(), "expected a schema violation:\n" + sarif);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
