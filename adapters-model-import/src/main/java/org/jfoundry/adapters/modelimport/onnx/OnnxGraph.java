package org.jfoundry.adapters.modelimport.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * A thin fluent layer over the ONNX protobuf classes, in the manner of onnx's {@code helper}: nodes get unique output
 * names, small constants become inline initializers, large weights come from {@link ExternalData}. Not thread-safe.
 */
public final class OnnxGraph {

    /** ONNX Runtime's contrib operator domain (GroupQueryAttention, MatMulNBits...). */
    public static final String MS_DOMAIN = "com.microsoft";
    private static final int OPSET = 17;
    private static final long IR_VERSION = 8;

    private final GraphProto.Builder graph;
    private final Set<String> constants = new HashSet<>();
    private int counter;

    public OnnxGraph(String name) {
        this.graph = GraphProto.newBuilder().setName(name);
    }

    /** Adds a node of the default domain with one fresh output and returns the output's name. */
    public String op(String opType, String... inputs) {
        return op(opType, new AttributeProto[0], inputs);
    }

    public String op(String opType, AttributeProto[] attributes, String... inputs) {
        return opIn("", opType, attributes, inputs);
    }

    /** A node of {@link #MS_DOMAIN} with one fresh output. */
    public String msOp(String opType, AttributeProto[] attributes, String... inputs) {
        return opIn(MS_DOMAIN, opType, attributes, inputs);
    }

    private String opIn(String domain, String opType, AttributeProto[] attributes, String... inputs) {
        String output = opType.toLowerCase() + "_" + counter;
        node(domain, opType, attributes, inputs, output);
        return output;
    }

    /** Adds a node with the given outputs (for ops with several, or outputs that are graph outputs). */
    public void node(String domain, String opType, AttributeProto[] attributes, String[] inputs, String... outputs) {
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(opType).setDomain(domain)
                .setName(opType + "_" + counter++);
        for (String input : inputs) {
            // An empty name is how ONNX leaves out an optional input.
            node.addInput(input == null ? "" : input);
        }
        for (String output : outputs) {
            node.addOutput(output);
        }
        for (AttributeProto attribute : attributes) {
            node.addAttribute(attribute);
        }
        graph.addNode(node);
    }

    public void initializer(TensorProto tensor) {
        graph.addInitializer(tensor);
    }

    /** A 1-D int64 constant; declared once per name, so shared constants can be asked for repeatedly. */
    public String int64s(String name, long... values) {
        return inline(name, TensorProto.DataType.INT64, new long[]{values.length}, int64Bytes(values));
    }

    public String int64Scalar(String name, long value) {
        return inline(name, TensorProto.DataType.INT64, new long[0], int64Bytes(value));
    }

    public String floatScalar(String name, float value) {
        ByteBuffer bytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).flip();
        return inline(name, TensorProto.DataType.FLOAT, new long[0], bytes);
    }

    private String inline(String name, TensorProto.DataType type, long[] dims, ByteBuffer bytes) {
        if (!constants.add(name)) {
            return name;
        }
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(bytes));
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        graph.addInitializer(tensor);
        return name;
    }

    private static ByteBuffer int64Bytes(long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long value : values) {
            bytes.putLong(value);
        }
        return bytes.flip();
    }

    /** Declares a graph input; dims are numbers or symbolic names. */
    public void input(String name, TensorProto.DataType type, Object... dims) {
        graph.addInput(valueInfo(name, type, dims));
    }

    public void output(String name, TensorProto.DataType type, Object... dims) {
        graph.addOutput(valueInfo(name, type, dims));
    }

    public ModelProto model(String producer) {
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName(producer)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(MS_DOMAIN).setVersion(1))
                .setGraph(graph).build();
    }

    /** Writes the model (its graph; weights already went to the external data file) to {@code file}. */
    public void writeTo(Path file, String producer) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            model(producer).writeTo(out);
        }
    }

    public static AttributeProto attr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    public static AttributeProto attr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    public static AttributeProto attr(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFrom(value, StandardCharsets.UTF_8)).build();
    }

    public static AttributeProto attr(String name, long... values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.INTS);
        for (long value : values) {
            attribute.addInts(value);
        }
        return attribute.build();
    }

    public static AttributeProto[] attrs(AttributeProto... attributes) {
        return attributes;
    }

    private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object dim : dims) {
            TensorShapeProto.Dimension.Builder d = TensorShapeProto.Dimension.newBuilder();
            if (dim instanceof Number number) {
                d.setDimValue(number.longValue());
            } else {
                d.setDimParam(dim.toString());
            }
            shape.addDim(d);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }
}
