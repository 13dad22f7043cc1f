package org.jfoundry.adapters.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.DeviceType;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.ModelRuntime;
import org.jfoundry.ports.model.PromptTemplate;
import org.jfoundry.ports.testing.CatalogExamples;
import org.junit.jupiter.api.Test;

class CatalogJsonTest {

    @Test
    void theContractsExampleEntryIsReadAsTheModelItDescribes() throws Exception {
        JsonNode entry = JsonSupport.MAPPER.readTree(CatalogExamples.CONTRACT_ENTRY_JSON);

        assertThat(CatalogJson.read(entry)).isEqualTo(CatalogExamples.contractEntry());
    }

    @Test
    void aSavedCatalogReadsBackAsTheSameModels() {
        CatalogModel partial = new CatalogModel(ModelId.parse("Tiny-cuda-gpu:2"), null, "AzureFoundry", "azureml://tiny",
                "ONNX", new PromptTemplate(null, "<u>{Content}", null, null), "Microsoft", "chat-completion",
                new ModelRuntime(DeviceType.GPU, ExecutionProvider.CUDA), 12,
                List.of(Map.of("name", "temperature", "value", 0.7)), "tiny", true, "MIT", null, null, 512, "0.1.0");
        CatalogModel bare = CatalogModel.of(ModelId.parse("Bare-generic-cpu:1"), null, "azureml://bare",
                ModelRuntime.CPU, null);

        JsonNode saved = CatalogJson.writeAll(List.of(partial, bare));

        assertThat(saved).hasSize(2);
        assertThat(saved.get(0).get("runtime").get("executionProvider").asText()).isEqualTo("CUDAExecutionProvider");
        // A missing alias and task are written as the SDKs need them, so they read back filled in.
        CatalogModel bareAsListed = CatalogModel.of(bare.id(), "bare", bare.uri(), ModelRuntime.CPU, "chat-completion");
        assertThat(List.of(CatalogJson.read(saved.get(0)), CatalogJson.read(saved.get(1))))
                .containsExactly(partial, bareAsListed);
    }

    @Test
    void aTemplateGivenAsJsonTextIsParsedAndDamagedTextIsATypedError() {
        JsonNode entry = JsonSupport.MAPPER.createObjectNode().put("name", "Tiny-generic-cpu:1").put("uri", "u")
                .put("promptTemplate", "{\"User\":\"<u>{Content}\"}");
        JsonNode damaged = entry.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) damaged).put("promptTemplate", "{not json");

        assertThat(CatalogJson.read(entry).promptTemplate()).isEqualTo(new PromptTemplate(null, "<u>{Content}", null, null));
        assertThatThrownBy(() -> CatalogJson.read(damaged))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.param()).isEqualTo("promptTemplate"))
                .hasMessageContaining("promptTemplate is not valid JSON");
    }

    @Test
    void inferenceModelTemplatesKeepOnlyThePartsThereAre() {
        assertThat(CatalogJson.writeTemplate(new PromptTemplate(null, "<u>{Content}", null, "<p>")).toString())
                .isEqualTo("{\"user\":\"<u>{Content}\",\"prompt\":\"<p>\"}");
    }
}
