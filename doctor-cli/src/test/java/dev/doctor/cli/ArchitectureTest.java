package dev.doctor.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The module boundaries, checked on the compiled classes. */
class ArchitectureTest {

  private static final JavaClasses HOST = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      // doctor-core's test helpers arrive as a -tests.jar when this module is built alone.
      .withImportOption(location -> !location.contains("-tests.jar"))
      .importPackages("dev.doctor.api", "dev.doctor.core", "dev.doctor.cli");

  private static final JavaClasses PLUGINS = new ClassFileImporter().importPaths(pluginClassDirs());

  private static List<Path> pluginClassDirs() {
    Path plugins = Path.of(System.getProperty("basedir", "."), "..", "plugins").normalize();
    try (Stream<Path> dirs = Files.list(plugins)) {
      return dirs.map(d -> d.resolve("target/classes")).filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + plugins, e);
    }
  }

  @Test
  void everyBuiltInPluginIsChecked() {
    assertFalse(pluginClassDirs().isEmpty(), "no compiled plugins found under plugins/*/target/classes");
  }

  @Test
  void apiDependsOnNothingOfOursButItself() {
    classes().that().resideInAPackage("dev.doctor.api..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("dev.doctor.api..", "java..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.pf4j.ExtensionPoint")
        .because("doctor-api is all a plugin compiles against: no Jackson, picocli or core types may leak into it")
        .check(HOST);
    noClasses().that().resideInAPackage("dev.doctor.api..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.doctor.core..", "dev.doctor.cli..", "com.fasterxml..", "picocli..")
        .because("the API must not expose host internals or libraries")
        .check(HOST);
  }

  @Test
  void pluginsDependOnlyOnTheApi() {
    classes().that().resideInAPackage("dev.doctor.plugins..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("dev.doctor.plugins..", "dev.doctor.api..", "java..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.pf4j.Extension")
        .because("a plugin ships as a jar against doctor-api alone; anything else breaks when the host changes")
        .check(PLUGINS);
  }

  @Test
  void coreNeverDependsOnTheCli() {
    noClasses().that().resideInAPackage("dev.doctor.core..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.doctor.cli..", "picocli..")
        .because("the CLI is a thin shell over core; core must be usable without it")
        .check(HOST);
  }

  @Test
  void onlyTheCliWritesToTheTerminal() {
    noClasses().that().resideOutsideOfPackage("dev.doctor.cli..")
        .should().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .orShould().callMethod(Throwable.class, "printStackTrace")
        .because("output goes through reporters and the CLI's writers, so JSON on stdout stays clean and tests can capture it")
        .check(HOST);
    noClasses()
        .should().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .orShould().callMethod(Throwable.class, "printStackTrace")
        .because("a plugin that prints would corrupt the report")
        .check(PLUGINS);
  }
}
