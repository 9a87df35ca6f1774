package dev.warden.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of the layout: the core is free of vendor types, adapters do not know each
 * other, and no package cycles. Each rule is also run against a deliberately broken sample (test
 * classes in the {@code archsample} packages) to show that it can fail.
 */
class ArchitectureTest {
  private static final JavaClasses WARDEN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          // the core's shared test fixtures arrive as warden-core-*-tests.jar
          .withImportOption(location -> !location.contains("-tests.jar"))
          .importPackages("dev.warden");
  private static final JavaClasses BROKEN_SAMPLE =
      new ClassFileImporter()
          .importPackages(
              "dev.warden.core.archsample",
              "dev.warden.integrations.archsamplea",
              "dev.warden.integrations.archsampleb");

  static final ArchRule CORE_HAS_NO_VENDOR_TYPES =
      noClasses()
          .that()
          .resideInAPackage("dev.warden.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.slack..", "org.kohsuke..", "io.fabric8..", "org.quartz..")
          .because("the core owns the ports; vendor types stop at the adapters");

  static final ArchRule CORE_DOES_NOT_KNOW_THE_OUTSIDE =
      noClasses()
          .that()
          .resideInAPackage("dev.warden.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.warden.integrations..", "dev.warden.app..")
          .because("dependencies point inwards");

  static final ArchRule ADAPTERS_ARE_INDEPENDENT =
      slices()
          .matching("dev.warden.integrations.(*)..")
          .should()
          .notDependOnEachOther()
          .because("an adapter depends on the core only, never on another adapter");

  static final ArchRule NO_PACKAGE_CYCLES =
      slices().matching("dev.warden.(**)").should().beFreeOfCycles();

  @Test
  void coreHasNoSlackGitHubFabric8OrQuartzTypes() {
    CORE_HAS_NO_VENDOR_TYPES.check(WARDEN);
    CORE_DOES_NOT_KNOW_THE_OUTSIDE.check(WARDEN);
  }

  @Test
  void adaptersDoNotDependOnEachOther() {
    ADAPTERS_ARE_INDEPENDENT.check(WARDEN);
  }

  @Test
  void packagesHaveNoCycles() {
    NO_PACKAGE_CYCLES.check(WARDEN);
  }

  @Test
  void theRulesCatchTheBrokenSample() {
    assertThat(CORE_HAS_NO_VENDOR_TYPES.evaluate(BROKEN_SAMPLE).hasViolation()).isTrue();
    assertThat(ADAPTERS_ARE_INDEPENDENT.evaluate(BROKEN_SAMPLE).hasViolation()).isTrue();
    assertThat(NO_PACKAGE_CYCLES.evaluate(BROKEN_SAMPLE).hasViolation()).isTrue();
  }
}
