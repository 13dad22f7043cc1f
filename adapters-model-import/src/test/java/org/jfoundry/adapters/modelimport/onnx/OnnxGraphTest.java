package org.jfoundry.adapters.modelimport.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.jfoundry.adapters.modelimport.onnx.OnnxGraph.attr;
import static org.jfoundry.adapters.modelimport.onnx.OnnxGraph.attrs;

class OnnxGraphTest {

    @Test
    void externalWeightsAreReadBackByOnnxRuntime(@TempDir Path dir) throws Exception {
        OnnxGraph g = new OnnxGraph("affine");
        g.input("x", TensorProto.DataType.FLOAT, "batch", 3);
        g.output("y", TensorProto.DataType.FLOAT, "batch", 2);
        try (ExternalData data = new ExternalData(dir.resolve("model.onnx.data"))) {
            g.initializer(data.floats("w", new float[]{1, 2, 3, 4, 5, 6}, 3, 2));
            g.initializer(data.halfs("b", new short[]{Float.floatToFloat16(0.5f), Float.floatToFloat16(-1f)}, 2));
            assertThat(data.size()).as("the second tensor starts on the next page").isEqualTo(4096 + 4);
        }
        String bias = g.op("Cast", attrs(attr("to", (long) TensorProto.DataType.FLOAT.getNumber())), "b");
        g.node("", "Add", attrs(), new String[]{g.op("MatMul", "x", "w"), bias}, "y");
        g.writeTo(dir.resolve("model.onnx"), "test");

        float[][] y = run(dir.resolve("model.onnx"), new float[][]{{1, 0, 0}, {1, 1, 1}});

        assertThat(y[0]).containsExactly(1.5f, 1f);
        assertThat(y[1]).containsExactly(9.5f, 11f);
    }

    @Test
    void packedInt4BlocksMultiplyAsMatMulNBitsDefines(@TempDir Path dir) throws Exception {
        // One output row, one block of 32: weight = (nibble - 8) * scale, low nibble first.
        byte[] packed = new byte[16];
        float[] expectedWeights = new float[32];
        for (int i = 0; i < 32; i++) {
            int nibble = (i * 5) % 16;
            packed[i / 2] |= (byte) (i % 2 == 0 ? nibble : nibble << 4);
            expectedWeights[i] = (nibble - 8) * 0.25f;
        }
        OnnxGraph g = new OnnxGraph("nbits");
        g.input("x", TensorProto.DataType.FLOAT, 1, 32);
        g.output("y", TensorProto.DataType.FLOAT, 1, 1);
        try (ExternalData data = new ExternalData(dir.resolve("model.onnx.data"))) {
            g.initializer(data.bytes("w.quant", TensorProto.DataType.UINT8, packed, 1, 1, 16));
            g.initializer(data.floats("w.scales", new float[]{0.25f}, 1));
        }
        g.node(OnnxGraph.MS_DOMAIN, "MatMulNBits", attrs(attr("K", 32L), attr("N", 1L), attr("bits", 4L),
                attr("block_size", 32L)), new String[]{"x", "w.quant", "w.scales"}, "y");
        g.writeTo(dir.resolve("model.onnx"), "test");
        float[] x = new float[32];
        double expected = 0;
        for (int i = 0; i < 32; i++) {
            x[i] = (i % 7) - 3;
            expected += x[i] * expectedWeights[i];
        }

        float[][] y = run(dir.resolve("model.onnx"), new float[][]{x});

        assertThat((double) y[0][0]).isCloseTo(expected, within(1e-4));
    }

    @Test
    void sharedConstantsAreDeclaredOnce() {
        OnnxGraph g = new OnnxGraph("constants");
        g.int64s("axes", 1);
        g.int64s("axes", 1);
        g.floatScalar("eps", 1e-5f);

        assertThat(g.model("test").getGraph().getInitializerList()).extracting(TensorProto::getName)
                .containsExactly("axes", "eps");
    }

    private static float[][] run(Path model, float[][] x) throws OrtException, java.io.IOException {
        assertThat(Files.size(model)).as("weights live outside the graph").isLessThan(1024);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model.toString(), new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, x);
             OrtSession.Result result = session.run(Map.of("x", input))) {
            return (float[][]) result.get(0).getValue();
        }
    }
}
