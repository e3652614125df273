package io.mekong;

import io.mekong.mapping.MappingEngine;
import io.mekong.store.PageCommit;
import io.mekong.store.PageCommitter;
import io.mekong.store.StoreComponent;
import io.mekong.store.Tombstones;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.ConnectorRegistry;
import io.mekong.connector.auth.CredentialStore;
import io.mekong.connector.http.HttpTransport;
import io.mekong.connector.http.OutboundLimits;
import io.mekong.connector.http.Sleeper;
import io.mekong.connector.ratelimit.BudgetLedger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of DESIGN.md §2–§3 over the production classes: the sandbox and the demo stay out of the hub,
 * the simulators verify with their own code, and data flows one way (connector → mapping → store, api on top).
 */
@AnalyzeClasses(packages = "io.mekong", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String SANDBOX = "io.mekong.sandbox..";
    private static final String DEMO = "io.mekong.demo..";
    private static final String SANDBOX_ACCOUNTS = "io.mekong.sandbox.accounts..";

    @ArchTest
    static final ArchRule productionDoesNotSeeTheSandboxOrTheDemo = noClasses()
            .that().resideInAPackage("io.mekong..").and().resideOutsideOfPackages(SANDBOX, DEMO)
            .should().dependOnClassesThat().resideInAnyPackage(SANDBOX, DEMO)
            .because("the packaged hub must run, and be correct, without its simulators and demo");

    /**
     * A simulator that signed or verified with the hub's signers would agree with any bug in them; the sandbox
     * shares no code with the hub at all (the demo, which wires the two together, lives outside it).
     */
    @ArchTest
    static final ArchRule sandboxUsesNoHubCode = noClasses()
            .that().resideInAPackage(SANDBOX).and().resideOutsideOfPackage(SANDBOX_ACCOUNTS)
            .should().dependOnClassesThat(resideInAPackage("io.mekong..").and(not(resideInAPackage(SANDBOX))))
            .because("simulators check signatures and tokens with their own code, never the hub's");

    /**
     * The sandbox's accounts page is no simulator but a console page about them: it uses the console's layout and
     * model, and names each value as the connector's form does; it signs and verifies nothing.
     */
    @ArchTest
    static final ArchRule sandboxAccountsPageUsesOnlyTheConsoleAndTheConnectorSpecs = noClasses()
            .that().resideInAPackage(SANDBOX_ACCOUNTS)
            .should().dependOnClassesThat(resideInAPackage("io.mekong..")
                    .and(not(resideInAnyPackage(SANDBOX, "io.mekong.web", "io.mekong.connector", "io.mekong.connector.spec"))))
            .because("the page shows what the simulators know with the console's words, and nothing more");

    @ArchTest
    static final ArchRule connectorDoesNotSeeMappingOrStore = noClasses()
            .that().resideInAPackage("io.mekong.connector..")
            .should().dependOnClassesThat().resideInAnyPackage("io.mekong.mapping..", "io.mekong.store..")
            .because("data flows connector → mapping → store, never back");

    @ArchTest
    static final ArchRule storeDoesNotSeeApi = noClasses()
            .that().resideInAPackage("io.mekong.store..")
            .should().dependOnClassesThat().resideInAPackage("io.mekong.api..")
            .because("the store serves the API, not the other way round");

    @ArchTest
    static final ArchRule nothingSeesApi = noClasses()
            .that(not(resideInAnyPackage("io.mekong.api..")))
            .should().dependOnClassesThat().resideInAPackage("io.mekong.api..")
            .because("the REST API is the top layer: no package below it may depend on it");

    /**
     * Every flow is a route (DESIGN.md §3): records are mapped and stored only by the {@code mapping:} and {@code store:}
     * steps of the routes, so that each flow shows in Hawtio and runs under the shared error policy.
     */
    @ArchTest
    static final ArchRule onlyTheMappingComponentMaps = noClasses()
            .that().resideOutsideOfPackage("io.mekong.mapping..")
            .should().callMethod(MappingEngine.class, "map", String.class, String.class, List.class, Map.class)
            .because("mapping happens in the routes' mapping: step, never in a class of its own");

    @ArchTest
    static final ArchRule onlyTheStoreComponentStores = noClasses()
            .that().doNotHaveFullyQualifiedName(StoreComponent.class.getName())
            .should().callMethod(PageCommitter.class, "commit", PageCommit.class)
            .orShould().callMethod(Tombstones.class, "bury", String.class, String.class, Map.class,
                    Tombstones.SweepMark.class, Consumer.class)
            .because("storing happens in the routes' store: steps, never in a class of its own");

    /** Only the hub's engine is built in production, and it connects only where the egress guard allows (issue 15). */
    @ArchTest
    static final ArchRule productionConnectsOnlyThroughTheEgressGuard = noClasses()
            .that().doNotHaveFullyQualifiedName(ConnectorEngine.class.getName())
            .and().doNotHaveFullyQualifiedName(HttpTransport.class.getName())
            .should().callConstructor(ConnectorEngine.class, ConnectorRegistry.class, Clock.class, Sleeper.class)
            .orShould().callConstructor(ConnectorEngine.class, ConnectorRegistry.class, Clock.class, Sleeper.class,
                    BudgetLedger.class, CredentialStore.class)
            .orShould().callMethod(HttpTransport.class, "unguarded", Duration.class)
            .orShould().callMethod(HttpTransport.class, "unguarded", Duration.class, OutboundLimits.class)
            .because("an unguarded engine or transport would let a connection reach private addresses; they serve tests"
                    + " and tools against local stubs only");
}

