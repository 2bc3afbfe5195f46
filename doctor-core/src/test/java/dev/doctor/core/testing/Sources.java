package dev.doctor.core.testing;

/** Java source text of small plugins for {@link PluginJar}. */
public final class Sources {

  private Sources() {}

  /** A check class {@code pkg.Name} with id {@code id} whose run body is {@code body} (Java statements). */
  public static String check(String pkg, String name, String id, String body) {
    return """
        package %s;

        import dev.doctor.api.*;

        @org.pf4j.Extension
        public final class %s implements Check {
          @Override public String id() { return "%s"; }
          @Override public String title() { return "Title of %s"; }
          @Override public String description() { return "A test check."; }
          @Override public CheckResult run(CheckContext context) {
            %s
          }
        }
        """.formatted(pkg, name, id, id, body);
  }

  /** A check that reports one warning with code {@code <id>.hello}. */
  public static String helloCheck(String pkg, String id) {
    return check(pkg, "HelloCheck", id,
        "return CheckResult.findings(Finding.builder(\"" + id + ".hello\", Severity.WARNING, \"hello from " + id + "\")"
            + ".remediation(\"Say hello back.\").build());");
  }
}
