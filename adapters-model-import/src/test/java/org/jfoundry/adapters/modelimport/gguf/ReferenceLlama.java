package org.jfoundry.adapters.modelimport.gguf;

import java.util.Map;

import static org.jfoundry.adapters.modelimport.gguf.TinyLlamaGguf.FFN;
import static org.jfoundry.adapters.modelimport.gguf.TinyLlamaGguf.HEADS;
import static org.jfoundry.adapters.modelimport.gguf.TinyLlamaGguf.HEAD_SIZE;
import static org.jfoundry.adapters.modelimport.gguf.TinyLlamaGguf.HIDDEN;
import static org.jfoundry.adapters.modelimport.gguf.TinyLlamaGguf.KV_HEADS;
import static org.jfoundry.adapters.modelimport.gguf.TinyLlamaGguf.LAYERS;

/**
 * A plain forward pass of what a llama-family GGUF means, in double precision, from the float weights the test
 * generated: RMSNorm, rotary embedding as llama.cpp applies it (ggml's "normal" mode on adjacent pairs for llama,
 * NEOX mode on halves for qwen2), causal grouped-query attention, SiLU-gated MLP.
 */
final class ReferenceLlama {

    private final Map<String, float[]> w;
    private final boolean neox;
    private final boolean bias;
    private final int vocab;

    ReferenceLlama(TinyLlamaGguf model) {
        this.w = model.weights;
        this.neox = model.architecture.equals("qwen2");
        this.bias = model.architecture.equals("qwen2");
        this.vocab = model.vocabSize();
    }

    /** Logits [position][vocab] for a whole sequence. */
    double[][] logits(int[] tokens) {
        int n = tokens.length;
        double[][] x = new double[n][HIDDEN];
        float[] embedding = w.get("token_embd.weight");
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < HIDDEN; i++) {
                x[t][i] = embedding[tokens[t] * HIDDEN + i];
            }
        }
        for (int layer = 0; layer < LAYERS; layer++) {
            String b = "blk." + layer + ".";
            double[][] h = norm(x, b + "attn_norm.weight");
            double[][] q = new double[n][];
            double[][] k = new double[n][];
            double[][] v = new double[n][];
            for (int t = 0; t < n; t++) {
                q[t] = rope(add(matVec(b + "attn_q.weight", h[t], HEADS * HEAD_SIZE), b + "attn_q.bias"), t, HEADS);
                k[t] = rope(add(matVec(b + "attn_k.weight", h[t], KV_HEADS * HEAD_SIZE), b + "attn_k.bias"), t, KV_HEADS);
                v[t] = add(matVec(b + "attn_v.weight", h[t], KV_HEADS * HEAD_SIZE), b + "attn_v.bias");
            }
            for (int t = 0; t < n; t++) {
                double[] attended = new double[HEADS * HEAD_SIZE];
                for (int head = 0; head < HEADS; head++) {
                    int kvHead = head / (HEADS / KV_HEADS);
                    double[] scores = new double[t + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int s = 0; s <= t; s++) {
                        double dot = 0;
                        for (int d = 0; d < HEAD_SIZE; d++) {
                            dot += q[t][head * HEAD_SIZE + d] * k[s][kvHead * HEAD_SIZE + d];
                        }
                        scores[s] = dot / Math.sqrt(HEAD_SIZE);
                        max = Math.max(max, scores[s]);
                    }
                    double sum = 0;
                    for (int s = 0; s <= t; s++) {
                        scores[s] = Math.exp(scores[s] - max);
                        sum += scores[s];
                    }
                    for (int s = 0; s <= t; s++) {
                        for (int d = 0; d < HEAD_SIZE; d++) {
                            attended[head * HEAD_SIZE + d] += scores[s] / sum * v[s][kvHead * HEAD_SIZE + d];
                        }
                    }
                }
                double[] out = matVec(b + "attn_output.weight", attended, HIDDEN);
                for (int i = 0; i < HIDDEN; i++) {
                    x[t][i] += out[i];
                }
            }
            double[][] h2 = norm(x, b + "ffn_norm.weight");
            for (int t = 0; t < n; t++) {
                double[] gate = matVec(b + "ffn_gate.weight", h2[t], FFN);
                double[] up = matVec(b + "ffn_up.weight", h2[t], FFN);
                double[] act = new double[FFN];
                for (int i = 0; i < FFN; i++) {
                    act[i] = gate[i] / (1 + Math.exp(-gate[i])) * up[i];
                }
                double[] down = matVec(b + "ffn_down.weight", act, HIDDEN);
                for (int i = 0; i < HIDDEN; i++) {
                    x[t][i] += down[i];
                }
            }
        }
        double[][] h = norm(x, "output_norm.weight");
        String head = w.containsKey("output.weight") ? "output.weight" : "token_embd.weight";
        double[][] logits = new double[n][];
        for (int t = 0; t < n; t++) {
            logits[t] = matVec(head, h[t], vocab);
        }
        return logits;
    }

    private double[][] norm(double[][] x, String weight) {
        float[] g = w.get(weight);
        double[][] out = new double[x.length][HIDDEN];
        for (int t = 0; t < x.length; t++) {
            double meanSquare = 0;
            for (double value : x[t]) {
                meanSquare += value * value;
            }
            double scale = 1 / Math.sqrt(meanSquare / HIDDEN + TinyLlamaGguf.EPSILON);
            for (int i = 0; i < HIDDEN; i++) {
                out[t][i] = x[t][i] * scale * g[i];
            }
        }
        return out;
    }

    /** y = W x with W stored as GGUF does: {@code rows} rows of {@code x.length} values. */
    private double[] matVec(String weight, double[] x, int rows) {
        float[] m = w.get(weight);
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                sum += m[r * x.length + i] * x[i];
            }
            y[r] = sum;
        }
        return y;
    }

    private double[] add(double[] y, String bias) {
        if (this.bias) {
            float[] b = w.get(bias);
            for (int i = 0; i < y.length; i++) {
                y[i] += b[i];
            }
        }
        return y;
    }

    /** Rotates each head's dimension pairs by position * theta^(-2i/d): pairs (2i, 2i+1), or (i, i+d/2) in NEOX. */
    private double[] rope(double[] x, int position, int heads) {
        double[] out = x.clone();
        for (int head = 0; head < heads; head++) {
            int base = head * HEAD_SIZE;
            for (int i = 0; i < HEAD_SIZE / 2; i++) {
                double angle = position * Math.pow(TinyLlamaGguf.ROPE_THETA, -2.0 * i / HEAD_SIZE);
                int a = neox ? base + i : base + 2 * i;
                int b = neox ? base + i + HEAD_SIZE / 2 : base + 2 * i + 1;
                out[a] = x[a] * Math.cos(angle) - x[b] * Math.sin(angle);
                out[b] = x[a] * Math.sin(angle) + x[b] * Math.cos(angle);
            }
        }
        return out;
    }
}
