package io.jiti.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The shape of jiti-core: acyclic packages, a model that depends on nothing of jiti's, no provider code. */
class CoreArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.jiti");

    @Test
    void corePackagesFormNoCycle() {
        slices().matching("io.jiti.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void theModelDependsOnNoOtherPackageOfJiti() {
        noClasses().that().resideInAPackage("io.jiti.api..").should().dependOnClassesThat()
                .resideInAnyPackage("io.jiti.spi..", "io.jiti.load..", "io.jiti.plan..", "io.jiti.engine..",
                        "io.jiti.command..", "io.jiti.embed..")
                .check(CORE);
    }

    @Test
    void theProviderContractDependsOnTheModelAlone() {
        noClasses().that().resideInAPackage("io.jiti.spi..").should().dependOnClassesThat()
                .resideInAnyPackage("io.jiti.load..", "io.jiti.plan..", "io.jiti.engine..", "io.jiti.embed..")
                .check(CORE);
    }

    /** Core knows providers only through the SPI: no provider's package, no I/O or cloud library. */
    @Test
    void coreHoldsNoProviderCode() {
        classes().that().resideInAPackage("io.jiti..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.jiti.api..", "io.jiti.spi..", "io.jiti.load..", "io.jiti.plan..",
                        "io.jiti.engine..", "io.jiti.command..", "io.jiti.embed..", "java..", "javax.annotation..",
                        "com.fasterxml.jackson..", "org.yaml.snakeyaml..", "com.networknt.schema..", "org.slf4j..")
                .check(CORE);
    }
}
