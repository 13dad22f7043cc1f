package org.jfoundry.adapters.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.PromptTemplate;
import org.jfoundry.ports.testing.CatalogExamples;
import org.junit.jupiter.api.Test;

class CatalogJsonTest {
    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theContractsExampleEntryIsReadAndWrittenBackUnchanged() throws Exception {
        CatalogModel phi = CatalogJson.readList(json("[" + CatalogExamples.CONTRACT_ENTRY_JSON + "]")).getFirst();

        assertThat(phi).isEqualTo(CatalogExamples.contractEntry());
        assertThat(CatalogJson.write(phi).toString()).isEqualTo(CatalogExamples.CONTRACT_ENTRY_JSON);
    }

    @Test
    void entriesTheClientCannotRepresentAreSkippedAndTheRestKept() throws Exception {
        var models = CatalogJson.readList(json("""
                [{"name":"Future-npu:1","uri":"u","runtime":{"deviceType":"NPU","executionProvider":"FutureExecutionProvider"}},
                 {"name":"No-uri-generic-cpu:1"},
                 "not an entry",
                 {"name":"Bare-generic-cpu","version":"4","uri":"u","runtime":{"deviceType":"cpu","executionProvider":"cpu"}}]
                """));

        assertThat(models).extracting(CatalogModel::id).containsExactly(new ModelId("Bare-generic-cpu", "4"));
    }

    @Test
    void aDownloadTemplateShowsEveryPartMissingOnesAsNull() {
        assertThat(CatalogJson.promptTemplate(new PromptTemplate(null, "<u>{Content}", null, null)).toString())
                .isEqualTo("{\"system\":null,\"user\":\"<u>{Content}\",\"assistant\":null,\"prompt\":null}");
    }
}
