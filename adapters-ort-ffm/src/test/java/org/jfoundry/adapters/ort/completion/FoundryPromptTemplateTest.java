package org.jfoundry.adapters.ort.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.model.PromptTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoundryPromptTemplateTest {

    private static final PromptTemplate PHI = new PromptTemplate("<|system|>{Content}<|end|>",
            "<|user|>{Content}<|end|>", "<|assistant|>{Content}<|end|>", "<|user|>{Content}<|end|><|assistant|>");

    private final List<ChatMessage> conversation =
            List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi \"you\""));

    @TempDir
    Path folder;

    @Test
    void foundrysPromptTemplateWrapsEachMessageAndOpensTheAssistantTurn() {
        assertThat(FoundryPromptTemplate.render(PHI, conversation))
                .isEqualTo("<|system|>Be brief.<|end|><|user|>Hi \"you\"<|end|><|assistant|>");
    }

    @Test
    void earlierTurnsUseTheUserAndAssistantPartsAndTheLastUserMessageThePromptPart() {
        List<ChatMessage> turns = List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello!"),
                ChatMessage.user("Bye"));

        assertThat(FoundryPromptTemplate.render(PHI, turns))
                .isEqualTo("<|user|>Hi<|end|><|assistant|>Hello!<|end|><|user|>Bye<|end|><|assistant|>");
    }

    @Test
    void withoutAPromptPartTheAssistantPartUpToItsContentOpensTheTurn() {
        PromptTemplate noPrompt = new PromptTemplate(null, "[U]{Content}[/U]", "[A]{Content}[/A]", null);

        assertThat(FoundryPromptTemplate.render(noPrompt, List.of(ChatMessage.user("Hi")))).isEqualTo("[U]Hi[/U][A]");
    }

    @Test
    void aConversationEndingOnTheAssistantStillOpensANewAssistantTurn() {
        List<ChatMessage> turns = List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello!"));

        assertThat(FoundryPromptTemplate.render(PHI, turns))
                .isEqualTo("<|user|>Hi<|end|><|assistant|>Hello!<|end|><|assistant|>");
    }

    @Test
    void aRoleWithoutAPartKeepsItsContentOnItsOwnLine() {
        PromptTemplate userOnly = new PromptTemplate(null, null, null, "Q: {Content}\nA:");

        assertThat(FoundryPromptTemplate.render(userOnly, conversation)).isEqualTo("Be brief.\nQ: Hi \"you\"\nA:");
    }

    @Test
    void withoutAnyTemplateEachMessageIsALineAndTheAssistantIsNext() {
        String expected = "system: Be brief.\nuser: Hi \"you\"\nassistant:";

        assertThat(FoundryPromptTemplate.render(null, conversation)).isEqualTo(expected);
        assertThat(FoundryPromptTemplate.render(new PromptTemplate(null, null, null, null), conversation))
                .isEqualTo(expected);
    }

    @Test
    void theCatalogsTemplateWinsOverTheFoldersOne() throws IOException {
        writeInferenceModel("{\"Name\":\"m\",\"PromptTemplate\":{\"prompt\":\"folder {Content}\"}}");

        assertThat(FoundryPromptTemplate.forModel(PHI, folder)).isSameAs(PHI);
    }

    @Test
    void withoutOneFromTheCatalogTheFoldersInferenceModelJsonIsRead() throws IOException {
        writeInferenceModel("{\"Name\":\"m\",\"PromptTemplate\":{\"user\":\"U {Content}\",\"prompt\":\"P {Content}\"}}");

        assertThat(FoundryPromptTemplate.forModel(new PromptTemplate(null, null, null, null), folder))
                .isEqualTo(new PromptTemplate(null, "U {Content}", null, "P {Content}"));
    }

    @Test
    void aFolderWithoutATemplateHasNone() throws IOException {
        assertThat(FoundryPromptTemplate.forModel(null, folder)).as("no inference_model.json").isNull();

        writeInferenceModel("{\"Name\":\"m\"}");
        assertThat(FoundryPromptTemplate.forModel(null, folder)).as("no PromptTemplate in it").isNull();
    }

    @Test
    void anUnreadableInferenceModelJsonIsAnEngineFailureNamingTheFile() throws IOException {
        writeInferenceModel("{not json");

        assertThatThrownBy(() -> FoundryPromptTemplate.forModel(null, folder))
                .isInstanceOf(EngineFailureException.class)
                .hasMessageContaining("inference_model.json");
    }

    private void writeInferenceModel(String json) throws IOException {
        Files.writeString(folder.resolve("inference_model.json"), json);
    }
}
