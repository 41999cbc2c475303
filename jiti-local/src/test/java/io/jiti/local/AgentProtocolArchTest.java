package io.jiti.local;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.jiti.spi.ProviderContext;
import org.junit.jupiter.api.Test;

/**
 * The agent speaks its own wire types: nothing it runs or answers with is a type of the provider SPI (it
 * reads only the settings of a command it hosts, a {@link ProviderContext}).
 */
class AgentProtocolArchTest {
    @Test
    void theAgentDoesNotDependOnTheProviderSpi() {
        noClasses().that().resideInAnyPackage("io.jiti.local.agent..", "io.jiti.local.lb..").should()
                .dependOnClassesThat(resideInAPackage("io.jiti.spi..").and(not(equivalentTo(ProviderContext.class))))
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.jiti.local"));
    }
}
