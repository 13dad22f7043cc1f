/**
 * Text generation over ONNX Runtime with the generation loop in Java: GenAI model folders ({@code genai_config.json},
 * the model builder's output) run on a session through FFM, with tokenization (DJL Hugging Face tokenizers), chat
 * templates (Jinjava), sampling and incremental UTF-8 streaming done here; stop strings, Foundry's prompt template and
 * the reported timings come from {@code org.jfoundry.adapters.ort.completion}, shared with the {@code genai} engine.
 *
 * <p>The public surface is {@link org.jfoundry.adapters.ort.generate.GenAiFolderLoader}, which the {@code ort} engine
 * uses for folders with a {@code genai_config.json}, plus its settings ({@link
 * org.jfoundry.adapters.ort.generate.GenerationLimits}) and timing hooks for benchmarks ({@link
 * org.jfoundry.adapters.ort.generate.GenerationObserver}, {@link org.jfoundry.adapters.ort.generate.GenerationStats}).
 */
package org.jfoundry.adapters.ort.generate;
