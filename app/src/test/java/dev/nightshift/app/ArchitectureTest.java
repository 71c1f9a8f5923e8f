package dev.nightshift.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
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
        String[] others = java.util.Arrays.stream(SERVICES)
                .filter(s -> !s.equals(service))
                .map(s -> "dev.nightshift." + s + "..")
                .toArray(String[]::new);
        noClasses()
                .that()
                .resideInAPackage("dev.nightshift." + service + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others)
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("dev.nightshift.app..")
                .check(ALL);
    }

    /**
     * Topics come from one table: a service creates its topics with {@code TopicAdmin.ensureTable} or
     * {@code ensureFromTable}, never one by one with partitions of its own choosing. Only the worker's lane topology
     * may create lanes with a benchmark's own partition count before the table.
     */
    @Test
    void servicesCreateTopicsOnlyFromTheTopicTable() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.nightshift.core.kafka..", "dev.nightshift.bench..")
                .and()
                .doNotHaveFullyQualifiedName("dev.nightshift.worker.lane.LaneTopology")
                .should()
                .callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "TopicAdmin.topic/compacted/deadLetters",
                        call -> call.getTarget().getOwner().getName().equals("dev.nightshift.core.kafka.TopicAdmin")
                                && java.util.Set.of("topic", "compacted", "deadLetters")
                                        .contains(call.getTarget().getName())))
                .check(ALL);
    }

    /**
     * What services exchange over Kafka is core's: every message type has its codec in core, so no service can put a
     * record of its own making on a topic another service reads.
     */
    @Test
    void onlyCoreDefinesTheMessagesServicesExchange() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.nightshift.core..")
                .should()
                .callConstructor(dev.nightshift.core.codec.MessageCodec.class, Class.class, int.class)
                .orShould()
                .callConstructor(dev.nightshift.core.codec.MessageCodec.class, Class.class, int.class, int.class)
                .check(ALL);
    }

    /**
     * sink-api is what a client of the sink needs (its records, its HTTP client, export): it reaches a sink over HTTP
     * and never holds a store, so it depends on no part of the sink service and not on RocksDB.
     */
    @Test
    void sinkApiDependsOnNeitherTheSinkServiceNorRocksDb() {
        noClasses()
                .that()
                .resideInAPackage("dev.nightshift.sinkapi..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.nightshift.sink..", "org.rocksdb..")
                .check(ALL);
    }

    /**
     * The command asks a running sink through sink-api alone. Only what embeds the sink service uses it: the all-in-one
     * pipeline, {@code serve sink}, and reading the local store in this process.
     */
    @Test
    void onlyWhatEmbedsTheSinkUsesTheSinkService() {
        noClasses()
                .that()
                .resideInAPackage("dev.nightshift.app..")
                .and()
                .haveNameNotMatching(
                        "dev\\.nightshift\\.app\\.(run\\.LocalPipeline|query\\.LocalSinkReader|serve\\.ServeCommand)(\\$.*)?")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.nightshift.sink..")
                .check(ALL);
    }

    /** Packages inside a module depend one way: a cycle means two packages are one idea, or one is in the wrong place. */
    @ParameterizedTest
    @ValueSource(strings = {"core", "ingest", "router", "worker", "validator", "sink", "sinkapi", "simulator", "app"})
    void packagesOfAModuleHaveNoCycles(String module) {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                .matching("dev.nightshift." + module + ".(*)..")
                .should()
                .beFreeOfCycles()
                .check(ALL);
    }
}
