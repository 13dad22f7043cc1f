package org.jfoundry.adapters.ort.generate;

import org.jfoundry.adapters.ort.runtime.OrtEnvironment;
import org.jfoundry.adapters.ort.runtime.OrtException;
import org.jfoundry.adapters.ort.runtime.Session;
import org.jfoundry.adapters.ort.runtime.SessionOptions;
import org.jfoundry.adapters.ort.testing.TestRuntime;
import org.jfoundry.adapters.ort.testmodels.DecoderSpec;
import org.jfoundry.adapters.ort.testmodels.ReferenceDecoder;
import org.jfoundry.adapters.ort.testmodels.TestDecoders;
import org.jfoundry.adapters.ort.runtime.ElementType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Arrays;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class DecoderRunTest {

    private static DecoderSpec spec(boolean shared) {
        return shared ? DecoderSpec.tinyGqa(9) : DecoderSpec.tinyStandard(9);
    }

    private static Session open(Path folder) {
        OrtEnvironment environment = TestRuntime.get().environment();
        try (SessionOptions options = environment.newSessionOptions().intraOpThreads(1)) {
            return environment.openSession(folder.resolve(TestDecoders.MODEL_FILE), options);
        }
    }

    @ParameterizedTest(name = "shared buffer: {0}")
    @ValueSource(booleans = {true, false})
    void everyStepsLogitsMatchARecomputationOfTheWholeSequence(boolean shared) {
        assertStepsMatchRecomputation(spec(shared), 1e-3f);
    }

    @Test
    void aFloat16CacheIsKeptInFloat16AndStepsLikeARecomputationOfTheWholeSequence() {
        DecoderSpec spec = DecoderSpec.tinyGqaFloat16(9);
        Path folder = TinyDecoders.folder(spec);
        try (Session session = open(folder)) {
            assertThat(DecoderSignature.probe(session, GenAiConfig.read(folder)).kvType())
                    .isEqualTo(ElementType.FLOAT16);
        }
        // Float16 activations round differently when a step reads the cache than when the whole sequence is recomputed.
        assertStepsMatchRecomputation(spec, 0.01f);
    }

    private static void assertStepsMatchRecomputation(DecoderSpec spec, float tolerance) {
        boolean shared = spec.sharesKvBuffer();
        Path folder = TinyDecoders.folder(spec);
        long[] sequence = {5, 300, 17, 42, 99, 250, 7, 123, 311, 64};
        int promptLength = 4;
        try (Session session = open(folder);
             ReferenceDecoder reference = new ReferenceDecoder(folder, spec);
             DecoderRun run = new DecoderRun(TestRuntime.get().environment(), session,
                     DecoderSignature.probe(session, GenAiConfig.read(folder)), shared, sequence.length)) {
            MemorySegment logits = run.prefill(Arrays.copyOf(sequence, promptLength));
            for (int length = promptLength; ; length++) {
                float[] expected = reference.lastLogits(Arrays.copyOf(sequence, length));
                for (int token = 0; token < expected.length; token++) {
                    assertThat(logits.getAtIndex(JAVA_FLOAT, token)).as("step %d token %d", length, token)
                            .isCloseTo(expected[token], offset(tolerance));
                }
                if (length == sequence.length) {
                    break;
                }
                logits = run.step(sequence[length]);
                assertThat(run.length()).isEqualTo(length + 1);
            }
        }
    }

    @ParameterizedTest(name = "shared buffer: {0}")
    @ValueSource(booleans = {true, false})
    void aTerminatedRunFailsItsNextRunAsTerminated(boolean shared) {
        DecoderSpec spec = spec(shared);
        Path folder = TinyDecoders.folder(spec);
        try (Session session = open(folder);
             DecoderRun run = new DecoderRun(TestRuntime.get().environment(), session,
                     DecoderSignature.probe(session, GenAiConfig.read(folder)), shared, 16)) {
            run.prefill(new long[]{1, 2, 3});
            run.terminate();

            assertThatThrownBy(() -> run.step(4))
                    .isInstanceOfSatisfying(OrtException.class, e -> assertThat(e.isTerminated()).isTrue());
            assertThat(run.terminated()).isTrue();
        }
    }

    @ParameterizedTest(name = "shared buffer: {0}")
    @ValueSource(booleans = {true, false})
    void theCacheRefusesToGrowPastItsCapacity(boolean shared) {
        DecoderSpec spec = spec(shared);
        Path folder = TinyDecoders.folder(spec);
        try (Session session = open(folder);
             DecoderRun run = new DecoderRun(TestRuntime.get().environment(), session,
                     DecoderSignature.probe(session, GenAiConfig.read(folder)), shared, 4)) {
            run.prefill(new long[]{1, 2, 3});
            run.step(4);

            assertThatThrownBy(() -> run.step(5)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("full at 4");
        }
    }

    @ParameterizedTest(name = "shared buffer: {0}")
    @ValueSource(booleans = {true, false})
    void aCancellationArrivingAfterTheRequestEndedIsHarmless(boolean shared) {
        DecoderSpec spec = spec(shared);
        Path folder = TinyDecoders.folder(spec);
        try (Session session = open(folder)) {
            DecoderRun run = new DecoderRun(TestRuntime.get().environment(), session,
                    DecoderSignature.probe(session, GenAiConfig.read(folder)), shared, 8);
            run.close();

            run.terminate();
            run.close();
            assertThat(run.terminated()).isTrue();
        }
    }
}
