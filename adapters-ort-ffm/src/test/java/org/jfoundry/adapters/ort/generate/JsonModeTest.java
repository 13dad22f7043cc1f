package org.jfoundry.adapters.ort.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jfoundry.adapters.ort.constraint.JsonPrefixes;
import org.jfoundry.adapters.ort.testmodels.DecoderSpec;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.FinishReason;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.inference.ResponseFormat;
import org.jfoundry.ports.out.ModelHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** JSON mode of the Java loop on a generated tiny decoder whose untrained weights would never write JSON alone. */
class JsonModeTest {

    private static final DecoderSpec SPEC = DecoderSpec.tinyGqa(3);
    private static final String PROMPT = "answer the question in json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ModelHandle model;

    @BeforeAll
    static void load() {
        model = TinyDecoders.load(SPEC);
    }

    @AfterAll
    static void unload() {
        model.close();
    }

    private static GenerationParameters json(Double temperature, Double topP, Integer topK, Long seed, int maxTokens) {
        return new GenerationParameters(maxTokens, temperature, topP, topK, null, null, null, seed, List.of(),
                ResponseFormat.JSON_OBJECT);
    }

    private record Streamed(Completion completion, List<String> chunks) {
    }

    private static Streamed generate(GenerationParameters parameters) {
        List<String> chunks = new CopyOnWriteArrayList<>();
        Completion completion = model.generate(new Prompt.Text(PROMPT), parameters, chunks::add,
                new CancellationSignal());
        return new Streamed(completion, chunks);
    }

    private static void assertEveryStreamedPrefixIsJsonPrefix(Streamed streamed) {
        StringBuilder prefix = new StringBuilder();
        for (String chunk : streamed.chunks()) {
            prefix.append(chunk);
            assertThat(JsonPrefixes.isJsonObjectPrefix(prefix.toString()))
                    .as("streamed prefix %s", prefix).isTrue();
        }
        assertThat(prefix.toString()).isEqualTo(streamed.completion().text());
    }

    private static void assertWholeObjectWhenStopped(Completion completion) throws Exception {
        if (completion.finishReason() == FinishReason.STOP) {
            JsonNode parsed = JSON.readTree(completion.text());
            assertThat(parsed.isObject()).as(completion.text()).isTrue();
        } else {
            assertThat(completion.finishReason()).isEqualTo(FinishReason.LENGTH);
        }
    }

    /** Untrained weights may open a string and never close it, so some prompts, not each, must reach the end. */
    @Test
    void greedyJsonModeWritesJsonAndStopsWhenTheObjectCloses() throws Exception {
        List<Completion> stopped = new ArrayList<>();
        for (String prompt : List.of(PROMPT, "hello the world of java", "write the model answer", "local foundry",
                "what is the time")) {
            List<String> chunks = new CopyOnWriteArrayList<>();
            Completion completion = model.generate(new Prompt.Text(prompt), json(0.0, null, null, null, 200),
                    chunks::add, new CancellationSignal());
            Streamed streamed = new Streamed(completion, chunks);
            assertEveryStreamedPrefixIsJsonPrefix(streamed);
            assertWholeObjectWhenStopped(completion);
            if (completion.finishReason() == FinishReason.STOP) {
                assertThat(completion.text().strip()).endsWith("}");
                stopped.add(completion);
            }
        }
        assertThat(stopped).as("some greedy outputs close their object").isNotEmpty();
    }

    @Test
    void greedyJsonModeIsDeterministic() {
        Completion first = generate(json(0.0, null, null, null, 120)).completion();
        Completion again = generate(json(0.0, null, null, null, 120)).completion();

        assertThat(again.text()).isEqualTo(first.text());
    }

    @Test
    void seededSamplingInJsonModeStaysJsonAndRepeatsExactly() throws Exception {
        List<Completion> stopped = new ArrayList<>();
        for (long seed = 1; seed <= 4; seed++) {
            GenerationParameters withTopKAndTopP = json(1.0, 0.9, 40, seed, 300);
            GenerationParameters wholeVocabulary = json(1.0, 1.0, 0, seed, 300);
            for (GenerationParameters parameters : List.of(withTopKAndTopP, wholeVocabulary)) {
                Streamed streamed = generate(parameters);
                assertEveryStreamedPrefixIsJsonPrefix(streamed);
                assertWholeObjectWhenStopped(streamed.completion());
                assertThat(generate(parameters).completion().text()).isEqualTo(streamed.completion().text());
                if (streamed.completion().finishReason() == FinishReason.STOP) {
                    stopped.add(streamed.completion());
                }
            }
        }
        assertThat(stopped).as("some sampled outputs close their object").isNotEmpty();
    }

    @Test
    void runningOutOfTokensFinishesWithLengthAndAValidPrefix() {
        Streamed streamed = generate(json(0.0, null, null, null, 2));

        assertThat(streamed.completion().finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(streamed.completion().usage().completionTokens()).isEqualTo(2);
        assertEveryStreamedPrefixIsJsonPrefix(streamed);
        assertThat(JsonPrefixes.isJsonObjectPrefix(streamed.completion().text()))
                .isTrue();
    }

    @Test
    void withoutJsonModeTheSameRequestIsUnconstrained() {
        GenerationParameters text = GenerationParameters.defaults().withTemperature(0.0).withMaxTokens(40);

        Completion completion = model.generate(new Prompt.Text(PROMPT), text, null, new CancellationSignal());

        long[] prompt = TinyDecoders.encode(SPEC, PROMPT);
        assertThat(completion.text()).isEqualTo(TinyDecoders.decode(SPEC, TinyDecoders.referenceGreedy(SPEC, prompt, 40)));
        assertThat(JsonPrefixes.isJsonObjectPrefix(completion.text())).isFalse();
    }
}
