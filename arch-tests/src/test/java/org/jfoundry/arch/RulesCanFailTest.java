package org.jfoundry.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import java.lang.reflect.Method;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each rule, pointed at the small package of classes its {@link BrokenBy} names (org.jfoundry.archviolations.*),
 * must report the classes that break it and spare the ones it allows; so no rule can pass on the product by accident
 * (a typo in a package pattern, say), and a rule added without such a fixture fails here.
 */
class RulesCanFailTest {

    private static final String VIOLATIONS = "org.jfoundry.archviolations.";

    static Stream<String> rules() {
        return HexagonRules.ruleMethods().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void everyRuleHasACaseThatBreaksIt(String name) {
        Method rule = HexagonRules.ruleMethods().get(name);
        BrokenBy fixture = rule.getAnnotation(BrokenBy.class);
        assertThat(fixture).as("rule " + name + " names the fixture that breaks it with @BrokenBy").isNotNull();

        String root = VIOLATIONS + fixture.value();
        JavaClasses classes = new ClassFileImporter().importPackages(root);
        assertThat(classes).as("the classes of fixture " + fixture.value()).isNotEmpty();
        EvaluationResult result = new HexagonRules(root).rule(name).evaluate(classes);
        assertThat(result.hasViolation()).as("rule " + name + " reports fixture " + fixture.value()).isTrue();
        String report = result.getFailureReport().toString();
        assertThat(report).as("what rule " + name + " reports").contains(fixture.reports());
        for (String spared : fixture.spares()) {
            assertThat(report).as("rule " + name + " spares " + spared).doesNotContain(spared);
        }
    }
}
