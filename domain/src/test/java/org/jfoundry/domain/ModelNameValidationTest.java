package org.jfoundry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.LoadOptions;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.out.DownloadListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ModelNameValidationTest {

    private final CoreFixture fixture = new CoreFixture();

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    static Stream<String> unsafeNames() {
        return Stream.of("../../etc/passwd", "..", "models/phi", "a\\b", "x".repeat(201), "phi\u0000", "phi\nx", "phi x",
                "", " ");
    }

    private void call(String useCase, String name) {
        FoundryCore core = fixture.core();
        switch (useCase) {
            case "load" -> core.load(name, LoadOptions.DEFAULT);
            case "unload" -> core.unload(name, true);
            case "remove" -> core.removeCached(name, true);
            case "resolve" -> core.resolve(name, null);
            case "download" -> core.download(name, DownloadListener.IGNORE, new CancellationSignal());
            case "countTokens" -> core.countTokens(name, new Prompt.Text("hi"));
            default -> throw new IllegalArgumentException(useCase);
        }
    }

    @ParameterizedTest
    @MethodSource("unsafeNames")
    void everyUseCaseRefusesAnUnsafeModelNameBeforeTouchingTheCache(String name) {
        for (String useCase : List.of("load", "unload", "remove", "resolve", "download", "countTokens")) {
            assertThatThrownBy(() -> call(useCase, name)).as(useCase).isInstanceOf(InvalidRequestException.class);
        }
        assertThatThrownBy(() -> CoreFixture.chat(name)).isInstanceOf(InvalidRequestException.class);
        assertThat(fixture.store.removed()).isEmpty();
        assertThat(fixture.engine.totalLoads()).isZero();
    }
}
