package org.jfoundry.adapters.modelimport.gguf;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.out.ConversionRequest;
import org.jfoundry.ports.out.ConvertedModel;
import org.jfoundry.ports.out.DownloadListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A dev command: converts a GGUF (SmolLM2 by default) and answers one ChatML question greedily through ONNX
 * Runtime's Java API with the written tokenizer.json. Run from the module with
 * {@code java -cp target/classes:target/test-classes:<test classpath> ...SmolLm2Check <gguf> <out-dir> int4|fp32}.
 */
public final class SmolLm2Check {

    public static void main(String[] args) throws Exception {
        Path gguf = Path.of(args.length > 0 ? args[0] : "/work/cache/smollm2/SmolLM2-135M-Instruct.Q4_1.gguf");
        Path out = Path.of(args.length > 1 ? args[1] : "target/smollm2");
        String precision = args.length > 2 ? args[2] : "int4";
        String question = args.length > 3 ? args[3] : "What is the capital of France?";
        Files.createDirectories(out);
        Path target = out.resolve("smollm2-" + precision);
        if (!Files.exists(target)) {
            long start = System.nanoTime();
            ConvertedModel model = new GgufModelConverter().convert(new ConversionRequest(gguf, target,
                    ConversionRequest.WeightPrecision.valueOf(precision.toUpperCase())), DownloadListener.IGNORE,
                    new CancellationSignal());
            System.out.printf("converted %s (%s) to %s in %.1f s, %d bytes%n", model.name(), model.architecture(),
                    target, (System.nanoTime() - start) / 1e9, model.bytesWritten());
        }
        String prompt = "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face"
                + "<|im_end|>\n<|im_start|>user\n" + question + "<|im_end|>\n<|im_start|>assistant\n";
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(target.resolve("tokenizer.json"),
                java.util.Map.of("addSpecialTokens", "false"));
             GgufFile file = GgufFile.open(gguf)) {
            LlamaSpec spec = LlamaSpec.read(file);
            Encoding encoding = tokenizer.encode(prompt, false, false);
            long[] ids = encoding.getIds();
            int[] prompt32 = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                prompt32[i] = (int) ids[i];
            }
            System.out.println("prompt ids " + java.util.Arrays.toString(ids));
            long start = System.nanoTime();
            try (OrtGreedyDecoder decoder = new OrtGreedyDecoder(target.resolve("model.onnx"), spec.layers(),
                    spec.kvHeads(), spec.headSize(), 256, 2)) {
                List<Integer> answer = decoder.greedy(prompt32, 16, List.of(2));
                long[] answerIds = answer.stream().mapToLong(Integer::longValue).toArray();
                System.out.printf("answer %s in %.1f s: %s%n", answer, (System.nanoTime() - start) / 1e9,
                        tokenizer.decode(answerIds, true));
            }
        }
    }
}
