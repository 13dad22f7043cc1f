package org.jfoundry.ports.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jfoundry.ports.failure.InvalidRequestException;

/**
 * ONNX Runtime execution providers, with the short name used by {@code ep=} and the name ONNX Runtime reports.
 * The order of declaration is the device policy's preference among providers of one device type.
 */
public enum ExecutionProvider {
    QNN("qnn", "QNNExecutionProvider", DeviceType.NPU),
    VITISAI("vitisai", "VitisAIExecutionProvider", DeviceType.NPU),
    OPENVINO("openvino", "OpenVINOExecutionProvider", DeviceType.GPU),
    TENSORRT("tensorrt", "TensorrtExecutionProvider", DeviceType.GPU),
    NV_TENSORRT_RTX("nvtensorrtrtx", "NvTensorRTRTXExecutionProvider", DeviceType.GPU),
    CUDA("cuda", "CUDAExecutionProvider", DeviceType.GPU),
    DML("dml", "DmlExecutionProvider", DeviceType.GPU),
    WEBGPU("webgpu", "WebGpuExecutionProvider", DeviceType.GPU),
    COREML("coreml", "CoreMLExecutionProvider", DeviceType.GPU),
    CPU("cpu", "CPUExecutionProvider", DeviceType.CPU);

    private final String shortName;
    private final String ortName;
    private final DeviceType typicalDevice;

    ExecutionProvider(String shortName, String ortName, DeviceType typicalDevice) {
        this.shortName = shortName;
        this.ortName = ortName;
        this.typicalDevice = typicalDevice;
    }

    /** The name used in {@code ep=cuda} and in settings. */
    public String shortName() {
        return shortName;
    }

    /** The name ONNX Runtime and the catalog use, such as {@code CUDAExecutionProvider}. */
    public String ortName() {
        return ortName;
    }

    public DeviceType typicalDevice() {
        return typicalDevice;
    }

    /** Accepts a short name ({@code cuda}) or an ONNX Runtime name ({@code CUDAExecutionProvider}), any case. */
    public static Optional<ExecutionProvider> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(p -> p.shortName.equals(wanted) || p.ortName.toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }

    public static ExecutionProvider parse(String text) {
        return find(text).orElseThrow(() -> new InvalidRequestException(
                "unknown execution provider '" + text + "'; known: "
                        + Arrays.stream(values()).map(ExecutionProvider::shortName).toList(), "ep"));
    }

    public static List<String> shortNames() {
        return Arrays.stream(values()).map(ExecutionProvider::shortName).toList();
    }
}
