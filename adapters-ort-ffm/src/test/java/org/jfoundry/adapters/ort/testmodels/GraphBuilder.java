package org.jfoundry.adapters.ort.testmodels;

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

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A thin fluent layer over the ONNX protobuf classes: nodes get unique output names, constants become initializers. */
final class GraphBuilder {

    static final String MS_DOMAIN = "com.microsoft";
    private static final int OPSET = 17;

    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("decoder");
    private int counter;

    /** Adds a node with one fresh output and returns the output's name. */
    String op(String opType, String... inputs) {
        return op(opType, new AttributeProto[0], inputs);
    }

    String op(String opType, AttributeProto[] attributes, String... inputs) {
        return opIn("", opType, attributes, inputs);
    }

    /** A node of ONNX Runtime's contrib domain, com.microsoft. */
    String msOp(String opType, AttributeProto[] attributes, String... inputs) {
        return opIn(MS_DOMAIN, opType, attributes, inputs);
    }

    private String opIn(String domain, String opType, AttributeProto[] attributes, String... inputs) {
        String output = opType.toLowerCase() + "_" + counter;
        node(domain, opType, attributes, inputs, output);
        return output;
    }

    /** Adds a node with the given outputs (for ops with several, or outputs that are graph outputs). */
    void node(String domain, String opType, AttributeProto[] attributes, String[] inputs, String... outputs) {
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(opType).setDomain(domain)
                .setName(opType + "_" + counter++);
        for (String input : inputs) {
            node.addInput(input);
        }
        for (String output : outputs) {
            node.addOutput(output);
        }
        for (AttributeProto attribute : attributes) {
            node.addAttribute(attribute);
        }
        graph.addNode(node);
    }

    void initializer(TensorProto tensor) {
        graph.addInitializer(tensor);
    }

    String int64s(String name, long... values) {
        return int64Tensor(name, new long[]{values.length}, values);
    }

    String int64Scalar(String name, long value) {
        return int64Tensor(name, new long[0], new long[]{value});
    }

    String floatScalar(String name, float value) {
        ByteBuffer bytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).flip();
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber())
                .setRawData(ByteString.copyFrom(bytes)));
        return name;
    }

    private String int64Tensor(String name, long[] dims, long[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long value : values) {
            bytes.putLong(value);
        }
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.INT64.getNumber()).setRawData(ByteString.copyFrom(bytes.flip()));
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        graph.addInitializer(tensor);
        return name;
    }

    /** Declares a graph input; dims are numbers or symbolic names. */
    void input(String name, TensorProto.DataType type, Object... dims) {
        graph.addInput(valueInfo(name, type, dims));
    }

    void output(String name, TensorProto.DataType type, Object... dims) {
        graph.addOutput(valueInfo(name, type, dims));
    }

    ModelProto model() {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("jfoundry-test-decoders")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(MS_DOMAIN).setVersion(1))
                .setGraph(graph).build();
    }

    static AttributeProto attr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto attr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    static AttributeProto attr(String name, long... values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.INTS);
        for (long value : values) {
            attribute.addInts(value);
        }
        return attribute.build();
    }

    static AttributeProto[] attrs(AttributeProto... attributes) {
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
