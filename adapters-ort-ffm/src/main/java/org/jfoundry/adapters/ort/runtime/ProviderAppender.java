package org.jfoundry.adapters.ort.runtime;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfoundry.adapters.ort.internal.bindings.OrtApi;
import org.jfoundry.ports.failure.ProviderUnavailableException;
import org.jfoundry.ports.model.ExecutionProvider;

/**
 * Appends execution providers the way ONNX Runtime wants each one: CUDA and TensorRT through their V2 option
 * structs, the others through the generic append by name. Availability is checked first so a missing provider
 * fails with the list of what this build has, not with a native error.
 */
final class ProviderAppender {
    private ProviderAppender() {
    }

    static void append(MemorySegment sessionOptions, ExecutionProvider provider, Map<String, String> options,
                       List<String> available) {
        if (provider == ExecutionProvider.CPU) {
            return;
        }
        if (!available.contains(provider.ortName())) {
            throw new ProviderUnavailableException(provider.shortName(), available);
        }
        try (Arena call = Arena.ofConfined()) {
            List<String> keyList = new ArrayList<>(options.keySet());
            MemorySegment keys = call.allocate(ADDRESS, Math.max(1, keyList.size()));
            MemorySegment values = call.allocate(ADDRESS, Math.max(1, keyList.size()));
            for (int i = 0; i < keyList.size(); i++) {
                keys.setAtIndex(ADDRESS, i, call.allocateFrom(keyList.get(i)));
                values.setAtIndex(ADDRESS, i, call.allocateFrom(options.get(keyList.get(i))));
            }
            long n = keyList.size();
            switch (provider) {
                case CUDA -> appendCuda(call, sessionOptions, keys, values, n);
                case TENSORRT -> appendTensorRt(call, sessionOptions, keys, values, n);
                default -> Status.check(OrtApi.SessionOptionsAppendExecutionProvider(sessionOptions,
                        call.allocateFrom(genericName(provider)), keys, values, n),
                        "SessionOptionsAppendExecutionProvider(" + genericName(provider) + ")");
            }
        }
    }

    /** The names the generic append accepts. */
    static String genericName(ExecutionProvider provider) {
        return switch (provider) {
            case QNN -> "QNN";
            case VITISAI -> "VitisAI";
            case OPENVINO -> "OpenVINO";
            case NV_TENSORRT_RTX -> "NvTensorRtRtx";
            case DML -> "DML";
            case WEBGPU -> "WebGPU";
            case COREML -> "CoreML";
            case CUDA, TENSORRT, CPU -> throw new IllegalArgumentException(provider + " has its own append call");
        };
    }

    private static void appendCuda(Arena call, MemorySegment sessionOptions, MemorySegment keys, MemorySegment values,
                                   long n) {
        MemorySegment out = call.allocate(ADDRESS);
        Status.check(OrtApi.CreateCUDAProviderOptions(out), "CreateCUDAProviderOptions");
        MemorySegment cuda = out.get(ADDRESS, 0);
        try {
            Status.check(OrtApi.UpdateCUDAProviderOptions(cuda, keys, values, n), "UpdateCUDAProviderOptions");
            Status.check(OrtApi.SessionOptionsAppendExecutionProvider_CUDA_V2(sessionOptions, cuda),
                    "SessionOptionsAppendExecutionProvider_CUDA_V2");
        } finally {
            OrtApi.ReleaseCUDAProviderOptions(cuda);
        }
    }

    private static void appendTensorRt(Arena call, MemorySegment sessionOptions, MemorySegment keys,
                                       MemorySegment values, long n) {
        MemorySegment out = call.allocate(ADDRESS);
        Status.check(OrtApi.CreateTensorRTProviderOptions(out), "CreateTensorRTProviderOptions");
        MemorySegment tensorRt = out.get(ADDRESS, 0);
        try {
            Status.check(OrtApi.UpdateTensorRTProviderOptions(tensorRt, keys, values, n),
                    "UpdateTensorRTProviderOptions");
            Status.check(OrtApi.SessionOptionsAppendExecutionProvider_TensorRT_V2(sessionOptions, tensorRt),
                    "SessionOptionsAppendExecutionProvider_TensorRT_V2");
        } finally {
            OrtApi.ReleaseTensorRTProviderOptions(tensorRt);
        }
    }
}
