package org.jfoundry.adapters.ort.testmodels;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * An independent oracle for generated decoders, through ONNX Runtime's official Java API (tests only): greedy
 * decoding that recomputes the whole sequence every step, with no state carried between steps.
 */
public final class ReferenceDecoder implements AutoCloseable {

    private final DecoderSpec spec;
    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    public ReferenceDecoder(Path modelDir, DecoderSpec spec) {
        this.spec = spec;
        try {
            this.session = environment.createSession(modelDir.resolve(TestDecoders.MODEL_FILE).toString(),
                    new OrtSession.SessionOptions());
        } catch (OrtException e) {
            throw new IllegalStateException("could not load " + modelDir, e);
        }
    }

    /** Greedy continuation of {@code prompt}, stopping early only when {@code steps} tokens were produced. */
    public long[] greedyWithoutCache(long[] prompt, int steps) {
        long[] sequence = Arrays.copyOf(prompt, prompt.length + steps);
        for (int produced = 0; produced < steps; produced++) {
            int length = prompt.length + produced;
            float[] logits = lastLogits(Arrays.copyOf(sequence, length));
            sequence[length] = argmax(logits);
        }
        return Arrays.copyOfRange(sequence, prompt.length, sequence.length);
    }

    /** The logits of the last position after running the whole sequence from an empty cache. */
    public float[] lastLogits(long[] ids) {
        int length = ids.length;
        long[] mask = new long[length];
        Arrays.fill(mask, 1);
        long[] positions = new long[length];
        Arrays.setAll(positions, i -> i);
        // The shared-buffer variant reads a cache buffer of the full length even on the first step.
        int pastLength = spec.sharesKvBuffer() ? length : 0;
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, new long[][]{ids}));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, new long[][]{mask}));
            if (spec.positionIds()) {
                inputs.put("position_ids", OnnxTensor.createTensor(environment, new long[][]{positions}));
            }
            long[] pastShape = {1, spec.kvHeads(), pastLength, spec.headSize()};
            int pastElements = spec.kvHeads() * pastLength * spec.headSize();
            FloatBuffer zeros = FloatBuffer.allocate(pastElements);
            ByteBuffer halfZeros = ByteBuffer.allocateDirect(pastElements * 2).order(ByteOrder.nativeOrder());
            for (int layer = 0; layer < spec.layers(); layer++) {
                for (String kind : new String[]{"key", "value"}) {
                    inputs.put("past_key_values." + layer + "." + kind, spec.float16()
                            ? OnnxTensor.createTensor(environment, halfZeros.duplicate(), pastShape,
                                    OnnxJavaType.FLOAT16)
                            : OnnxTensor.createTensor(environment, zeros.duplicate(), pastShape));
                }
            }
            try (OrtSession.Result result = session.run(inputs, java.util.Set.of("logits"))) {
                OnnxTensor logits = (OnnxTensor) result.get("logits").orElseThrow();
                FloatBuffer all = logits.getFloatBuffer();
                float[] last = new float[spec.vocabSize()];
                all.position((length - 1) * spec.vocabSize());
                all.get(last);
                return last;
            }
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    public static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
