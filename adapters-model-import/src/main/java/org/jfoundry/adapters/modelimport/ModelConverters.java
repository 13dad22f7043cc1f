package org.jfoundry.adapters.modelimport;

import org.jfoundry.adapters.modelimport.gguf.GgufModelConverter;
import org.jfoundry.ports.out.ModelConverter;

/** The converters this module offers, as the port the core and the catalog use. */
public final class ModelConverters {

    private ModelConverters() {
    }

    /** GGUF files of the llama family (llama, mistral, qwen2) into GenAI model folders. */
    public static ModelConverter gguf() {
        return new GgufModelConverter();
    }
}
