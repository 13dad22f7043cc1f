package org.jfoundry.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The architecture rules, written against a root package so the same rules can check the product ({@code org.jfoundry})
 * and, in tests, small packages of classes that break them on purpose.
 */
record HexagonRules(String root) {

    static final HexagonRules PRODUCT = new HexagonRules("org.jfoundry");

    /** What the JDK offers: java.*, javax.*, jdk.* and the XML APIs it ships. */
    private static final String[] JDK = {"java..", "javax..", "jdk..", "org.w3c..", "org.xml.."};
    private static final String JACKSON = "com.fasterxml.jackson..";

    private String pkg(String relative) {
        return root + "." + relative + "..";
    }

    private String ports() {
        return pkg("ports");
    }

    private String domain() {
        return pkg("domain");
    }

    private String compositionRoot() {
        return pkg("adapters.cli.boot");
    }

    private String[] with(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    ArchRule portsDependOnlyOnTheJdk() {
        return classes().that().resideInAPackage(ports())
                .should().onlyDependOnClassesThat().resideInAnyPackage(with(JDK, ports()))
                .as("ports depend only on the JDK")
                .because("the ports are the vocabulary every module shares; a library there would leak into all of them");
    }

    ArchRule domainDependsOnlyOnTheJdkAndPorts() {
        return classes().that().resideInAPackage(domain())
                .should().onlyDependOnClassesThat().resideInAnyPackage(with(JDK, ports(), domain()))
                .as("the domain depends only on the JDK and the ports")
                .because("the core's rules (lifecycle, TTL, capacity, device policy) must be testable without any "
                        + "framework, native library or network");
    }

    ArchRule adaptersNeverDependOnTheDomain() {
        return noClasses().that().resideInAPackage(pkg("adapters"))
                .and().resideOutsideOfPackage(compositionRoot())
                .should().dependOnClassesThat().resideInAPackage(domain())
                .as("adapters never depend on the domain (except the composition root)")
                .because("adapters talk to the core only through the ports; only the composition root wires them");
    }

    ArchRule adaptersNeverDependOnEachOther() {
        return slices().matching(root + ".adapters.(*)..")
                .should().notDependOnEachOther()
                .ignoreDependency(JavaClass.Predicates.resideInAPackage(compositionRoot()), DescribedPredicate.alwaysTrue())
                .as("adapters never depend on each other (except the composition root)")
                .because("each adapter can then be replaced or tested alone");
    }

    ArchRule ortAdapterUsesOnlyPortsTheJdkAndItsLibraries() {
        return adapterUsesOnly("ort", JACKSON, "ai.djl..", "com.hubspot.jinjava..");
    }

    ArchRule restAdapterUsesOnlyPortsTheJdkAndItsLibraries() {
        return adapterUsesOnly("rest", JACKSON, "io.helidon..");
    }

    ArchRule cliAdapterUsesOnlyPortsTheJdkAndItsLibraries() {
        // sun.misc.Signal (module jdk.unsupported) is the JDK's only way for the chat to turn Ctrl+C into a cancel.
        return adapterUsesOnly("cli", JACKSON, "picocli..", "sun.misc..");
    }

    ArchRule catalogAdapterUsesOnlyPortsTheJdkAndItsLibraries() {
        return adapterUsesOnly("catalog", JACKSON);
    }

    ArchRule modelImportAdapterUsesOnlyPortsTheJdkAndItsLibraries() {
        // ONNX protobuf messages (and protobuf's ByteString) write ONNX files; nothing in them runs a model.
        return adapterUsesOnly("modelimport", JACKSON, "ai.onnx.proto..", "com.google.protobuf..");
    }

    private ArchRule adapterUsesOnly(String adapter, String... libraries) {
        String own = pkg("adapters." + adapter);
        return classes().that().resideInAPackage(own).and().resideOutsideOfPackage(compositionRoot())
                .should().onlyDependOnClassesThat().resideInAnyPackage(with(with(JDK, ports(), own), libraries))
                .as("the " + adapter + " adapter depends only on the ports, the JDK and its own libraries "
                        + List.of(libraries))
                .because("an adapter translates between one technology and the ports; anything else belongs elsewhere");
    }

    ArchRule foreignMemoryOnlyInTheOrtAdapter() {
        return noClasses().that().resideOutsideOfPackage(pkg("adapters.ort"))
                .should().dependOnClassesThat().resideInAPackage("java.lang.foreign..")
                .as("java.lang.foreign is used only in the ORT adapter")
                .because("native memory and downcalls can crash the JVM; they stay in the one module built to contain them");
    }

    ArchRule helidonOnlyInTheRestAdapter() {
        return noClasses().that().resideOutsideOfPackage(pkg("adapters.rest"))
                .should().dependOnClassesThat().resideInAPackage("io.helidon..")
                .as("Helidon is used only in the REST adapter")
                .because("the web server is a detail of the REST adapter; the rest of the service must not care which");
    }

    ArchRule picocliOnlyInTheCliAdapter() {
        return noClasses().that().resideOutsideOfPackage(pkg("adapters.cli"))
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .as("picocli is used only in the CLI adapter")
                .because("command-line parsing is a detail of the CLI adapter");
    }

    ArchRule jacksonNeverInPortsOrDomain() {
        return noClasses().that().resideInAnyPackage(ports(), domain())
                .should().dependOnClassesThat().resideInAPackage(JACKSON)
                .as("Jackson is never used in the ports or the domain")
                .because("JSON is a wire format of adapters; the core speaks records");
    }

    ArchRule modulesAreFreeOfCycles() {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles()
                .as("the top-level packages (ports, domain, adapters) are free of cycles")
                .because("a cycle would make the hexagon's layers one tangle");
    }

    ArchRule adaptersAreFreeOfCycles() {
        return slices().matching(root + ".adapters.(*)..").should().beFreeOfCycles()
                .as("the adapter packages are free of cycles")
                .because("even the composition root must only depend one way on the adapters it wires");
    }

    ArchRule ortBindingsAreUsedOnlyInsideTheOrtAdapter() {
        return noClasses().that().resideOutsideOfPackage(pkg("adapters.ort"))
                .should().dependOnClassesThat()
                .resideInAnyPackage(root + ".adapters.ort..bindings..", root + ".adapters.ort..internal..")
                .as("the ORT binding and internal packages are used only inside the ORT adapter")
                .because("low-level native bindings are not part of any module's public surface");
    }

    /** Every rule, for tests that want them all. */
    List<ArchRule> all() {
        return List.of(portsDependOnlyOnTheJdk(), domainDependsOnlyOnTheJdkAndPorts(), adaptersNeverDependOnTheDomain(),
                adaptersNeverDependOnEachOther(), ortAdapterUsesOnlyPortsTheJdkAndItsLibraries(),
                restAdapterUsesOnlyPortsTheJdkAndItsLibraries(), cliAdapterUsesOnlyPortsTheJdkAndItsLibraries(),
                catalogAdapterUsesOnlyPortsTheJdkAndItsLibraries(), foreignMemoryOnlyInTheOrtAdapter(),
                helidonOnlyInTheRestAdapter(), picocliOnlyInTheCliAdapter(), jacksonNeverInPortsOrDomain(),
                modulesAreFreeOfCycles(), adaptersAreFreeOfCycles(), ortBindingsAreUsedOnlyInsideTheOrtAdapter());
    }
}
