package org.linli;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The feature packages of the application (conversation, resident, privacy, audit, ...) keep
 * their boundaries: no cycles, and no use of another feature's internals. The library modules
 * (knowledge, dialog, accessibility, channels) are separate Maven modules whose poms already
 * forbid dependencies against the arrows, so they are left out here.
 */
class ModularityTest {

  static final ApplicationModules MODULES =
      ApplicationModules.of(
          LinliApplication.class,
          JavaClass.Predicates.resideInAnyPackage(
              "org.linli.knowledge..",
              "org.linli.dialog..",
              "org.linli.accessibility..",
              "org.linli.channels.."));

  @Test
  void featurePackagesRespectTheirBoundaries() {
    MODULES.verify();
  }
}
