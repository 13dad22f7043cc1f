/**
 * Sentence embeddings on ONNX Runtime: tokenizer.json through DJL's Hugging Face tokenizers, batched runs, mean
 * pooling over the attention mask and L2 normalisation. Only {@link org.jfoundry.adapters.ort.embeddings.EmbeddingFolderLoader}
 * is public.
 */
package org.jfoundry.adapters.ort.embeddings;
