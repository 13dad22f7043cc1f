package org.jfoundry.adapters.modelimport.whisper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jfoundry.adapters.modelimport.whisper.TinyWhisper.D;
import static org.jfoundry.adapters.modelimport.whisper.TinyWhisper.HEADS;
import static org.jfoundry.adapters.modelimport.whisper.TinyWhisper.MELS;
import static org.jfoundry.adapters.modelimport.whisper.TinyWhisper.VOCAB;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.out.ConversionRequest;
import org.jfoundry.ports.out.ConversionRequest.WeightPrecision;
import org.jfoundry.ports.out.ConvertedModel;
import org.jfoundry.ports.out.DownloadListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhisperConverterTest {

    private static final int LAYERS = 2;
    private static final int HEAD_SIZE = D / HEADS;

    @TempDir
    Path dir;

    private final WhisperConverter converter = new WhisperConverter();
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();

    private Path convert() throws Exception {
        Path source = TinyWhisper.write(dir.resolve("ct2"), 7);
        Path target = dir.resolve("onnx");
        ConvertedModel converted = converter.convert(new ConversionRequest(source, target, WeightPrecision.FP32),
                DownloadListener.IGNORE, new CancellationSignal());
        assertThat(converted.architecture()).isEqualTo("whisper");
        assertThat(converted.task()).isEqualTo("automatic-speech-recognition");
        assertThat(converted.bytesWritten()).isPositive();
        return target;
    }

    @Test
    void acceptsWhisperFoldersAndNothingElse() throws Exception {
        Path whisper = TinyWhisper.write(dir.resolve("ct2"), 1);
        Path other = Files.createDirectories(dir.resolve("other"));
        new CTranslate2Writer("TransformerSpec").int8Scalar("x", 1).writeTo(other.resolve("model.bin"));

        assertThat(converter.accepts(whisper)).isTrue();
        assertThat(converter.accepts(whisper.resolve("model.bin"))).isTrue();
        assertThat(converter.accepts(other)).isFalse();
        assertThat(converter.accepts(dir.resolve("missing"))).isFalse();
    }

    @Test
    void writesBothGraphsTheTokenizerAndTheSpecialTokens() throws Exception {
        Path folder = convert();

        assertThat(folder.resolve("encoder.onnx")).isRegularFile();
        assertThat(folder.resolve("decoder.onnx.data")).isRegularFile();
        assertThat(folder.resolve("tokenizer.json")).isRegularFile();
        JsonNode config = new ObjectMapper().readTree(folder.resolve("whisper.json").toFile());
        assertThat(config.get("decoder_layers").asInt()).isEqualTo(LAYERS);
        assertThat(config.get("head_size").asInt()).isEqualTo(HEAD_SIZE);
        assertThat(config.get("multilingual").asBoolean()).isFalse();
        assertThat(config.at("/tokens/eot").asInt()).isEqualTo(10);
        assertThat(config.at("/tokens/no_timestamps").asInt()).isEqualTo(16);
        assertThat(config.at("/tokens/timestamp_begin").asInt()).isEqualTo(17);
        assertThat(config.get("suppress_ids_begin").toString()).isEqualTo("[3,17]");
        assertThat(dir.resolve("onnx.converting")).doesNotExist();
    }

    @Test
    void decodingWithTheCacheGivesTheLogitsOfDecodingAllAtOnce() throws Exception {
        Path folder = convert();
        try (OrtSession encoder = env.createSession(folder.resolve("encoder.onnx").toString());
             OrtSession decoder = env.createSession(folder.resolve("decoder.onnx").toString())) {
            Map<String, OnnxTensor> cross = encode(encoder);
            long[] tokens = {11, 3, 5, 20};

            float[] allAtOnce;
            try (OrtSession.Result result = decoder.run(feeds(tokens, emptyCache(), cross))) {
                allAtOnce = ((float[][]) result.get("logits").get().getValue())[0];
            }
            Map<String, OnnxTensor> cache = emptyCache();
            float[] stepByStep = null;
            for (long token : tokens) {
                OrtSession.Result result = decoder.run(feeds(new long[] {token}, cache, cross));
                stepByStep = ((float[][]) result.get("logits").get().getValue())[0];
                cache = new HashMap<>();
                for (int i = 0; i < LAYERS; i++) {
                    for (String kind : new String[] {"key", "value"}) {
                        OnnxValue present = result.get("present." + i + "." + kind).get();
                        cache.put("past." + i + "." + kind, (OnnxTensor) present);
                    }
                }
            }

            assertThat(allAtOnce).hasSize(VOCAB);
            for (int v = 0; v < VOCAB; v++) {
                assertThat(stepByStep[v]).as("logit %d", v)
                        .isCloseTo(allAtOnce[v], org.assertj.core.api.Assertions.within(1e-4f));
            }
            assertThat(cache.get("past.0.key").getInfo().getShape()).containsExactly(1, HEADS, 4, HEAD_SIZE);
        }
    }

    @Test
    void theEncoderGivesEveryDecoderLayerItsCrossKeysAndValues() throws Exception {
        Path folder = convert();
        try (OrtSession encoder = env.createSession(folder.resolve("encoder.onnx").toString())) {
            Map<String, OnnxTensor> cross = encode(encoder);

            assertThat(cross).hasSize(2 * LAYERS);
            assertThat(cross.get("cross.1.key").getInfo().getShape()).containsExactly(1, HEADS, HEAD_SIZE, 1500);
            assertThat(cross.get("cross.1.value").getInfo().getShape()).containsExactly(1, HEADS, 1500, HEAD_SIZE);
        }
    }

    @Test
    void aCancelledConversionLeavesNothingBehind() throws Exception {
        Path source = TinyWhisper.write(dir.resolve("ct2"), 3);
        CancellationSignal cancel = new CancellationSignal();
        cancel.cancel("stop");

        assertThatThrownBy(() -> converter.convert(new ConversionRequest(source, dir.resolve("onnx"),
                WeightPrecision.INT4), DownloadListener.IGNORE, cancel)).isInstanceOf(CancelledException.class);
        assertThat(dir.resolve("onnx")).doesNotExist();
        assertThat(dir.resolve("onnx.converting")).doesNotExist();
    }

    @Test
    void aFolderWithoutATokenizerIsRefusedAndLeavesNothingBehind() throws Exception {
        Path source = TinyWhisper.write(dir.resolve("ct2"), 3);
        Files.delete(source.resolve("tokenizer.json"));

        assertThatThrownBy(() -> converter.convert(new ConversionRequest(source, dir.resolve("onnx"),
                WeightPrecision.FP32), DownloadListener.IGNORE, new CancellationSignal()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("tokenizer.json");
        assertThat(dir.resolve("onnx")).doesNotExist();
        assertThat(dir.resolve("onnx.converting")).doesNotExist();
    }

    private Map<String, OnnxTensor> encode(OrtSession encoder) throws Exception {
        Random random = new Random(5);
        float[] mel = new float[MELS * 3000];
        for (int i = 0; i < mel.length; i++) {
            mel[i] = (float) random.nextGaussian();
        }
        OrtSession.Result result = encoder.run(Map.of("mel",
                OnnxTensor.createTensor(env, FloatBuffer.wrap(mel), new long[] {1, MELS, 3000})));
        Map<String, OnnxTensor> cross = new HashMap<>();
        result.forEach(entry -> cross.put(entry.getKey(), (OnnxTensor) entry.getValue()));
        return cross;
    }

    private Map<String, OnnxTensor> emptyCache() throws Exception {
        Map<String, OnnxTensor> cache = new HashMap<>();
        for (int i = 0; i < LAYERS; i++) {
            for (String kind : new String[] {"key", "value"}) {
                cache.put("past." + i + "." + kind, OnnxTensor.createTensor(env, FloatBuffer.allocate(0),
                        new long[] {1, HEADS, 0, HEAD_SIZE}));
            }
        }
        return cache;
    }

    private Map<String, OnnxTensor> feeds(long[] tokens, Map<String, OnnxTensor> cache,
                                          Map<String, OnnxTensor> cross) throws Exception {
        Map<String, OnnxTensor> feeds = new HashMap<>(cache);
        feeds.putAll(cross);
        feeds.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(tokens), new long[] {1, tokens.length}));
        return feeds;
    }
}
