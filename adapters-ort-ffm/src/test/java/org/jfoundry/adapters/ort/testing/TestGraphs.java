package org.jfoundry.adapters.ort.testing;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.Arrays;

/**
 * Small ONNX graphs built in memory for tests and benchmarks. A negative dimension becomes a symbolic one.
 */
public final class TestGraphs {
    public static final int FLOAT = 1;
    public static final int INT64 = 7;

    private TestGraphs() {
    }

    /** {@code y = Identity(x)} for any element type code. */
    public static byte[] identity(int elementType, long... shape) {
        GraphProto graph = GraphProto.newBuilder().setName("identity")
                .addInput(tensor("x", elementType, shape))
                .addOutput(tensor("y", elementType, shape))
                .addNode(node("Identity", "x", "y"))
                .build();
        return model(graph);
    }

    /** {@code y = x + b} with a constant float {@code b} of ones: the tiny graph of the latency benchmark. */
    public static byte[] addOnes(long... shape) {
        long count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        TensorProto.Builder ones = TensorProto.newBuilder().setName("b").setDataType(FLOAT);
        for (long dim : shape) {
            ones.addDims(dim);
        }
        for (long i = 0; i < count; i++) {
            ones.addFloatData(1f);
        }
        GraphProto graph = GraphProto.newBuilder().setName("add_ones")
                .addInput(tensor("x", FLOAT, shape))
                .addOutput(tensor("y", FLOAT, shape))
                .addInitializer(ones)
                .addNode(node("Add", "x", "b", "y"))
                .build();
        return model(graph);
    }

    /** {@code y = a + b} with two float inputs of the same shape. */
    public static byte[] addTwo(long... shape) {
        GraphProto graph = GraphProto.newBuilder().setName("add_two")
                .addInput(tensor("a", FLOAT, shape))
                .addInput(tensor("b", FLOAT, shape))
                .addOutput(tensor("sum", FLOAT, shape))
                .addNode(node("Add", "a", "b", "sum"))
                .build();
        return model(graph);
    }

    /**
     * {@code steps} chained {@code MatMul}s of a {@code size x size} float input with a constant matrix: a graph slow
     * enough (seconds) to terminate while it runs.
     */
    public static byte[] slowMatMulChain(int size, int steps) {
        TensorProto.Builder weight = TensorProto.newBuilder().setName("w").setDataType(FLOAT).addDims(size).addDims(size);
        for (int i = 0; i < size * size; i++) {
            weight.addFloatData(i % (size + 1) == 0 ? 1f : 0f);
        }
        GraphProto.Builder graph = GraphProto.newBuilder().setName("slow")
                .addInput(tensor("x", FLOAT, size, size))
                .addOutput(tensor("y", FLOAT, size, size))
                .addInitializer(weight);
        String previous = "x";
        for (int i = 0; i < steps; i++) {
            String next = i == steps - 1 ? "y" : "h" + i;
            graph.addNode(node("MatMul", previous, "w", next));
            previous = next;
        }
        return model(graph.build());
    }

    /** {@code y = Cast(x)} to the given element type; {@code to} is an ONNX element type code. */
    public static byte[] cast(int from, int to, long... shape) {
        NodeProto cast = node("Cast", "x", "y").toBuilder()
                .addAttribute(AttributeProto.newBuilder().setName("to").setType(AttributeProto.AttributeType.INT)
                        .setI(to))
                .build();
        GraphProto graph = GraphProto.newBuilder().setName("cast")
                .addInput(tensor("x", from, shape))
                .addOutput(tensor("y", to, shape))
                .addNode(cast)
                .build();
        return model(graph);
    }

    private static NodeProto node(String op, String... inputsThenOutput) {
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(op);
        for (int i = 0; i < inputsThenOutput.length - 1; i++) {
            node.addInput(inputsThenOutput[i]);
        }
        return node.addOutput(inputsThenOutput[inputsThenOutput.length - 1]).build();
    }

    private static ValueInfoProto tensor(String name, int elementType, long... shape) {
        TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
        for (int i = 0; i < shape.length; i++) {
            dims.addDim(shape[i] >= 0 ? TensorShapeProto.Dimension.newBuilder().setDimValue(shape[i])
                    : TensorShapeProto.Dimension.newBuilder().setDimParam("d" + i));
        }
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(
                        TypeProto.Tensor.newBuilder().setElemType(elementType).setShape(dims)))
                .build();
    }

    private static byte[] model(GraphProto graph) {
        return ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("jfoundry-tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(graph)
                .build()
                .toByteArray();
    }
}
