package dev.nightshift.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Services stay apart: what two need moves down into core. Only app sees them all. */
class ArchitectureTest {
    private static final String[] SERVICES = {"ingest", "router", "worker", "validator", "sink", "simulator"};
    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.nightshift");

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "router", "worker", "validator", "sink", "simulator"})
    void aServiceDoesNotImportAnotherService(String service) {
        String[] others = java.util.Arrays.stream(SERVICES).filter(s -> !s.equals(service))
                .map(s -> "dev.nightshift." + s + "..").toArray(String[]::new);
        noClasses().that().resideInAPackage("dev.nightshift." + service + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .orShould().dependOnClassesThat().resideInAPackage("dev.nightshift.app..")
                .check(ALL);
    }
}
