package org.jfoundry.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Each rule, pointed at a small package of classes that break it on purpose (org.jfoundry.archviolations.*), must
 * report them; so no rule can pass on the product by accident (a typo in a package pattern, say).
 */
class RulesCanFailTest {

    private static final String VIOLATIONS = "org.jfoundry.archviolations.";

    /** Evaluates the rule as written for the case's root package and returns the report. */
    private static String violationsOf(String testCase, Function<HexagonRules, ArchRule> rule) {
        String root = VIOLATIONS + testCase;
        JavaClasses classes = new ClassFileImporter().importPackages(root);
        assertThat(classes).as("the classes of case " + testCase).isNotEmpty();
        EvaluationResult result = rule.apply(new HexagonRules(root)).evaluate(classes);
        assertThat(result.hasViolation()).as("rule reports case " + testCase).isTrue();
        return result.getFailureReport().toString();
    }

    @Test
    void thePortsRuleReportsAPortThatUsesTheDomain() {
        assertThat(violationsOf("portsjdk", HexagonRules::portsDependOnlyOnTheJdk)).contains("PortThatKnowsTheDomain");
    }

    @Test
    void theDomainRuleReportsACoreThatUsesAnAdapter() {
        assertThat(violationsOf("domainonly", HexagonRules::domainDependsOnlyOnTheJdkAndPorts))
                .contains("CoreThatKnowsAnAdapter");
    }

    @Test
    void theAdaptersAndDomainRuleReportsAnAdapterButNotTheCompositionRoot() {
        assertThat(violationsOf("adapterdomain", HexagonRules::adaptersNeverDependOnTheDomain))
                .contains("EndpointUsingTheCore").doesNotContain("Wiring");
    }

    @Test
    void theAdapterPeersRuleReportsAnAdapterUsingAnotherButNotTheCompositionRoot() {
        assertThat(violationsOf("adapterpeers", HexagonRules::adaptersNeverDependOnEachOther))
                .contains("EndpointReadingTheCatalogAdapter").doesNotContain("Wiring");
    }

    @Test
    void eachAdapterLibraryRuleReportsALibraryThatIsNotItsOwn() {
        assertThat(violationsOf("ownlibraries", HexagonRules::ortAdapterUsesOnlyPortsTheJdkAndItsLibraries))
                .contains("OrtServingHttp");
        assertThat(violationsOf("ownlibraries", HexagonRules::restAdapterUsesOnlyPortsTheJdkAndItsLibraries))
                .contains("RestParsingArguments");
        assertThat(violationsOf("ownlibraries", HexagonRules::cliAdapterUsesOnlyPortsTheJdkAndItsLibraries))
                .contains("CliServingHttp");
        assertThat(violationsOf("ownlibraries", HexagonRules::catalogAdapterUsesOnlyPortsTheJdkAndItsLibraries))
                .contains("CatalogParsingArguments");
        assertThat(violationsOf("ownlibraries", HexagonRules::modelImportAdapterUsesOnlyPortsTheJdkAndItsLibraries))
                .contains("ModelImportParsingArguments");
    }

    @Test
    void theForeignMemoryRuleReportsNativeMemoryOutsideTheOrtAdapter() {
        assertThat(violationsOf("foreign", HexagonRules::foreignMemoryOnlyInTheOrtAdapter))
                .contains("CoreTouchingNativeMemory").contains("java.lang.foreign.Arena");
    }

    @Test
    void theHelidonRuleReportsHelidonOutsideTheRestAdapter() {
        assertThat(violationsOf("helidon", HexagonRules::helidonOnlyInTheRestAdapter)).contains("CliStartingAServer");
    }

    @Test
    void thePicocliRuleReportsPicocliOutsideTheCliAdapter() {
        assertThat(violationsOf("picocli", HexagonRules::picocliOnlyInTheCliAdapter)).contains("RestParsingACommandLine");
    }

    @Test
    void theJacksonRuleReportsJacksonInThePorts() {
        assertThat(violationsOf("jackson", HexagonRules::jacksonNeverInPortsOrDomain)).contains("JsonPort");
    }

    @Test
    void theModuleCycleRuleReportsACycleBetweenPortsAndDomain() {
        assertThat(violationsOf("cycles", HexagonRules::modulesAreFreeOfCycles))
                .contains("PortNamingTheDomain").contains("CoreNamingThePort");
    }

    @Test
    void theAdapterCycleRuleReportsACycleThroughTheCompositionRoot() {
        assertThat(violationsOf("adaptercycles", HexagonRules::adaptersAreFreeOfCycles)).contains("RestCallingCli");
    }

    @Test
    void theBindingsRuleReportsBindingsUsedOutsideTheOrtAdapterButNotInside() {
        assertThat(violationsOf("bindings", HexagonRules::ortBindingsAreUsedOnlyInsideTheOrtAdapter))
                .contains("RestCallingNativeBindings").doesNotContain("OrtUsingItsOwnBindings");
    }

    @Test
    void everyRuleHasACaseThatBreaksIt() {
        // A new rule must get its own case above; this count is the reminder.
        assertThat(HexagonRules.PRODUCT.all()).hasSize(15);
    }
}
