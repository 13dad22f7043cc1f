package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.DeviceType;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.ModelRuntime;
import org.jfoundry.ports.model.PromptTemplate;
import org.jfoundry.ports.testing.CatalogExamples;
import org.junit.jupiter.api.Test;

/** The exact text of a {@code /foundry/list} element, byte for byte, since SDKs parse it. */
class CatalogJsonTest {

    @Test
    void theContractsExampleEntryIsWrittenExactlyAsFoundryLocalWritesIt() {
        assertThat(Json.write(CatalogJson.of(CatalogExamples.contractEntry())))
                .isEqualTo(CatalogExamples.CONTRACT_ENTRY_JSON);
    }

    @Test
    void absentValuesAreWrittenAsTheSdksNeedThemMissingTemplatePartsAsNullsAndSettingsPassThrough() {
        CatalogModel sparse = new CatalogModel(ModelId.parse("Tiny-cuda-gpu:2"), null, null, "azureml://tiny", null,
                new PromptTemplate(null, "<u>{Content}", null, null), null, null,
                new ModelRuntime(DeviceType.GPU, ExecutionProvider.CUDA), 0,
                List.of(Map.of("name", "temperature")), null, false, null, null, null, null, "0.1.0");

        assertThat(Json.write(CatalogJson.of(sparse))).isEqualTo("""
                {"name":"Tiny-cuda-gpu:2","displayName":"Tiny-cuda-gpu","providerType":"AzureFoundry",\
                "uri":"azureml://tiny","version":"2","modelType":"ONNX",\
                "promptTemplate":{"system":null,"user":"<u>{Content}","assistant":null,"prompt":null},\
                "publisher":"local","task":"chat-completion",\
                "runtime":{"deviceType":"GPU","executionProvider":"CUDAExecutionProvider"},\
                "fileSizeMb":0,"modelSettings":{"parameters":[{"name":"temperature"}]},"alias":"tiny",\
                "supportsToolCalling":false,"license":"","licenseDescription":"","parentModelUri":"",\
                "maxOutputTokens":null,"minFLVersion":"0.1.0"}""");
    }

    @Test
    void aModelWithoutATemplateShowsANullTemplate() {
        CatalogModel bare = CatalogModel.of(ModelId.parse("Tiny-generic-cpu:2"), "tiny", "azureml://tiny",
                ModelRuntime.CPU, "chat-completion");

        assertThat(Json.write(CatalogJson.of(bare))).contains("\"modelType\":\"ONNX\",\"promptTemplate\":null,");
    }
}
