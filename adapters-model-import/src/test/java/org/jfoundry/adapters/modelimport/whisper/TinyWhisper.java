package org.jfoundry.adapters.modelimport.whisper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A CTranslate2 Whisper folder with random weights and tiny sizes, laid out as CTranslate2 writes one. */
final class TinyWhisper {

    static final int MELS = 4;
    static final int D = 8;
    static final int HEADS = 2;
    static final int VOCAB = 24;
    static final int POSITIONS = 16;

    private TinyWhisper() {
    }

    static Path write(Path folder, long seed) throws IOException {
        Files.createDirectories(folder);
        Random random = new Random(seed);
        CTranslate2Writer w = new CTranslate2Writer("WhisperSpec");
        w.float16("encoder/conv1/weight", values(random, D * MELS * 3), D, MELS, 3);
        w.float16("encoder/conv1/bias", values(random, D), D);
        w.float16("encoder/conv2/weight", values(random, D * D * 3), D, D, 3);
        w.float16("encoder/conv2/bias", values(random, D), D);
        w.float16("encoder/position_encodings/encodings", values(random, 1500 * D), 1500, D);
        w.int16Scalar("encoder/num_heads", HEADS);
        w.int16Scalar("decoder/num_heads", HEADS);
        layerNorm(w, random, "encoder/layer_norm");
        layerNorm(w, random, "decoder/layer_norm");
        String encoder = "encoder/layer_0";
        layerNorm(w, random, encoder + "/self_attention/layer_norm");
        linear(w, random, encoder + "/self_attention/linear_0", 3 * D, D);
        linear(w, random, encoder + "/self_attention/linear_1", D, D);
        feedForward(w, random, encoder + "/ffn");
        w.float16("decoder/embeddings/weight", values(random, VOCAB * D), VOCAB, D);
        w.float16("decoder/position_encodings/encodings", values(random, POSITIONS * D), POSITIONS, D);
        w.alias("decoder/projection/weight", "decoder/embeddings/weight");
        for (int i = 0; i < 2; i++) {
            String layer = "decoder/layer_" + i;
            layerNorm(w, random, layer + "/self_attention/layer_norm");
            linear(w, random, layer + "/self_attention/linear_0", 3 * D, D);
            linear(w, random, layer + "/self_attention/linear_1", D, D);
            layerNorm(w, random, layer + "/attention/layer_norm");
            linear(w, random, layer + "/attention/linear_0", D, D);
            linear(w, random, layer + "/attention/linear_1", 2 * D, D);
            linear(w, random, layer + "/attention/linear_2", D, D);
            feedForward(w, random, layer + "/ffn");
        }
        w.writeTo(folder.resolve("model.bin"));
        Files.writeString(folder.resolve("config.json"), """
                {"suppress_ids": [1, 2], "suppress_ids_begin": [3, 17], "lang_ids": []}
                """);
        StringBuilder tokens = new StringBuilder();
        String[] special = {"<|endoftext|>", "<|startoftranscript|>", "<|transcribe|>", "<|translate|>",
                "<|startofprev|>", "<|nocaptions|>", "<|notimestamps|>"};
        for (int i = 0; i < special.length; i++) {
            tokens.append(i == 0 ? "" : ",").append("{\"id\":").append(10 + i).append(",\"content\":\"")
                    .append(special[i]).append("\",\"special\":true}");
        }
        Files.writeString(folder.resolve("tokenizer.json"), "{\"added_tokens\":[" + tokens + "]}");
        return folder;
    }

    private static void layerNorm(CTranslate2Writer w, Random random, String prefix) {
        float[] gamma = values(random, D);
        for (int i = 0; i < D; i++) {
            gamma[i] += 1;
        }
        w.float16(prefix + "/gamma", gamma, D);
        w.float16(prefix + "/beta", values(random, D), D);
    }

    private static void linear(CTranslate2Writer w, Random random, String prefix, int out, int in) {
        w.float16(prefix + "/weight", values(random, out * in), out, in);
        w.float16(prefix + "/bias", values(random, out), out);
    }

    private static void feedForward(CTranslate2Writer w, Random random, String prefix) {
        layerNorm(w, random, prefix + "/layer_norm");
        linear(w, random, prefix + "/linear_0", 4 * D, D);
        linear(w, random, prefix + "/linear_1", D, 4 * D);
    }

    private static float[] values(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (random.nextGaussian() * 0.5);
        }
        return values;
    }
}
