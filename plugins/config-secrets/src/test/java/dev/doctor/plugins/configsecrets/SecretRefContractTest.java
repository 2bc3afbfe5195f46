package dev.doctor.plugins.configsecrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.ConfigNode;
import dev.doctor.testkit.TestCheckContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The grammar of secretref-contract.md, case by case. */
class SecretRefContractTest {

  @ParameterizedTest(name = "{0} provider={1} id={2} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "env  | default   | OPENAI_API_KEY         | true",
        "env  | default   | A                      | true",
        "env  | default   | openai_api_key         | false",
        "env  | default   | 1KEY                   | false",
        "env  | default   | OPENAI-KEY             | false",
        "env  | Default   | OPENAI_API_KEY         | false",
        "env  | 9lives    | OPENAI_API_KEY         | false",
        "env  | my_env-2  | OPENAI_API_KEY         | true",
        "store| default   | OPENAI_API_KEY         | true",
        "store| default   | openai                 | false",
        "file | filemain  | /providers/openai/apiKey | true",
        "file | filemain  | value                  | true",
        "file | filemain  | providers/openai       | false",
        "file | filemain  | /a~1b/c~0d             | true",
        "file | filemain  | /a~2b                  | false",
        "file | filemain  | /                      | true",
        "exec | vault     | providers/openai/apiKey#value | true",
        "exec | vault     | aws/secret#json_key    | true",
        "exec | vault     | a/../b                 | false",
        "exec | vault     | ./a                    | false",
        "exec | vault     | a/.                    | false",
        "exec | vault     | a..b/c                 | true",
        "exec | vault     | /abs                   | false",
        "exec | vault     | has space              | false",
      })
  void grammar(String source, String provider, String id, boolean valid) {
    assertEquals(valid, SecretRefContract.validate(source, provider, id, false).valid());
  }

  @Test
  void aliasesAndIdsAreLimitedInLength() {
    assertTrue(SecretRefContract.validate("env", "a" + "b".repeat(63), "X", false).valid());
    assertFalse(SecretRefContract.validate("env", "a" + "b".repeat(64), "X", false).valid());
    assertTrue(SecretRefContract.validate("env", null, "X" + "Y".repeat(127), false).valid());
    assertFalse(SecretRefContract.validate("env", null, "X" + "Y".repeat(128), false).valid());
    assertFalse(SecretRefContract.validate("exec", "v", "a" + "b".repeat(256), false).valid());
  }

  @Test
  void idsAreTrimmedAsOpenClawTrimsThem() {
    assertEquals("OPENAI_API_KEY", SecretRefContract.validate("env", null, "  OPENAI_API_KEY ", false).ref().id());
  }

  @Test
  void envShorthands() {
    assertEquals("OPENAI_API_KEY", SecretRefContract.envShorthand("${OPENAI_API_KEY}").id());
    assertEquals("OPENAI_API_KEY", SecretRefContract.envShorthand(" $OPENAI_API_KEY ").id());
    assertNull(SecretRefContract.envShorthand("${openai_api_key}"));
    assertNull(SecretRefContract.envShorthand("Bearer ${TOKEN}"));
    assertNull(SecretRefContract.envShorthand("$$TOKEN"));
    assertTrue(SecretRefContract.isMalformedTemplate("${openai_key}"));
    assertFalse(SecretRefContract.isMalformedTemplate("${OPENAI_KEY}"));
    assertTrue(SecretRefContract.isRetiredMarker("secretref-env:OPENAI_API_KEY"));
    assertTrue(SecretRefContract.isRetiredMarker("__env__:OPENAI_API_KEY"));
  }

  @Test
  void refShapes() {
    assertTrue(SecretRefContract.isRefShaped(node("{source: 'env', provider: 'default', id: 'X'}"), false));
    assertTrue(SecretRefContract.isRefShaped(node("{source: 'env', id: 'X'}"), false));
    assertTrue(SecretRefContract.isRefShaped(node("{source: 'vault', provider: 'x', id: 'X'}"), false));
    assertTrue(SecretRefContract.isRefShaped(node("{source: 'env', provider: 'default', id: 'X', extra: 1}"), false));
    assertTrue(SecretRefContract.isRefShaped(node("{provider: 'default', id: 'X'}"), true));
    assertFalse(SecretRefContract.isRefShaped(node("{provider: 'default', id: 'X'}"), false));
    assertTrue(SecretRefContract.isRefShaped(node("{source: 'env'}"), true));
    assertFalse(SecretRefContract.isRefShaped(node("{source: 'env'}"), false));
    assertFalse(SecretRefContract.isRefShaped(node("{source: 'file', path: '/x', mode: 'json'}"), true));
    assertFalse(SecretRefContract.isRefShaped(node("{id: 'main', workspace: '/w'}"), false));
    assertFalse(SecretRefContract.isRefShaped(node("{id: 'main'}"), false));
  }

  @Test
  void malformedValuesAreDescribedWithoutBeingShown() {
    String described = SecretRefContract.describeBadText("sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z");
    assertEquals("hidden (40 characters, has lower-case letters, has upper-case letters, has punctuation, matches the OpenAI-style key format)", described);
  }

  private static ConfigNode node(String json5) {
    return TestCheckContext.builder().build().parseJson5(json5, null).root();
  }
}
