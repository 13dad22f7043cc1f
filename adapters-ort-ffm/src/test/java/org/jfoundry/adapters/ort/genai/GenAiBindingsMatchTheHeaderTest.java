package org.jfoundry.adapters.ort.genai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfoundry.adapters.ort.genai.internal.bindings.ort_genai_c_h;
import org.junit.jupiter.api.Test;

/** The bindings stay what native-headers declares: every function, with its number of parameters. */
class GenAiBindingsMatchTheHeaderTest {

    private static final Pattern DECLARATION = Pattern.compile("^[\\w\\s*]*?\\b(Oga\\w+)\\(([^;]*)\\);",
            Pattern.MULTILINE);

    /** The module sits beside native-headers in the build; tests run in the module's folder. */
    private static final Path HEADER = Path.of("..", "native-headers", "src", "main", "c", "ort_genai_c_subset.h");

    private static Map<String, Integer> declared() throws IOException {
        assertThat(HEADER).as("the GenAI header subset in native-headers").isRegularFile();
        String header = Files.readString(HEADER).replaceAll("(?s)/\\*.*?\\*/", "");
        Map<String, Integer> functions = new TreeMap<>();
        Matcher matcher = DECLARATION.matcher(header);
        while (matcher.find()) {
            String parameters = matcher.group(2).trim();
            functions.put(matcher.group(1),
                    parameters.isEmpty() || parameters.equals("void") ? 0 : parameters.split(",").length);
        }
        return functions;
    }

    @Test
    void everyDeclaredFunctionHasABindingAndNoBindingIsUndeclared() throws IOException {
        assertThat(Arrays.stream(ort_genai_c_h.class.getDeclaredClasses()).map(Class::getSimpleName).sorted())
                .containsExactlyElementsOf(declared().keySet());
    }

    @Test
    void eachBindingTakesAsManyArgumentsAsTheDeclaration() throws Exception {
        GenAiTestSupport.assumeAvailable();
        for (Map.Entry<String, Integer> function : declared().entrySet()) {
            MethodHandle handle = (MethodHandle) ort_genai_c_h.class.getMethod(function.getKey() + "$handle")
                    .invoke(null);
            assertThat(handle.type().parameterCount()).as(function.getKey()).isEqualTo(function.getValue());
        }
    }
}
