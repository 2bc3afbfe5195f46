package dev.doctor.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLocatorTest {

  private static final Path HOME = Path.of("/home/u");

  private static ConfigLocator locator(String... envPairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < envPairs.length; i += 2) {
      env.put(envPairs[i], envPairs[i + 1]);
    }
    return new ConfigLocator(env, HOME);
  }

  @Test
  void explicitConfigWinsOverEverything() {
    ConfigLocator locator = locator("OPENCLAW_CONFIG_PATH", "/etc/oc.json", "OPENCLAW_STATE_DIR", "/srv/state");
    assertEquals(Path.of("/tmp/given.json"), locator.configFile(Path.of("/tmp/given.json")));
    assertEquals(Path.of("/srv/state"), locator.stateDir());
  }

  @Test
  void configPathVariableComesNext() {
    ConfigLocator locator = locator("OPENCLAW_CONFIG_PATH", "/etc/oc.json", "OPENCLAW_STATE_DIR", "/srv/state");
    assertEquals(Path.of("/etc/oc.json"), locator.configFile(null));
    assertEquals(Path.of("/srv/state"), locator.stateDir());
  }

  @Test
  void stateDirHoldsTheConfigWhenNoPathIsGiven() {
    ConfigLocator locator = locator("OPENCLAW_STATE_DIR", "/srv/state");
    assertEquals(Path.of("/srv/state/openclaw.json"), locator.configFile(null));
    assertEquals(Path.of("/srv/state"), locator.stateDir());
  }

  @Test
  void homeDefaultWhenNothingIsSet() {
    ConfigLocator locator = locator();
    assertEquals(Path.of("/home/u/.openclaw/openclaw.json"), locator.configFile(null));
    assertEquals(Path.of("/home/u/.openclaw"), locator.stateDir());
  }

  @Test
  void stateDirStaysDefaultWhenOnlyTheConfigIsNamed() {
    ConfigLocator locator = locator("OPENCLAW_CONFIG_PATH", "/etc/oc.json");
    assertEquals(Path.of("/etc/oc.json"), locator.configFile(null));
    assertEquals(Path.of("/home/u/.openclaw"), locator.stateDir());
    assertEquals(Path.of("/home/u/.openclaw"), locator().stateDir());
  }

  @Test
  void expandsALeadingTilde() {
    assertEquals(Path.of("/home/u/cfg/oc.json"), locator("OPENCLAW_CONFIG_PATH", "~/cfg/oc.json").configFile(null));
    assertEquals(Path.of("/home/u/st/openclaw.json"), locator("OPENCLAW_STATE_DIR", "~/st").configFile(null));
    assertEquals(Path.of("/home/u"), locator("OPENCLAW_STATE_DIR", "~").stateDir());
    assertEquals(Path.of("/home/u/x.json"), locator().configFile(Path.of("~/x.json")));
    // Only a leading "~" that is the whole first segment: "~user" and inner tildes stay.
    assertEquals(Path.of("~other/x.json"), locator("OPENCLAW_CONFIG_PATH", "~other/x.json").configFile(null));
    assertEquals(Path.of("/a/~/b.json"), locator("OPENCLAW_CONFIG_PATH", "/a/~/b.json").configFile(null));
  }

  @Test
  void blankVariablesCountAsUnset() {
    ConfigLocator locator = locator("OPENCLAW_CONFIG_PATH", "  ", "OPENCLAW_STATE_DIR", "");
    assertEquals(Path.of("/home/u/.openclaw/openclaw.json"), locator.configFile(null));
  }

  @Test
  void takesTheEnvironmentAsAFunction() {
    ConfigLocator locator = new ConfigLocator(name -> name.equals("OPENCLAW_STATE_DIR") ? "/s" : null, HOME);
    assertEquals(Path.of("/s/openclaw.json"), locator.configFile(null));
  }
}
