package org.jfoundry.benchmarks.generate;

import ai.onnx.proto.OnnxMl;
import org.jfoundry.adapters.ort.OnnxRuntime;
import org.jfoundry.adapters.ort.OrtConfig;
import org.jfoundry.adapters.ort.runtime.ElementType;
import org.jfoundry.adapters.ort.runtime.IoBinding;
import org.jfoundry.adapters.ort.runtime.LoggingLevel;
import org.jfoundry.adapters.ort.runtime.MemoryLocation;
import org.jfoundry.adapters.ort.runtime.OrtEnvironment;
import org.jfoundry.adapters.ort.runtime.RunOptions;
import org.jfoundry.adapters.ort.runtime.Session;
import org.jfoundry.adapters.ort.runtime.SessionOptions;
import org.jfoundry.adapters.ort.runtime.Value;
import org.jfoundry.adapters.ort.testmodels.DecoderSpec;
import org.jfoundry.adapters.ort.testmodels.TestDecoders;
import org.jfoundry.benchmarks.BenchOptions;
import org.jfoundry.ports.model.ExecutionProvider;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * What CUDA graphs would give a decode step, measured outside the Java loop: greedy decoding of the float16
 * share-buffer decoder with every decode input and output at a fixed device address (token id, a full-length
 * attention mask, the KV buffers, the logits), once on a plain CUDA session and once on a session with
 * {@code enable_cuda_graph}, runs alternating. The step's small inputs reach the device, and the logits the host,
 * through tiny Identity sessions (a copy through ONNX Runtime, no CUDA calls of our own). Prints decode tokens/s
 * medians and whether both sessions produce the same tokens.
 *
 * <p>Arguments (all optional): {@code --dir} (default {@code target/cuda-check}), {@code --provider cuda|cpu}
 * ({@code cpu} is a dry run without graphs), {@code --big gpt2-fp16|tiny-fp16} (default {@code gpt2-fp16}),
 * {@code --prompt-tokens N} (default 200), {@code --new-tokens N} (default 128), {@code --runs N} (default 5).
 */
public final class CudaGraphDecodeCheck {

    private CudaGraphDecodeCheck() {
    }

    public static void main(String[] args) {
        Map<String, String> options = BenchOptions.parse(args);
        Path dir = Path.of(options.getOrDefault("dir", "target/cuda-check")).toAbsolutePath();
        ExecutionProvider provider = ExecutionProvider.parse(options.getOrDefault("provider", "cuda"));
        DecoderSpec spec = options.getOrDefault("big", "gpt2-fp16").equals("tiny-fp16")
                ? DecoderSpec.tinyGqaFloat16(8) : DecoderSpec.benchmarkGpt2MediumShapedFloat16();
        int promptTokens = Integer.parseInt(options.getOrDefault("prompt-tokens", "200"));
        int newTokens = Integer.parseInt(options.getOrDefault("new-tokens", "128"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        int capacity = Math.min(spec.contextLength(), promptTokens + newTokens);
        long[] prompt = new long[promptTokens];
        Arrays.setAll(prompt, i -> (i * 7919L + 13) % spec.firstSpecialTokenId());

        boolean same = true;
        try (OnnxRuntime runtime = OnnxRuntime.start(new OrtConfig(dir.resolve("native"), null, System.getenv(),
                LoggingLevel.WARNING, 0))) {
            OrtEnvironment environment = runtime.environment();
            Path model = TestDecoders.writeOnce(dir, spec).resolve(TestDecoders.MODEL_FILE);
            List<FixedAddressDecoder> decoders = new ArrayList<>();
            try {
                decoders.add(warm(new FixedAddressDecoder(environment, model, spec, provider, false, capacity),
                        prompt));
                if (provider == ExecutionProvider.CUDA) {
                    FixedAddressDecoder graphed = null;
                    try {
                        graphed = new FixedAddressDecoder(environment, model, spec, provider, true, capacity);
                        decoders.add(warm(graphed, prompt));
                    } catch (RuntimeException e) {
                        System.out.println("cuda-graph session failed: " + e.getMessage());
                        if (graphed != null) {
                            graphed.close();
                        }
                    }
                }
                double[][] decode = new double[decoders.size()][runs];
                double[][] ttft = new double[decoders.size()][runs];
                for (int run = 0; run < runs; run++) {
                    long[] first = null;
                    for (int d = 0; d < decoders.size(); d++) {
                        FixedAddressDecoder decoder = decoders.get(d);
                        long[] tokens = decoder.generate(prompt, newTokens);
                        decode[d][run] = decoder.lastDecodeTokensPerSecond;
                        ttft[d][run] = decoder.lastTtftMillis;
                        System.out.printf("run %d %s: ttft %.1f ms, decode %.1f tok/s, first tokens %s%n", run + 1,
                                decoder.name(), ttft[d][run], decode[d][run],
                                Arrays.toString(Arrays.copyOf(tokens, 8)));
                        if (first == null) {
                            first = tokens;
                        } else if (!Arrays.equals(first, tokens)) {
                            same = false;
                            System.out.printf("run %d: %s parts from %s at token %d%n", run + 1, decoder.name(),
                                    decoders.getFirst().name(), Arrays.mismatch(first, tokens));
                        }
                    }
                }
                for (int d = 0; d < decoders.size(); d++) {
                    System.out.printf("GRAPH-CHECK %s on %s: median ttft %.1f ms, median decode %.1f tok/s over %d "
                                    + "runs%n", decoders.get(d).name(), provider.shortName(), median(ttft[d]),
                            median(decode[d]), runs);
                }
            } finally {
                decoders.forEach(FixedAddressDecoder::close);
            }
        }
        System.out.println(same ? "SAME: both sessions produce the same tokens" : "DIFFERENT tokens");
        System.exit(same ? 0 : 1);
    }

    private static FixedAddressDecoder warm(FixedAddressDecoder decoder, long[] prompt) {
        System.out.printf("%s: KV cache on %s, input_ids planned on %s, attention_mask on %s%n", decoder.name(),
                decoder.location, decoder.session.inputLocation("input_ids"),
                decoder.session.inputLocation("attention_mask"));
        decoder.generate(prompt, 8); // the graph session captures its decode step here
        return decoder;
    }

    /** A greedy loop over one session whose decode step reads and writes fixed device addresses only. */
    private static final class FixedAddressDecoder implements AutoCloseable {

        private final DecoderSpec spec;
        private final boolean graph;
        private final int capacity;
        private final Session session;
        private final Session toDevice;
        private final Session toHost;
        private final MemoryLocation location;
        private final List<Value> owned = new ArrayList<>();
        private final Arena arena = Arena.ofShared();
        private final MemorySegment hostIds;
        private final MemorySegment hostMask;
        private final Value deviceIds;
        private final Value deviceMask;
        private final Value deviceLogits;
        private final Value hostLogits;
        private final IoBinding prefill;
        private final IoBinding step;
        private final IoBinding upload;
        private final IoBinding download;
        private final RunOptions prefillOptions;
        private final RunOptions stepOptions;
        private final OrtEnvironment environment;
        double lastDecodeTokensPerSecond;
        double lastTtftMillis;

        FixedAddressDecoder(OrtEnvironment environment, Path model, DecoderSpec spec, ExecutionProvider provider,
                            boolean graph, int capacity) {
            this.environment = environment;
            this.spec = spec;
            this.graph = graph;
            this.capacity = capacity;
            Map<String, String> providerOptions = graph ? Map.of("enable_cuda_graph", "1") : Map.of();
            try (SessionOptions options = environment.newSessionOptions().executionProvider(provider,
                    provider == ExecutionProvider.CPU ? Map.of() : providerOptions);
                 SessionOptions helper = environment.newSessionOptions().intraOpThreads(1)
                         .executionProvider(provider, Map.of())) {
                session = environment.openSession(model, options);
                toDevice = environment.openSession(identities(OnnxMl.TensorProto.DataType.INT64, 2, "ids", "mask"),
                        helper);
                toHost = environment.openSession(identities(OnnxMl.TensorProto.DataType.FLOAT, 3, "logits"), helper);
            }
            location = session.inputLocation("past_key_values.0.key");
            prefill = session.newIoBinding();
            step = session.newIoBinding();
            prefill.bindOutputToCpu("logits"); // first, so it is output 0 of the prefill's outputs
            for (int layer = 0; layer < spec.layers(); layer++) {
                for (String kind : new String[]{"key", "value"}) {
                    Value cache = own(session.allocate(location, ElementType.FLOAT16, 1, spec.kvHeads(), capacity,
                            spec.headSize()));
                    for (IoBinding binding : new IoBinding[]{prefill, step}) {
                        binding.bindInput("past_key_values." + layer + "." + kind, cache)
                                .bindOutput("present." + layer + "." + kind, cache);
                    }
                }
            }
            hostIds = arena.allocate(JAVA_LONG, 1);
            hostMask = arena.allocate(JAVA_LONG, capacity);
            deviceIds = own(session.allocate(location, ElementType.INT64, 1, 1));
            deviceMask = own(session.allocate(location, ElementType.INT64, 1, capacity));
            deviceLogits = own(session.allocate(location, ElementType.FLOAT, 1, 1, spec.vocabSize()));
            hostLogits = own(environment.allocate(ElementType.FLOAT, 1, 1, spec.vocabSize()));
            step.bindInput("input_ids", deviceIds).bindInput("attention_mask", deviceMask)
                    .bindOutput("logits", deviceLogits);
            upload = toDevice.newIoBinding().bindOutput("ids_out", deviceIds).bindOutput("mask_out", deviceMask);
            download = toHost.newIoBinding().bindInput("logits_in", deviceLogits).bindOutput("logits_out", hostLogits);
            prefillOptions = environment.newRunOptions();
            stepOptions = environment.newRunOptions();
            if (graph) {
                // -1: run without capturing (the prompt's shape varies); every decode step replays graph 1.
                prefillOptions.configEntry("gpu_graph_id", "-1");
                stepOptions.configEntry("gpu_graph_id", "1");
            }
        }

        String name() {
            return graph ? "cuda-graph" : "plain";
        }

        private Value own(Value value) {
            owned.add(value);
            return value;
        }

        long[] generate(long[] prompt, int newTokens) {
            long start = System.nanoTime();
            try (Value ids = environment.tensor(prompt, 1, prompt.length);
                 Value mask = environment.tensor(ones(prompt.length), 1, prompt.length)) {
                prefill.bindInput("input_ids", ids).bindInput("attention_mask", mask);
                prefill.synchronizeInputs();
                session.run(prefillOptions, prefill);
                prefill.synchronizeOutputs();
                List<Value> outputs = prefill.outputs();
                long token;
                try {
                    token = outputs.getFirst().read(logits -> argmax(logits.asSlice(
                            (long) (prompt.length - 1) * spec.vocabSize() * Float.BYTES,
                            (long) spec.vocabSize() * Float.BYTES)));
                } finally {
                    outputs.forEach(Value::close);
                }
                long[] tokens = new long[newTokens];
                tokens[0] = token;
                long decodeStart = System.nanoTime();
                lastTtftMillis = (decodeStart - start) / 1e6;
                hostMask.fill((byte) 0);
                for (int i = 0; i < prompt.length; i++) {
                    hostMask.setAtIndex(JAVA_LONG, i, 1L);
                }
                for (int produced = 1; produced < newTokens; produced++) {
                    int position = prompt.length + produced - 1;
                    hostIds.setAtIndex(JAVA_LONG, 0, tokens[produced - 1]);
                    hostMask.setAtIndex(JAVA_LONG, position, 1L);
                    copyStepInputs();
                    step.synchronizeInputs();
                    session.run(stepOptions, step);
                    step.synchronizeOutputs();
                    toHost.run(null, download);
                    download.synchronizeOutputs();
                    tokens[produced] = hostLogits.read(CudaGraphDecodeCheck::argmax);
                }
                lastDecodeTokensPerSecond = (newTokens - 1) / ((System.nanoTime() - decodeStart) / 1e9);
                return tokens;
            }
        }

        /** The host token and mask to their fixed device buffers; ONNX Runtime copies a host input when it is bound. */
        private void copyStepInputs() {
            try (Value ids = environment.wrap(hostIds, ElementType.INT64, 1, 1);
                 Value mask = environment.wrap(hostMask, ElementType.INT64, 1, capacity)) {
                upload.bindInput("ids_in", ids).bindInput("mask_in", mask);
                upload.synchronizeInputs();
                toDevice.run(null, upload);
                upload.synchronizeOutputs();
            }
        }

        private static long[] ones(int length) {
            long[] ones = new long[length];
            Arrays.fill(ones, 1L);
            return ones;
        }

        @Override
        public void close() {
            for (IoBinding binding : new IoBinding[]{prefill, step, upload, download}) {
                binding.close();
            }
            prefillOptions.close();
            stepOptions.close();
            owned.forEach(Value::close);
            toDevice.close();
            toHost.close();
            session.close();
            arena.close();
        }
    }

    /** {@code NAME_out = Identity(NAME_in)} for each name, tensors of {@code rank} symbolic dimensions. */
    private static byte[] identities(OnnxMl.TensorProto.DataType type, int rank, String... names) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (int d = 0; d < rank; d++) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("d" + d));
        }
        OnnxMl.TypeProto tensor = OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                .setElemType(type.getNumber()).setShape(shape)).build();
        OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder().setName("copies");
        for (String name : names) {
            graph.addNode(OnnxMl.NodeProto.newBuilder().setOpType("Identity").addInput(name + "_in")
                            .addOutput(name + "_out"))
                    .addInput(OnnxMl.ValueInfoProto.newBuilder().setName(name + "_in").setType(tensor))
                    .addOutput(OnnxMl.ValueInfoProto.newBuilder().setName(name + "_out").setType(tensor));
        }
        return OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("jfoundry-bench")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(graph).build().toByteArray();
    }

    private static long argmax(MemorySegment logits) {
        long count = logits.byteSize() / Float.BYTES;
        long best = 0;
        float bestScore = logits.getAtIndex(JAVA_FLOAT, 0);
        for (long i = 1; i < count; i++) {
            float score = logits.getAtIndex(JAVA_FLOAT, i);
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return best;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
