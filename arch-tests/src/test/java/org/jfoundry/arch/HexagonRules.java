package org.jfoundry.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

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

    @BrokenBy(value = "portsjdk", reports = "PortThatKnowsTheDomain")
    ArchRule portsDependOnlyOnTheJdk() {
        return classes().that().resideInAPackage(ports())
                .should().onlyDependOnClassesThat().resideInAnyPackage(with(JDK, ports()))
                .as("ports depend only on the JDK")
                .because("the ports are the vocabulary every module shares; a library there would leak into all of them");
    }

    @BrokenBy(value = "domainonly", reports = "CoreThatKnowsAnAdapter")
    ArchRule domainDependsOnlyOnTheJdkAndPorts() {
        return classes().that().resideInAPackage(domain())
                .should().onlyDependOnClassesThat().resideInAnyPackage(with(JDK, ports(), domain()))
                .as("the domain depends only on the JDK and the ports")
                .because("the core's rules (lifecycle, TTL, capacity, device policy) must be testable without any "
                        + "framework, native library or network");
    }

    @BrokenBy(value = "adapterdomain", reports = "EndpointUsingTheCore", spares = "Wiring")
    ArchRule adaptersNeverDependOnTheDomain() {
        return noClasses().that().resideInAPackage(pkg("adapters"))
                .and().resideOutsideOfPackage(compositionRoot())
                .should().dependOnClassesThat().resideInAPackage(domain())
                .as("adapters never depend on the domain (except the composition root)")
                .because("adapters talk to the core only through the ports; only the composition root wires them");
    }

    @BrokenBy(value = "adapterpeers", reports = "EndpointReadingTheCatalogAdapter", spares = "Wiring")
    ArchRule adaptersNeverDependOnEachOther() {
        return slices().matching(root + ".adapters.(*)..")
                .should().notDependOnEachOther()
                .ignoreDependency(JavaClass.Predicates.resideInAPackage(compositionRoot()), DescribedPredicate.alwaysTrue())
                .as("adapters never depend on each other (except the composition root)")
                .because("each adapter can then be replaced or tested alone");
    }

    @BrokenBy(value = "ownlibraries", reports = "OrtServingHttp")
    ArchRule ortAdapterUsesOnlyPortsTheJdkAndItsLibraries() {
        // ai.onnx.proto (tribuo-util-onnx, on protobuf) only writes ONNX files: the provider check's one-node model.
        return adapterUsesOnly("ort", JACKSON, "ai.djl..", "com.hubspot.jinjava..", "ai.onnx.proto..",
                "com.google.protobuf..");
    }

    @BrokenBy(value = "ownlibraries", reports = "RestParsingArguments")
    ArchRule restAdapterUsesOnlyPortsTheJdkAndItsLibraries() {
        return adapterUsesOnly("rest", JACKSON, "io.helidon..");
    }

    @BrokenBy(value = "ownlibraries", reports = "CliServingHttp")
    ArchRule cliAdapterUsesOnlyPortsTheJdkAndItsLibraries() {
        // sun.misc.Signal (module jdk.unsupported) is the JDK's only way for the chat to turn Ctrl+C into a cancel.
        return adapterUsesOnly("cli", JACKSON, "picocli..", "sun.misc..");
    }

    @BrokenBy(value = "ownlibraries", reports = "CatalogParsingArguments")
    ArchRule catalogAdapterUsesOnlyPortsTheJdkAndItsLibraries() {
        return adapterUsesOnly("catalog", JACKSON);
    }

    @BrokenBy(value = "ownlibraries", reports = "ModelImportParsingArguments")
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

    @BrokenBy(value = "foreign", reports = {"CoreTouchingNativeMemory", "java.lang.foreign.Arena"})
    ArchRule foreignMemoryOnlyInTheOrtAdapter() {
        return noClasses().that().resideOutsideOfPackage(pkg("adapters.ort"))
                .should().dependOnClassesThat().resideInAPackage("java.lang.foreign..")
                .as("java.lang.foreign is used only in the ORT adapter")
                .because("native memory and downcalls can crash the JVM; they stay in the one module built to contain them");
    }

    @BrokenBy(value = "helidon", reports = "CliStartingAServer")
    ArchRule helidonOnlyInTheRestAdapter() {
        return noClasses().that().resideOutsideOfPackage(pkg("adapters.rest"))
                .should().dependOnClassesThat().resideInAPackage("io.helidon..")
                .as("Helidon is used only in the REST adapter")
                .because("the web server is a detail of the REST adapter; the rest of the service must not care which");
    }

    @BrokenBy(value = "picocli", reports = "RestParsingACommandLine")
    ArchRule picocliOnlyInTheCliAdapter() {
        return noClasses().that().resideOutsideOfPackage(pkg("adapters.cli"))
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .as("picocli is used only in the CLI adapter")
                .because("command-line parsing is a detail of the CLI adapter");
    }

    @BrokenBy(value = "jackson", reports = "JsonPort")
    ArchRule jacksonNeverInPortsOrDomain() {
        return noClasses().that().resideInAnyPackage(ports(), domain())
                .should().dependOnClassesThat().resideInAPackage(JACKSON)
                .as("Jackson is never used in the ports or the domain")
                .because("JSON is a wire format of adapters; the core speaks records");
    }

    @BrokenBy(value = "cycles", reports = {"PortNamingTheDomain", "CoreNamingThePort"})
    ArchRule modulesAreFreeOfCycles() {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles()
                .as("the top-level packages (ports, domain, adapters) are free of cycles")
                .because("a cycle would make the hexagon's layers one tangle");
    }

    @BrokenBy(value = "adaptercycles", reports = "RestCallingCli")
    ArchRule adaptersAreFreeOfCycles() {
        return slices().matching(root + ".adapters.(*)..").should().beFreeOfCycles()
                .as("the adapter packages are free of cycles")
                .because("even the composition root must only depend one way on the adapters it wires");
    }

    @BrokenBy(value = "bindings", reports = "RestCallingNativeBindings", spares = "OrtUsingItsOwnBindings")
    ArchRule ortBindingsAreUsedOnlyInsideTheOrtAdapter() {
        return noClasses().that().resideOutsideOfPackage(pkg("adapters.ort"))
                .should().dependOnClassesThat()
                .resideInAnyPackage(root + ".adapters.ort..bindings..", root + ".adapters.ort..internal..")
                .as("the ORT binding and internal packages are used only inside the ORT adapter")
                .because("low-level native bindings are not part of any module's public surface");
    }

    @BrokenBy(value = "packagecycles", reports = {"EngineListingItsLoaders", "LoaderNamingTheEngine"})
    ArchRule packagesInsideEachAdapterAreFreeOfCycles() {
        return slices().matching(root + ".adapters.(**)").should().beFreeOfCycles()
                .as("the packages inside each adapter are free of cycles")
                .because("packages in a cycle are one unit: none can be read, tested or moved without the others");
    }

    /**
     * The checkable form of "adapter internals are package-private", for the adapter that holds native memory: in
     * the ORT adapter, outside its FFM building blocks ({@code runtime}) and its {@code internal} packages, a class
     * that implements a port's {@code ModelHandle} or touches {@code java.lang.foreign} is package-private. Loaded
     * models are reached through the port, and native memory never crosses an engine package's public surface.
     */
    @BrokenBy(value = "publicsurface", reports = {"PublicModelHandle", "PublicNativeDecoder"},
            spares = {"HiddenNativeDecoder", "PublicTensor"})
    ArchRule ortEngineClassesHoldingModelsOrNativeMemoryArePackagePrivate() {
        DescribedPredicate<JavaClass> modelOrNative = DescribedPredicate.describe(
                "implement ModelHandle or depend on java.lang.foreign",
                type -> type.isAssignableTo(root + ".ports.out.ModelHandle")
                        || type.getDirectDependenciesFromSelf().stream().anyMatch(dependency ->
                                dependency.getTargetClass().getPackageName().startsWith("java.lang.foreign")));
        return classes().that().resideInAPackage(pkg("adapters.ort"))
                .and().resideOutsideOfPackages(pkg("adapters.ort.runtime"), root + ".adapters.ort..internal..")
                .and(modelOrNative)
                .should().notBePublic()
                .as("in the ORT adapter, engine classes that hold a model or native memory are package-private")
                .because("loaded models are reached through the port and native memory stays behind the runtime;"
                        + " a public one would invite use that outlives the memory it points at");
    }

    /**
     * The JDK's restricted methods (JEP 454: those that can crash the JVM or read any memory), plus
     * {@code MemorySegment.ofAddress}, which turns a bare number into a pointer: only the binding packages of each
     * native library ({@code ..adapters.ort..internal.bindings..}) call them; everything else asks those packages.
     */
    @BrokenBy(value = "restricted", reports = {"TensorReadingAnyAddress", "reinterpret"}, spares = "Pointers")
    ArchRule restrictedNativeCallsStayInTheBindingPackages() {
        return noClasses().that().resideOutsideOfPackage(root + ".adapters.ort..internal.bindings..")
                .should().callMethodWhere(RESTRICTED)
                .as("restricted native calls (reinterpret, Linker, SymbolLookup.libraryLookup, System.load,"
                        + " MemorySegment.ofAddress) are made only in the ORT adapter's binding packages")
                .because("a wrong size or address there crashes the JVM; one small place per native library is"
                        + " where such calls are reviewed, as Lucene confines its native access");
    }

    private static final DescribedPredicate<JavaMethodCall> RESTRICTED = DescribedPredicate.describe(
            "a restricted native method", call -> {
                String owner = call.getTargetOwner().getName();
                String name = call.getName();
                return switch (owner) {
                    case "java.lang.foreign.MemorySegment" -> name.equals("reinterpret") || name.equals("ofAddress");
                    case "java.lang.foreign.Linker" -> name.equals("nativeLinker") || name.equals("downcallHandle")
                            || name.equals("upcallStub");
                    case "java.lang.foreign.SymbolLookup" -> name.equals("libraryLookup");
                    case "java.lang.foreign.AddressLayout" -> name.equals("withTargetLayout");
                    case "java.lang.System", "java.lang.Runtime" -> name.equals("load") || name.equals("loadLibrary");
                    case "java.lang.ModuleLayer$Controller" -> name.equals("enableNativeAccess");
                    default -> false;
                };
            });

    /**
     * Every rule by name: each method of this record that returns an {@link ArchRule}, so a new rule is checked on the
     * product and against its {@link BrokenBy} fixture without being listed anywhere else.
     */
    static SortedMap<String, Method> ruleMethods() {
        SortedMap<String, Method> rules = new TreeMap<>();
        for (Method method : HexagonRules.class.getDeclaredMethods()) {
            if (method.getReturnType() == ArchRule.class && method.getParameterCount() == 0
                    && !Modifier.isStatic(method.getModifiers()) && !Modifier.isPrivate(method.getModifiers())) {
                rules.put(method.getName(), method);
            }
        }
        return rules;
    }

    ArchRule rule(String name) {
        try {
            return (ArchRule) ruleMethods().get(name).invoke(this);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("rule " + name + " could not be built", e);
        }
    }
}
