package org.jfoundry.ports.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jfoundry.ports.testing.CatalogExamples.ordered;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.testing.CatalogExamples;
import org.junit.jupiter.api.Test;

class CatalogModelFieldsTest {

    static Map<String, Object> minimal(Object... extraKeysAndValues) {
        Map<String, Object> entry = ordered("name", "Tiny-generic-cpu:2", "uri", "azureml://tiny");
        entry.putAll(ordered(extraKeysAndValues));
        return entry;
    }

    @Test
    void theContractsExampleEntryRoundTripsUnchangedAndInTheContractsFieldOrder() {
        Map<String, Object> example = CatalogExamples.contractEntryFields();

        CatalogModel model = CatalogModelFields.fromFields(example);
        Map<String, Object> written = CatalogModelFields.toFields(model);

        assertThat(model).isEqualTo(CatalogExamples.contractEntry());
        assertThat(written).isEqualTo(example);
        assertThat(written.keySet()).containsExactlyElementsOf(example.keySet());
        assertThat(written).containsEntry("minFLVersion", null);
    }

    @Test
    void writingKeepsOnlyTheFieldsTheSdksAcceptAsNullNullIncludingMissingTemplateParts() {
        CatalogModel bare = CatalogModel.of(ModelId.parse("Tiny-generic-cpu:2"), null, "azureml://tiny", ModelRuntime.CPU, null);
        CatalogModel withUserPart = new CatalogModel(bare.id(), null, null, bare.uri(), null,
                new PromptTemplate(null, "<u>{Content}", null, null), null, null, bare.runtime(), 0, null, null, false,
                null, null, null, null, null);

        assertThat(CatalogModelFields.toFields(bare)).containsEntry("promptTemplate", null)
                .containsEntry("maxOutputTokens", null).containsEntry("minFLVersion", null);
        assertThat(CatalogModelFields.toFields(withUserPart).get("promptTemplate"))
                .isEqualTo(ordered("system", null, "user", "<u>{Content}", "assistant", null, "prompt", null));
    }

    @Test
    void anEntryWithOnlyANameAndAUriIsListedWithEveryFieldTheSdksRequire() {
        Map<String, Object> written = CatalogModelFields.toFields(CatalogModelFields.fromFields(
                ordered("name", "My-Model-generic-cpu:1", "uri", "file:///models/my-model")));

        // foundry-local-sdk (Python) 0.5.1 validates each entry and refuses the whole list over one null here.
        assertThat(written).containsEntry("alias", "my-model").containsEntry("publisher", "local")
                .containsEntry("task", "chat-completion").containsEntry("license", "")
                .containsEntry("licenseDescription", "").containsEntry("parentModelUri", "")
                .containsEntry("displayName", "My-Model-generic-cpu").containsEntry("modelType", "ONNX")
                .containsEntry("providerType", "AzureFoundry").containsEntry("version", "1")
                .containsEntry("fileSizeMb", 0L).containsEntry("supportsToolCalling", false);
    }

    @Test
    void anAliasLeftOutIsTheNameWithoutItsVariantSuffix() {
        assertThat(CatalogModelFields.aliasFor(ModelId.parse("Phi-4-mini-instruct-cuda-gpu:2"))).isEqualTo("phi-4-mini-instruct");
        assertThat(CatalogModelFields.aliasFor(ModelId.parse("my-model:1"))).isEqualTo("my-model");
        assertThat(CatalogModelFields.fromFields(ordered("name", "Tiny-generic-cpu:1", "uri", "u")).alias())
                .isEqualTo("tiny");
    }

    @Test
    void aBareNameTakesItsVersionFromTheVersionField() {
        CatalogModel model = CatalogModelFields.fromFields(ordered("name", "Tiny-generic-cpu", "version", 3, "uri", "u"));

        assertThat(model.id()).isEqualTo(new ModelId("Tiny-generic-cpu", "3"));
    }

    @Test
    void aFullIdInTheNameWinsOverTheVersionField() {
        CatalogModel model = CatalogModelFields.fromFields(minimal("version", "9"));

        assertThat(model.id().version()).isEqualTo("2");
    }

    @Test
    void missingOptionalFieldsGetFoundrysDefaults() {
        CatalogModel model = CatalogModelFields.fromFields(minimal());

        assertThat(model.displayName()).isEqualTo("Tiny-generic-cpu");
        assertThat(model.providerType()).isEqualTo("AzureFoundry");
        assertThat(model.modelType()).isEqualTo("ONNX");
        assertThat(model.runtime()).isEqualTo(ModelRuntime.CPU);
        assertThat(model.fileSizeMb()).isZero();
        assertThat(model.modelSettingsParameters()).isEmpty();
        assertThat(model.supportsToolCalling()).isFalse();
        assertThat(model.maxOutputTokens()).isNull();
        assertThat(model.promptTemplate()).isNull();
    }

    @Test
    void numbersAndFlagsGivenAsTextAreReadAsTheCatalogMeansThem() {
        CatalogModel model = CatalogModelFields.fromFields(minimal("fileSizeMb", "4770.9", "supportsToolCalling", "TRUE",
                "maxOutputTokens", " 2048 ", "displayName", "  "));

        assertThat(model.fileSizeMb()).isEqualTo(4770);
        assertThat(model.supportsToolCalling()).isTrue();
        assertThat(model.maxOutputTokens()).isEqualTo(2048);
        assertThat(model.displayName()).as("a blank display name counts as none").isEqualTo("Tiny-generic-cpu");
        assertThat(CatalogModelFields.flag("yes")).isFalse();
        assertThat(CatalogModelFields.wholeNumber("", "maxOutputTokens")).isNull();
    }

    @Test
    void runtimeNamesAreReadInAnyCaseAndAMissingDeviceIsTheProvidersUsualOne() {
        CatalogModel cuda = CatalogModelFields.fromFields(minimal("runtime", ordered("deviceType", "gpu",
                "executionProvider", "cudaexecutionprovider")));
        CatalogModel shortName = CatalogModelFields.fromFields(minimal("runtime", ordered("executionProvider", "QNN")));

        assertThat(cuda.runtime()).isEqualTo(new ModelRuntime(DeviceType.GPU, ExecutionProvider.CUDA));
        assertThat(shortName.runtime()).isEqualTo(new ModelRuntime(DeviceType.NPU, ExecutionProvider.QNN));
    }

    @Test
    void aPromptTemplateIsReadWithKeysInAnyCaseOrFromJsonTextWhenAReaderIsGiven() {
        Map<String, Object> parts = ordered("System", "<s>{Content}", "USER", "<u>{Content}", "assistant", 7);
        Function<String, Object> reader = text -> {
            assertThat(text).isEqualTo("{\"User\":\"<u>{Content}\"}");
            return ordered("User", "<u>{Content}");
        };

        PromptTemplate fromObject = CatalogModelFields.fromFields(minimal("promptTemplate", parts)).promptTemplate();
        PromptTemplate fromText = CatalogModelFields.fromFields(
                minimal("promptTemplate", "{\"User\":\"<u>{Content}\"}"), reader).promptTemplate();

        assertThat(fromObject).isEqualTo(new PromptTemplate("<s>{Content}", "<u>{Content}", null, null));
        assertThat(fromText).isEqualTo(new PromptTemplate(null, "<u>{Content}", null, null));
        assertThat(CatalogModelFields.promptTemplate(Map.of(), null)).as("no parts is no template").isNull();
        assertThat(CatalogModelFields.promptTemplate("  ", null)).as("blank text is no template").isNull();
    }

    @Test
    void settingsParametersPassThroughAsCopies() {
        Map<String, Object> parameter = new HashMap<>(Map.of("name", "temperature", "value", 0.7));
        Map<String, Object> settings = ordered("parameters", new java.util.ArrayList<>(List.of(parameter)));

        CatalogModel model = CatalogModelFields.fromFields(minimal("modelSettings", settings));
        parameter.put("value", 1.0);

        assertThat(model.modelSettingsParameters()).containsExactly(Map.of("name", "temperature", "value", 0.7));
        assertThat(CatalogModelFields.fromFields(minimal("modelSettings", "odd")).modelSettingsParameters()).isEmpty();
    }

    @Test
    void eachBadFieldIsRefusedWithTheFieldNamed() {
        Function<String, Object> brokenReader = text -> {
            throw new IllegalArgumentException("Unexpected character 'x'");
        };
        assertRefused(ordered("uri", "u"), "name", "'name' is missing");
        assertRefused(ordered("name", "Tiny-generic-cpu", "uri", "u"), "version", "has no version");
        assertRefused(ordered("name", "Tiny-generic-cpu:2"), "uri", "'uri' is missing");
        assertRefused(minimal("name", "../etc:1"), "name", "'../etc:1'");
        assertRefused(minimal("alias", "a/b"), "alias", "alias 'a/b'");
        assertRefused(minimal("publisher", "x y"), "publisher", "publisher 'x y'");
        assertRefused(minimal("runtime", "GPU"), "runtime", "runtime must be an object");
        assertRefused(minimal("runtime", ordered("executionProvider", "QuantumExecutionProvider")),
                "runtime.executionProvider", "QuantumExecutionProvider");
        assertRefused(minimal("runtime", ordered("deviceType", "TPU")), "runtime.deviceType", "'TPU'");
        assertRefused(minimal("fileSizeMb", "big"), "fileSizeMb", "'big' is not a number");
        assertRefused(minimal("fileSizeMb", -3), "fileSizeMb", "must not be negative");
        assertRefused(minimal("maxOutputTokens", "many"), "maxOutputTokens", "'many' is not a whole number");
        assertRefused(minimal("maxOutputTokens", 2048.5), "maxOutputTokens", "'2048.5'");
        assertRefused(minimal("modelSettings", ordered("parameters", Arrays.asList(Map.of(), "x"))),
                "modelSettings.parameters", "parameters[1]");
        assertRefused(minimal("promptTemplate", List.of("x")), "promptTemplate", "must be an object");
        assertRefused(minimal("promptTemplate", "{\"user\":\"u\"}"), "promptTemplate", "not text");
        assertThatThrownBy(() -> CatalogModelFields.fromFields(minimal("promptTemplate", "x"), brokenReader))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.param()).isEqualTo("promptTemplate"))
                .hasMessageContaining("not valid JSON").hasMessageContaining("Unexpected character 'x'");
    }

    @Test
    void aMissingEntryIsRefused() {
        assertThatThrownBy(() -> CatalogModelFields.fromFields(null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("must be a JSON object");
    }

    private static void assertRefused(Map<String, Object> entry, String field, String messagePart) {
        assertThatThrownBy(() -> CatalogModelFields.fromFields(entry))
                .as("%s", entry)
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.param()).isEqualTo(field))
                .hasMessageContaining(messagePart);
    }
}
