package org.jfoundry.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The rules, checked against the main classes of every module. */
@AnalyzeClasses(packages = "org.jfoundry", importOptions = ImportOption.DoNotIncludeTests.class)
class HexagonArchitectureTest {

    private static final HexagonRules RULES = HexagonRules.PRODUCT;

    @ArchTest
    static final ArchRule ports_depend_only_on_the_jdk = RULES.portsDependOnlyOnTheJdk();

    @ArchTest
    static final ArchRule domain_depends_only_on_the_jdk_and_ports = RULES.domainDependsOnlyOnTheJdkAndPorts();

    @ArchTest
    static final ArchRule adapters_never_depend_on_the_domain = RULES.adaptersNeverDependOnTheDomain();

    @ArchTest
    static final ArchRule adapters_never_depend_on_each_other = RULES.adaptersNeverDependOnEachOther();

    @ArchTest
    static final ArchRule ort_adapter_uses_only_ports_the_jdk_and_its_libraries =
            RULES.ortAdapterUsesOnlyPortsTheJdkAndItsLibraries();

    @ArchTest
    static final ArchRule rest_adapter_uses_only_ports_the_jdk_and_its_libraries =
            RULES.restAdapterUsesOnlyPortsTheJdkAndItsLibraries();

    @ArchTest
    static final ArchRule cli_adapter_uses_only_ports_the_jdk_and_its_libraries =
            RULES.cliAdapterUsesOnlyPortsTheJdkAndItsLibraries();

    @ArchTest
    static final ArchRule catalog_adapter_uses_only_ports_the_jdk_and_its_libraries =
            RULES.catalogAdapterUsesOnlyPortsTheJdkAndItsLibraries();

    @ArchTest
    static final ArchRule model_import_adapter_uses_only_ports_the_jdk_and_its_libraries =
            RULES.modelImportAdapterUsesOnlyPortsTheJdkAndItsLibraries();

    @ArchTest
    static final ArchRule foreign_memory_only_in_the_ort_adapter = RULES.foreignMemoryOnlyInTheOrtAdapter();

    @ArchTest
    static final ArchRule helidon_only_in_the_rest_adapter = RULES.helidonOnlyInTheRestAdapter();

    @ArchTest
    static final ArchRule picocli_only_in_the_cli_adapter = RULES.picocliOnlyInTheCliAdapter();

    @ArchTest
    static final ArchRule jackson_never_in_ports_or_domain = RULES.jacksonNeverInPortsOrDomain();

    @ArchTest
    static final ArchRule modules_are_free_of_cycles = RULES.modulesAreFreeOfCycles();

    @ArchTest
    static final ArchRule adapters_are_free_of_cycles = RULES.adaptersAreFreeOfCycles();

    @ArchTest
    static final ArchRule ort_bindings_are_used_only_inside_the_ort_adapter =
            RULES.ortBindingsAreUsedOnlyInsideTheOrtAdapter();
}
