package org.jfoundry.adapters.modelimport.whisper;

import org.jfoundry.ports.failure.InvalidRequestException;

/** The sizes of a Whisper model, read from the tensors of its CTranslate2 {@code WhisperSpec}. */
record WhisperDimensions(int melBins, int dModel, int heads, int encoderLayers, int decoderLayers,
                         int vocabularySize, int maxTargetPositions) {

    WhisperDimensions {
        if (heads <= 0 || dModel % heads != 0) {
            throw new InvalidRequestException("a Whisper model of width " + dModel + " cannot have " + heads
                    + " heads");
        }
    }

    int headSize() {
        return dModel / heads;
    }

    static WhisperDimensions of(CTranslate2Model model) {
        if (!model.specName().equals("WhisperSpec")) {
            throw new InvalidRequestException("not a Whisper model: the CTranslate2 spec is " + model.specName());
        }
        long[] conv1 = model.shape("encoder/conv1/weight"); // [d, mels, 3]
        long[] embeddings = model.shape("decoder/embeddings/weight"); // [vocab, d]
        long[] positions = model.shape("decoder/position_encodings/encodings"); // [448, d]
        return new WhisperDimensions((int) conv1[1], (int) conv1[0], model.scalar("encoder/num_heads"),
                layers(model, "encoder/layer_"), layers(model, "decoder/layer_"), (int) embeddings[0],
                (int) positions[0]);
    }

    private static int layers(CTranslate2Model model, String prefix) {
        int count = 0;
        while (model.has(prefix + count + "/ffn/linear_0/weight")) {
            count++;
        }
        if (count == 0) {
            throw new InvalidRequestException("the Whisper model has no " + prefix + "* layers");
        }
        return count;
    }
}
