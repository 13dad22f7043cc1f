package org.jfoundry.adapters.modelimport.gguf;

/**
 * A weight matrix in ONNX Runtime's MatMulNBits layout: 4-bit values in blocks of 32 along each row of the
 * {@code [N, K]} weight (N outputs, K inputs), a float scale and a 4-bit zero point per block, so that
 * {@code w = (q - zero) * scale}.
 *
 * <p>Blocks are quantized round-to-nearest over the block's range widened to include 0 (the asymmetric scheme of
 * ONNX Runtime's own MatMulNBits quantizer), from the values the GGUF defines. Zero points are integers: float zero
 * points would carry Q4_1 and Q4_K blocks over exactly, but ONNX Runtime 1.26 then leaves its fast int4 kernels
 * (about a hundred times slower for a 1536 x 6144 matrix, measured once).
 *
 * @param packed      {@code [N, blocks, 16]}: two values per byte, the lower index in the low nibble
 * @param scales      {@code [N * blocks]}
 * @param zeroPoints  {@code [N * ceil(blocks / 2)]}: two zero points per byte, low nibble first
 */
record Int4Blocks(int n, int k, byte[] packed, float[] scales, byte[] zeroPoints) {

    static final int BLOCK = 32;

    int blocksPerRow() {
        return (k + BLOCK - 1) / BLOCK;
    }

    /** Quantizes a row-major {@code [n, k]} matrix; a last partial block is padded with zeros. */
    static Int4Blocks quantize(float[] weights, int n, int k) {
        int blocks = (k + BLOCK - 1) / BLOCK;
        int zeroBytes = (blocks + 1) / 2;
        byte[] packed = new byte[n * blocks * BLOCK / 2];
        float[] scales = new float[n * blocks];
        byte[] zeros = new byte[n * zeroBytes];
        for (int row = 0; row < n; row++) {
            for (int block = 0; block < blocks; block++) {
                int from = row * k + block * BLOCK;
                int length = Math.min(BLOCK, k - block * BLOCK);
                float min = 0;
                float max = 0;
                for (int i = 0; i < length; i++) {
                    min = Math.min(min, weights[from + i]);
                    max = Math.max(max, weights[from + i]);
                }
                float scale = (max - min) / 15f;
                int zero = scale == 0 ? 8 : Math.clamp(Math.round(-min / scale), 0, 15);
                if (scale == 0) {
                    scale = 1;
                }
                int index = row * blocks + block;
                scales[index] = scale;
                zeros[row * zeroBytes + block / 2] |= (byte) (block % 2 == 0 ? zero : zero << 4);
                int base = index * BLOCK / 2;
                for (int i = 0; i < BLOCK; i++) {
                    float value = i < length ? weights[from + i] : 0f;
                    int q = Math.clamp(Math.round(value / scale) + zero, 0, 15);
                    packed[base + i / 2] |= (byte) (i % 2 == 0 ? q : q << 4);
                }
            }
        }
        return new Int4Blocks(n, k, packed, scales, zeros);
    }
}
