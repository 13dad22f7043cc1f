package org.jfoundry.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of {@link HexagonRules}, checked against the main classes of every module. */
class HexagonArchitectureTest {

    private static JavaClasses product;

    private static synchronized JavaClasses product() {
        if (product == null) {
            product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("org.jfoundry");
        }
        return product;
    }

    static Stream<String> rules() {
        return HexagonRules.ruleMethods().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theProductKeepsTheRule(String name) {
        HexagonRules.PRODUCT.rule(name).check(product());
    }
}
