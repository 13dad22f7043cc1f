package org.jfoundry.adapters.ort;

import ai.onnx.proto.OnnxMl;
import java.util.Map;
import java.util.Optional;
import org.jfoundry.adapters.ort.runtime.OrtEnvironment;
import org.jfoundry.adapters.ort.runtime.Session;
import org.jfoundry.adapters.ort.runtime.SessionOptions;
import org.jfoundry.ports.model.ExecutionProvider;

/**
 * Whether a provider compiled into the library can run here. A build lists CUDA whether or not the machine has a GPU,
 * its drivers and libraries; only a session that appends the provider finds out, so the check opens one on a
 * one-node model and keeps ONNX Runtime's error as the reason.
 */
@FunctionalInterface
interface ProviderCheck {

    /** Empty when {@code provider} works on this machine, else why not, in ONNX Runtime's words. */
    Optional<String> whyUnusable(ExecutionProvider provider);

    static ProviderCheck withSession(OrtEnvironment environment) {
        byte[] model = identityModel();
        return provider -> {
            try (SessionOptions options = environment.newSessionOptions().intraOpThreads(1)
                    .executionProvider(provider, Map.of());
                 Session ignored = environment.openSession(model, options)) {
                return Optional.empty();
            } catch (RuntimeException e) {
                return Optional.of(String.valueOf(e.getMessage()).strip());
            }
        };
    }

    /** {@code y = Identity(x)} over one float: the smallest model a provider must accept to be usable. */
    private static byte[] identityModel() {
        OnnxMl.TypeProto scalar = OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                .setShape(OnnxMl.TensorShapeProto.newBuilder()
                        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(1)))).build();
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder().setName("provider-check")
                .addNode(OnnxMl.NodeProto.newBuilder().setOpType("Identity").addInput("x").addOutput("y"))
                .addInput(OnnxMl.ValueInfoProto.newBuilder().setName("x").setType(scalar))
                .addOutput(OnnxMl.ValueInfoProto.newBuilder().setName("y").setType(scalar))
                .build();
        return OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("jfoundry")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(graph).build().toByteArray();
    }
}
