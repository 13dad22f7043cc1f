/**
 * What both text generation engines of this module ({@code generate}, the Java loop, and {@code genai}) share on the
 * way from tokens to a {@link org.jfoundry.ports.inference.Completion}: stop strings that never leak
 * ({@link org.jfoundry.adapters.ort.completion.StopStringMatcher}), Foundry's prompt template for models without a
 * chat template ({@link org.jfoundry.adapters.ort.completion.FoundryPromptTemplate}), the decode speed reported
 * ({@link org.jfoundry.adapters.ort.completion.CompletionTimings}). One implementation each, so the engines cannot
 * drift apart.
 */
package org.jfoundry.adapters.ort.completion;
