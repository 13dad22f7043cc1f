package org.jfoundry.adapters.ort.generate;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jfoundry.adapters.ort.internal.loading.TokenizerLibrary;
import org.jfoundry.ports.failure.EngineFailureException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Encodes with the Hugging Face tokenizer of the folder ({@code tokenizer.json}, through DJL) and decodes token by
 * token from its byte table. Encoding adds no special tokens: the chat template writes them. Thread-safe.
 */
final class ModelTokenizer implements AutoCloseable {

    static final String FILE_NAME = "tokenizer.json";

    private final HuggingFaceTokenizer tokenizer;
    private final TokenByteTable bytes;

    private ModelTokenizer(HuggingFaceTokenizer tokenizer, TokenByteTable bytes) {
        this.tokenizer = tokenizer;
        this.bytes = bytes;
    }

    static ModelTokenizer open(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new EngineFailureException("model folder " + folder + " has no " + FILE_NAME);
        }
        TokenByteTable table;
        try {
            table = TokenByteTable.from(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException | IllegalArgumentException e) {
            throw new EngineFailureException("cannot read " + file + ": " + e.getMessage(), e);
        }
        TokenizerLibrary.pin();
        try {
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(file)
                    .optAddSpecialTokens(false).optTruncation(false).optPadding(false).build();
            return new ModelTokenizer(tokenizer, table);
        } catch (IOException | RuntimeException e) {
            throw new EngineFailureException("cannot load the tokenizer " + file + ": " + e.getMessage(), e);
        }
    }

    long[] encode(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    byte[] bytesOf(long token) {
        return bytes.bytesOf(token);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
