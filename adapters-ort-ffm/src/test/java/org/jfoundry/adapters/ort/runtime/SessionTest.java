package org.jfoundry.adapters.ort.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfoundry.adapters.ort.testing.TestGraphs;
import org.jfoundry.adapters.ort.testing.TestRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SessionTest {
    private OrtEnvironment env;
    private SessionOptions options;

    @BeforeEach
    void start() {
        env = TestRuntime.get().environment();
        options = env.newSessionOptions().intraOpThreads(1);
    }

    @AfterEach
    void stop() {
        options.close();
    }

    @Test
    void aSessionDescribesItsInputsAndOutputsWithSymbolicDimensions() {
        try (Session session = env.openSession(TestGraphs.identity(TestGraphs.FLOAT, -1, 3), options)) {
            assertThat(session.inputNames()).containsExactly("x");
            assertThat(session.outputNames()).containsExactly("y");
            assertThat(session.input("x").tensor()).isEqualTo(TensorInfo.of(ElementType.FLOAT, -1, 3));
            assertThat(session.output("y").tensor().elementType()).isEqualTo(ElementType.FLOAT);
        }
    }

    @Test
    void onTheCpuProviderEveryInputAndOutputLivesInHostMemory() {
        try (Session session = env.openSession(TestGraphs.identity(TestGraphs.FLOAT, -1, 3), options)) {
            MemoryLocation input = session.inputLocation("x");
            MemoryLocation output = session.outputLocation("y");

            assertThat(input.isHost()).isTrue();
            assertThat(input.name()).isEqualTo("Cpu");
            assertThat(output.isHost()).isTrue();
            assertThatThrownBy(() -> session.inputLocation("nope")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aTensorAllocatedWhereTheSessionKeepsAnInputIsZeroedHostMemoryOnTheCpuProvider() {
        try (Session session = env.openSession(TestGraphs.identity(TestGraphs.FLOAT, 2, 3), options);
             Value x = session.allocate(session.inputLocation("x"), ElementType.FLOAT, 2, 3)) {
            assertThat(x.onDevice()).isFalse();
            assertThat(x.toFloatArray()).containsOnly(0f);
            try (RunOutputs outputs = session.run(null, Map.of("x", x))) {
                assertThat(outputs.get("y").toFloatArray()).containsOnly(0f).hasSize(6);
            }
        }
    }

    @Test
    void outputsBoundToTheirPlannedLocationAreReadableHostValuesOnTheCpuProvider() {
        try (Session session = env.openSession(TestGraphs.identity(TestGraphs.FLOAT, 2, 3), options);
             Value x = env.tensor(new float[]{1, 2, 3, 4, 5, 6}, 2, 3);
             IoBinding binding = session.newIoBinding()) {
            binding.bindInput("x", x).bindOutputTo("y", session.outputLocation("y"));
            binding.synchronizeInputs();
            session.run(null, binding);
            binding.synchronizeOutputs();
            List<Value> outputs = binding.outputs();
            try {
                assertThat(outputs.getFirst().onDevice()).isFalse();
                assertThat(outputs.getFirst().toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
            } finally {
                outputs.forEach(Value::close);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ElementType.class)
    void everySupportedElementTypeRoundTripsThroughTheModelUnchanged(ElementType type) {
        try (Session session = env.openSession(TestGraphs.identity(type.code(), 2, 3), options);
             Value input = env.allocate(type, 2, 3)) {
            MemorySegment data = input.data();
            for (long i = 0; i < data.byteSize(); i++) {
                // BOOL must stay 0/1; other types take any bit pattern except NaN-sensitive ones, which Identity copies.
                data.set(ValueLayout.JAVA_BYTE, i, (byte) (type == ElementType.BOOL ? i % 2 : 3 * i + 1));
            }
            try (RunOutputs outputs = session.run(null, Map.of("x", input))) {
                Value y = outputs.get("y");
                assertThat(y.elementType()).isEqualTo(type);
                assertThat(y.shape()).containsExactly(2, 3);
                assertThat(y.toByteArray()).isEqualTo(input.toByteArray());
            }
        }
    }

    @Test
    void aStringInputIsReportedAsUnsupportedByName() {
        try (Session session = env.openSession(TestGraphs.identity(8, 2), options)) {
            TensorInfo info = session.input("x").tensor();
            assertThatThrownBy(info::elementType).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("STRING");
        }
    }

    @Test
    void aStringOutputIsRefusedAndReleasedWithoutHarmingTheSession() {
        try (Session session = env.openSession(TestGraphs.cast(TestGraphs.FLOAT, 8, 2), options);
             Value x = env.tensor(new float[] {1.5f, 2}, 2)) {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> session.run(null, Map.of("x", x)))
                        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("STRING");
            }
        }
    }

    @Test
    void aValueOfTheWrongElementTypeIsRefusedNamingTheInputAndBothTypes() {
        try (Session session = env.openSession(TestGraphs.identity(TestGraphs.FLOAT, -1, 3), options);
             Value wrong = env.tensor(new long[] {1, 2, 3}, 1, 3)) {
            assertThatThrownBy(() -> session.run(null, Map.of("x", wrong)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'x'").hasMessageContaining("FLOAT[-1, 3]").hasMessageContaining("INT64[1, 3]");
        }
    }

    @Test
    void aValueOfTheWrongShapeIsRefusedNamingTheInputAndBothShapes() {
        try (Session session = env.openSession(TestGraphs.identity(TestGraphs.FLOAT, 2, 3), options);
             Value wrong = env.allocate(ElementType.FLOAT, 2, 4);
             Value wrongRank = env.allocate(ElementType.FLOAT, 6)) {
            assertThatThrownBy(() -> session.run(null, Map.of("x", wrong)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FLOAT[2, 3]")
                    .hasMessageContaining("FLOAT[2, 4]");
            assertThatThrownBy(() -> session.run(null, Map.of("x", wrongRank)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FLOAT[6]");
        }
    }

    @Test
    void anUnknownInputOrOutputNameListsTheModelsNames() {
        try (Session session = env.openSession(TestGraphs.addTwo(2), options);
             Value value = env.allocate(ElementType.FLOAT, 2)) {
            assertThatThrownBy(() -> session.run(null, Map.of("c", value)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[a, b]");
            assertThatThrownBy(() -> session.run(null, Map.of("a", value, "b", value), List.of("total")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[sum]");
        }
    }

    @Test
    void aMissingInputFailsWithOnnxRuntimesCodeAndMessage() {
        try (Session session = env.openSession(TestGraphs.addTwo(2), options);
             Value a = env.tensor(new float[] {1, 2}, 2)) {
            assertThatThrownBy(() -> session.run(null, Map.of("a", a)))
                    .isInstanceOfSatisfying(OrtException.class, e -> {
                        assertThat(e.code()).isIn(OrtErrorCode.INVALID_ARGUMENT, OrtErrorCode.RUNTIME_EXCEPTION);
                        assertThat(e.ortMessage()).containsIgnoringCase("missing input").contains("b");
                        assertThat(e.getMessage()).startsWith("Run failed: [" + e.code() + "]");
                    });
        }
    }

    @Test
    void bytesThatAreNotAModelFailWithOnnxRuntimesCodeAndMessage() {
        assertThatThrownBy(() -> env.openSession(new byte[] {1, 2, 3, 4, 5}, options))
                .isInstanceOfSatisfying(OrtException.class, e -> {
                    assertThat(e.code()).isIn(OrtErrorCode.INVALID_PROTOBUF, OrtErrorCode.INVALID_GRAPH,
                            OrtErrorCode.FAIL);
                    assertThat(e.ortMessage()).isNotBlank();
                    assertThat(e.getMessage()).contains("CreateSessionFromArray");
                });
    }

    @Test
    void aMissingModelFileFailsNamingTheFile() {
        assertThatThrownBy(() -> env.openSession(java.nio.file.Path.of("/nonexistent/model.onnx"), options))
                .isInstanceOf(OrtException.class).hasMessageContaining("/nonexistent/model.onnx");
    }

    @Test
    void aWriteToTheCallersSegmentAfterWrappingIsSeenByTheNextRun() {
        try (Arena arena = Arena.ofConfined();
             Session session = env.openSession(TestGraphs.addOnes(4), options)) {
            MemorySegment caller = arena.allocate(ValueLayout.JAVA_FLOAT, 4);
            try (Value x = env.wrap(caller, ElementType.FLOAT, 4)) {
                assertThat(x.data().address()).isEqualTo(caller.address());
                caller.setAtIndex(ValueLayout.JAVA_FLOAT, 2, 41f);
                try (RunOutputs out = session.run(null, Map.of("x", x))) {
                    assertThat(out.get(0).toFloatArray()).containsExactly(1f, 1f, 42f, 1f);
                }
                caller.setAtIndex(ValueLayout.JAVA_FLOAT, 0, 9f);
                try (RunOutputs out = session.run(null, Map.of("x", x))) {
                    assertThat(out.get(0).toFloatArray()).containsExactly(10f, 1f, 42f, 1f);
                }
            }
        }
    }

    @Test
    void anOutputsBytesAreLentForReadingAndItsDataSegmentDiesWithTheValue() {
        try (Session session = env.openSession(TestGraphs.addOnes(3), options);
             Value x = env.tensor(new float[] {1, 2, 3}, 3)) {
            MemorySegment escaped;
            try (RunOutputs out = session.run(null, Map.of("x", x))) {
                Value y = out.get(0);
                assertThat(y.byteSize()).isEqualTo(12);
                float third = y.read(s -> s.getAtIndex(ValueLayout.JAVA_FLOAT, 2));
                assertThat(third).isEqualTo(4f);
                MemorySegment[] lent = new MemorySegment[1];
                y.read(s -> lent[0] = s);
                assertThatThrownBy(() -> lent[0].get(ValueLayout.JAVA_FLOAT, 0)).isInstanceOf(IllegalStateException.class);
                escaped = y.data();
                assertThat(escaped.getAtIndex(ValueLayout.JAVA_FLOAT, 0)).isEqualTo(2f);
                y.write(s -> s.setAtIndex(ValueLayout.JAVA_FLOAT, 0, 7f));
                assertThat(escaped.getAtIndex(ValueLayout.JAVA_FLOAT, 0)).isEqualTo(7f);
            }
            assertThatThrownBy(() -> escaped.get(ValueLayout.JAVA_FLOAT, 0)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aHeapSegmentOrOneTooSmallIsRefusedWhenWrapping() {
        assertThatThrownBy(() -> env.wrap(MemorySegment.ofArray(new float[4]), ElementType.FLOAT, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("native");
        try (Arena arena = Arena.ofConfined()) {
            assertThatThrownBy(() -> env.wrap(arena.allocate(12), ElementType.FLOAT, 4))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes");
        }
    }

    @Test
    void aRunWritesIntoPreAllocatedOutputsInPlace() {
        try (Session session = env.openSession(TestGraphs.addOnes(3), options);
             Value x = env.tensor(new float[] {1, 2, 3}, 3);
             Value y = env.allocate(ElementType.FLOAT, 3)) {
            session.run(null, Map.of("x", x), Map.of("y", y));
            assertThat(y.toFloatArray()).containsExactly(2f, 3f, 4f);
            try (PreparedRun prepared = session.prepare(List.of("x"), List.of("y"))) {
                x.data().setAtIndex(ValueLayout.JAVA_FLOAT, 0, 10f);
                prepared.run(null, new Value[] {x}, new Value[] {y});
                assertThat(y.toFloatArray()).containsExactly(11f, 3f, 4f);
            }
        }
    }

    @Test
    void anIoBindingRunsOnBoundCallerMemoryWithoutCopying() {
        try (Arena arena = Arena.ofConfined();
             Session session = env.openSession(TestGraphs.addTwo(2), options);
             Value a = env.wrap(arena.allocate(ValueLayout.JAVA_FLOAT, 2), ElementType.FLOAT, 2);
             Value b = env.tensor(new float[] {10, 20}, 2);
             Value sum = env.allocate(ElementType.FLOAT, 2);
             IoBinding binding = session.newIoBinding()) {
            binding.bindInput("a", a).bindInput("b", b).bindOutput("sum", sum);
            a.data().setAtIndex(ValueLayout.JAVA_FLOAT, 1, 5f);
            session.run(null, binding);
            assertThat(sum.toFloatArray()).containsExactly(10f, 25f);
            // The bound memory is read again at every run: no copy was taken at bind time.
            a.data().setAtIndex(ValueLayout.JAVA_FLOAT, 0, 1f);
            session.run(null, binding);
            assertThat(sum.toFloatArray()).containsExactly(11f, 25f);
            List<Value> outputs = binding.outputs();
            assertThat(outputs).hasSize(1);
            assertThat(outputs.getFirst().toFloatArray()).containsExactly(11f, 25f);
            outputs.forEach(Value::close);
        }
    }

    @Test
    void anIoBindingCanLetOnnxRuntimeAllocateTheOutput() {
        try (Session session = env.openSession(TestGraphs.addOnes(2), options);
             Value x = env.tensor(new float[] {1, 2}, 2);
             IoBinding binding = session.newIoBinding()) {
            binding.bindInput("x", x).bindOutputToCpu("y");
            session.run(null, binding);
            List<Value> outputs = binding.outputs();
            try {
                assertThat(outputs.getFirst().toFloatArray()).containsExactly(2f, 3f);
            } finally {
                outputs.forEach(Value::close);
            }
        }
    }

    @Test
    void aBindingRefusesToRunWhenABoundValueWasClosed() {
        try (Session session = env.openSession(TestGraphs.addOnes(2), options);
             Value y = env.allocate(ElementType.FLOAT, 2);
             IoBinding binding = session.newIoBinding()) {
            Value x = env.tensor(new float[] {1, 2}, 2);
            binding.bindInput("x", x).bindOutput("y", y);
            x.close();
            assertThatThrownBy(() -> session.run(null, binding)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
        }
    }

    @Test
    void closingTwiceIsHarmlessAndUseAfterCloseThrowsNamingTheObject() {
        Session session = env.openSession(TestGraphs.addOnes(2), options);
        Value x = env.tensor(new float[] {1, 2}, 2);
        MemorySegment data = x.data();
        RunOptions runOptions = env.newRunOptions();
        IoBinding binding = session.newIoBinding();
        SessionOptions moreOptions = env.newSessionOptions();

        binding.close();
        binding.close();
        session.close();
        session.close();
        x.close();
        x.close();
        runOptions.close();
        runOptions.close();
        moreOptions.close();
        moreOptions.close();

        assertThatThrownBy(() -> session.run(null, Map.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("session").hasMessageContaining("closed");
        assertThatThrownBy(x::data).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        // A segment taken before close dies with the value instead of reading freed memory.
        assertThatThrownBy(() -> data.get(ValueLayout.JAVA_FLOAT, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(runOptions::terminate).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("run options");
        assertThatThrownBy(() -> binding.bindOutputToCpu("y")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> moreOptions.intraOpThreads(2)).isInstanceOf(IllegalStateException.class);
        try (Session other = env.openSession(TestGraphs.addOnes(2), options)) {
            assertThatThrownBy(() -> other.run(null, Map.of("x", x))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void closingASessionReleasesItsBindingsFirstSoTheyCannotTouchFreedState() {
        Session session = env.openSession(TestGraphs.addOnes(2), options);
        IoBinding binding = session.newIoBinding();
        try (Value x = env.tensor(new float[] {1, 2}, 2)) {
            session.close();
            assertThatThrownBy(() -> binding.bindInput("x", x)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("IoBinding of session").hasMessageContaining("is already closed");
            binding.close();
        }
    }

    @Test
    void sessionOptionsAcceptThreadsOptimisationArenaAndConfigEntries() {
        try (SessionOptions tuned = env.newSessionOptions()
                .intraOpThreads(1).interOpThreads(1).parallelExecution(false)
                .optimizationLevel(GraphOptimizationLevel.BASIC).memoryArena(false)
                .configEntry("session.disable_prepacking", "1").logSeverity(LoggingLevel.ERROR);
             Session session = env.openSession(TestGraphs.addOnes(2), tuned);
             Value x = env.tensor(new float[] {1, 2}, 2);
             RunOutputs out = session.run(null, Map.of("x", x))) {
            assertThat(out.get(0).toFloatArray()).containsExactly(2f, 3f);
        }
        try (SessionOptions bad = env.newSessionOptions()) {
            assertThatThrownBy(() -> bad.intraOpThreads(-1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void outputsComeBackInTheOrderAsked() {
        try (Session session = env.openSession(TestGraphs.addTwo(2), options);
             Value a = env.tensor(new float[] {1, 2}, 2);
             Value b = env.tensor(new float[] {3, 4}, 2)) {
            Map<String, Value> feeds = new LinkedHashMap<>();
            feeds.put("b", b);
            feeds.put("a", a);
            try (RunOutputs out = session.run(null, feeds, List.of("sum"))) {
                assertThat(out.names()).containsExactly("sum");
                assertThat(out.get("sum").toFloatArray()).containsExactly(4f, 6f);
            }
        }
    }
}
