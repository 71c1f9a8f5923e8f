package dev.nightshift.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The vocabulary stays free of infrastructure: only {@code core.kafka} may speak Kafka. */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.nightshift.core");

    @Test
    void theDomainDoesNotDependOnInfrastructure() {
        noClasses()
                .that()
                .resideInAPackage("dev.nightshift.core..")
                .and()
                .resideOutsideOfPackage("dev.nightshift.core.kafka..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "io.vertx..", "org.rocksdb..", "org.eclipse.jgit..")
                .check(CORE);
    }

    @Test
    void coreDoesNotDependOnAnyService() {
        noClasses()
                .that()
                .resideInAPackage("dev.nightshift.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.nightshift.ingest..",
                        "dev.nightshift.router..",
                        "dev.nightshift.worker..",
                        "dev.nightshift.sink..",
                        "dev.nightshift.app..",
                        "dev.nightshift.simulator..")
                .check(CORE);
    }
}
