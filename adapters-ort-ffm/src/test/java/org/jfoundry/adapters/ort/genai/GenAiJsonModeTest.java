package org.jfoundry.adapters.ort.genai;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jfoundry.adapters.ort.constraint.JsonPrefixes;
import org.jfoundry.adapters.ort.testmodels.DecoderSpec;
import org.jfoundry.adapters.ort.testmodels.TestDecoders;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.FinishReason;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.inference.ResponseFormat;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** JSON mode through GenAI's llguidance on a generated tiny decoder; skipped when the library is not installed. */
class GenAiJsonModeTest {

    @TempDir
    static Path models;

    private static Path gqa;

    @BeforeAll
    static void writeTheDecoder() {
        gqa = TestDecoders.write(models.resolve("gqa"), DecoderSpec.tinyGqa(7));
    }

    @BeforeEach
    void needsTheLibrary() {
        GenAiTestSupport.assumeAvailable();
    }

    @Test
    void greedyJsonModeStreamsAJsonObjectPrefixAndAWholeObjectWhenItStops() throws Exception {
        GenerationParameters json = new GenerationParameters(300, 0.0, null, null, null, null, null, null, List.of(),
                ResponseFormat.JSON_OBJECT);
        List<String> chunks = new CopyOnWriteArrayList<>();
        Completion completion;
        try (ModelHandle handle = GenAiTestSupport.engine()
                .load(ModelLoadSpec.cpu(GenAiTestSupport.cachedModel(gqa, "m")))) {
            completion = handle.generate(new Prompt.Text("answer in json"), json, chunks::add,
                    new CancellationSignal());
        }

        StringBuilder prefix = new StringBuilder();
        for (String chunk : chunks) {
            prefix.append(chunk);
            assertThat(JsonPrefixes.isJsonObjectPrefix(prefix.toString()))
                    .as("streamed prefix %s", prefix).isTrue();
        }
        assertThat(completion.finishReason()).as(completion.text()).isEqualTo(FinishReason.STOP);
        assertThat(new ObjectMapper().readTree(completion.text()).isObject()).isTrue();
    }
}
