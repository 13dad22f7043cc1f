/**
 * The {@code genai} inference engine: ONNX Runtime GenAI (the library Foundry Local generates with) bound through
 * java.lang.foreign. {@link org.jfoundry.adapters.ort.genai.GenAiEngine} is the only public type; it finds
 * libonnxruntime-genai.so (settings, {@code FOUNDRY_GENAI_LIBRARY}, or the foundry home where
 * {@code native-headers/fetch-genai.sh} puts it), loads it on the ONNX Runtime the ORT adapter loaded, and says why
 * it is unavailable when it cannot.
 */
package org.jfoundry.adapters.ort.genai;
