package org.jfoundry.ports.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.ModelRuntime;
import org.jfoundry.ports.model.PromptTemplate;

/**
 * The example element of {@code /foundry/list} (adapters-rest/FOUNDRY-API.md, "Catalog model") in its three
 * forms, so that every adapter checks its JSON against the same text.
 */
public final class CatalogExamples {

    /** Exactly as Foundry Local writes it, without whitespace. */
    public static final String CONTRACT_ENTRY_JSON = """
            {"name":"Phi-4-mini-instruct-generic-cpu:1","displayName":"Phi-4-mini-instruct-generic-cpu",\
            "providerType":"AzureFoundry",\
            "uri":"azureml://registries/azureml/models/Phi-4-mini-instruct-generic-cpu/versions/1","version":"1",\
            "modelType":"ONNX","promptTemplate":{"system":"<|system|>{Content}<|end|>",\
            "user":"<|user|>{Content}<|end|>","assistant":"<|assistant|>{Content}<|end|>",\
            "prompt":"<|user|>{Content}<|end|><|assistant|>"},"publisher":"Microsoft","task":"chat-completion",\
            "runtime":{"deviceType":"CPU","executionProvider":"CPUExecutionProvider"},"fileSizeMb":4770,\
            "modelSettings":{"parameters":[]},"alias":"phi-4-mini","supportsToolCalling":true,"license":"MIT",\
            "licenseDescription":"...",\
            "parentModelUri":"azureml://registries/azureml/models/Phi-4-mini-instruct/versions/1",\
            "maxOutputTokens":2048,"minFLVersion":null}""";

    private static final PromptTemplate PHI_TEMPLATE = new PromptTemplate("<|system|>{Content}<|end|>",
            "<|user|>{Content}<|end|>", "<|assistant|>{Content}<|end|>", "<|user|>{Content}<|end|><|assistant|>");

    private CatalogExamples() {
    }

    public static CatalogModel contractEntry() {
        return new CatalogModel(ModelId.parse("Phi-4-mini-instruct-generic-cpu:1"), "Phi-4-mini-instruct-generic-cpu",
                "AzureFoundry", "azureml://registries/azureml/models/Phi-4-mini-instruct-generic-cpu/versions/1", "ONNX",
                PHI_TEMPLATE, "Microsoft", "chat-completion", ModelRuntime.CPU, 4770, List.of(), "phi-4-mini", true,
                "MIT", "...", "azureml://registries/azureml/models/Phi-4-mini-instruct/versions/1", 2048, null);
    }

    /** The entry as a JSON library hands it over: nested ordered maps, a long size, a null minFLVersion. */
    public static Map<String, Object> contractEntryFields() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", "Phi-4-mini-instruct-generic-cpu:1");
        entry.put("displayName", "Phi-4-mini-instruct-generic-cpu");
        entry.put("providerType", "AzureFoundry");
        entry.put("uri", "azureml://registries/azureml/models/Phi-4-mini-instruct-generic-cpu/versions/1");
        entry.put("version", "1");
        entry.put("modelType", "ONNX");
        entry.put("promptTemplate", ordered("system", PHI_TEMPLATE.system(), "user", PHI_TEMPLATE.user(),
                "assistant", PHI_TEMPLATE.assistant(), "prompt", PHI_TEMPLATE.prompt()));
        entry.put("publisher", "Microsoft");
        entry.put("task", "chat-completion");
        entry.put("runtime", ordered("deviceType", "CPU", "executionProvider", "CPUExecutionProvider"));
        entry.put("fileSizeMb", 4770L);
        entry.put("modelSettings", ordered("parameters", List.of()));
        entry.put("alias", "phi-4-mini");
        entry.put("supportsToolCalling", true);
        entry.put("license", "MIT");
        entry.put("licenseDescription", "...");
        entry.put("parentModelUri", "azureml://registries/azureml/models/Phi-4-mini-instruct/versions/1");
        entry.put("maxOutputTokens", 2048);
        entry.put("minFLVersion", null);
        return entry;
    }

    /** An ordered map from alternating keys and values; values may be null, unlike {@link Map#of}. */
    public static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
