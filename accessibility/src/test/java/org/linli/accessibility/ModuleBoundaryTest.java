package org.linli.accessibility;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module stays a plain library: no Spring, no HTTP, no database, no dialog or knowledge. */
class ModuleBoundaryTest {

  private final JavaClasses classes = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.linli.accessibility");

  @Test
  void dependsOnNoOtherLinliModuleAndNoFramework() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "org.linli.dialog..", "org.linli.knowledge..", "org.linli.channels..", "org.linli.app..",
            "org.springframework..", "jakarta.servlet..", "java.net.http..", "java.sql..", "javax.sql..",
            "com.twilio..", "me.chanjar..")
        .check(classes);
  }

  @Test
  void theSubPackagesDoNotReachBackIntoRendering() {
    noClasses().that().resideInAnyPackage("org.linli.accessibility.sms..", "org.linli.accessibility.spoken..",
            "org.linli.accessibility.speech..", "org.linli.accessibility.readability..")
        .should().dependOnClassesThat().haveSimpleName("Renderer")
        .check(classes);
  }
}
