package org.jfoundry.adapters.modelimport.gguf;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a converted decoder through ONNX Runtime's Java API the way GenAI does with a shared KV buffer: the prompt
 * in one step, then one token per step, presents fed back as pasts. Returns logits so tests can compare them.
 */
final class OrtGreedyDecoder implements AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final int layers;
    private final int kvHeads;
    private final int headSize;
    private final int maxLength;

    OrtGreedyDecoder(Path model, int layers, int kvHeads, int headSize, int maxLength, int threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        this.session = env.createSession(model.toString(), options);
        this.layers = layers;
        this.kvHeads = kvHeads;
        this.headSize = headSize;
        this.maxLength = maxLength;
    }

    /** Logits [position][vocab] for every prompt position, computed in one step. */
    float[][] promptLogits(int[] prompt) throws OrtException {
        List<float[][]> steps = new ArrayList<>();
        run(prompt, 0, steps);
        return steps.getFirst();
    }

    /** The greedy continuation: {@code count} token ids after the prompt (stopping early on a stop id). */
    List<Integer> greedy(int[] prompt, int count, List<Integer> stopIds) throws OrtException {
        return run(prompt, count, new ArrayList<>(), stopIds);
    }

    private List<Integer> run(int[] prompt, int newTokens, List<float[][]> logitsPerStep) throws OrtException {
        return run(prompt, newTokens, logitsPerStep, List.of());
    }

    private List<Integer> run(int[] prompt, int newTokens, List<float[][]> logitsPerStep, List<Integer> stopIds)
            throws OrtException {
        Map<String, OnnxTensor> kv = new HashMap<>();
        long[] kvShape = {1, kvHeads, maxLength, headSize};
        for (int layer = 0; layer < layers; layer++) {
            for (String kind : new String[]{"key", "value"}) {
                kv.put("past_key_values." + layer + "." + kind, OnnxTensor.createTensor(env,
                        FloatBuffer.allocate(kvHeads * maxLength * headSize), kvShape));
            }
        }
        List<Integer> generated = new ArrayList<>();
        int[] input = prompt;
        int total = 0;
        OrtSession.Result previous = null;
        try {
            for (int step = 0; step <= newTokens; step++) {
                total += input.length;
                long[] ids = new long[input.length];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = input[i];
                }
                long[] mask = new long[total];
                java.util.Arrays.fill(mask, 1);
                Map<String, OnnxTensor> feeds = new HashMap<>(kv);
                try (OnnxTensor idsTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[]{1, ids.length});
                     OnnxTensor maskTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), new long[]{1, total})) {
                    feeds.put("input_ids", idsTensor);
                    feeds.put("attention_mask", maskTensor);
                    OrtSession.Result result = session.run(feeds);
                    float[][] logits = ((float[][][]) result.get("logits").get().getValue())[0];
                    logitsPerStep.add(logits);
                    if (previous != null) {
                        previous.close();
                    } else {
                        kv.values().forEach(OnnxTensor::close);
                    }
                    previous = result;
                    for (int layer = 0; layer < layers; layer++) {
                        for (String kind : new String[]{"key", "value"}) {
                            OnnxValue present = result.get("present." + layer + "." + kind).get();
                            kv.put("past_key_values." + layer + "." + kind, (OnnxTensor) present);
                        }
                    }
                    if (step == newTokens) {
                        break;
                    }
                    int next = argmax(logits[logits.length - 1]);
                    generated.add(next);
                    if (stopIds.contains(next)) {
                        break;
                    }
                    input = new int[]{next};
                }
            }
        } finally {
            if (previous != null) {
                previous.close();
            }
        }
        return generated;
    }

    static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
