"""An independent reference for llama-family GGUF models: numpy, float32 throughout.

It shares no code with the project's converter or engines: the GGUF file is read and dequantized by the `gguf`
package (llama.cpp's own Python reader), and the forward pass is written here from the llama definition:
RMSNorm, rotary position embedding as llama.cpp applies it to GGUF weights (adjacent pairs; the converter that wrote
the GGUF already permuted the Q/K rows for that), grouped-query attention with a causal KV cache, SwiGLU, and the
output projection (tied to the token embedding when the file has no output.weight).

    python llama_reference.py MODEL.gguf PROMPTS_JSON [NEW_TOKENS]

PROMPTS_JSON is a list of prompts, each a list of token ids. Prints one JSON line,
{"greedy": [[ids...], ...], "text": ["...", ...]}: for each prompt its first NEW_TOKENS (default 8) greedy token ids,
ending early after the end-of-sequence token, and their text (byte-level BPE decoded, control tokens left out).
"""
import json
import sys

import numpy as np
from gguf import GGUFReader
from gguf.quants import dequantize


class Model:
    def __init__(self, path):
        reader = GGUFReader(path)
        self.fields = {name: field.contents() for name, field in reader.fields.items()
                       if not name.startswith("tokenizer.ggml.") or name.endswith("_id")}
        self.vocabulary = reader.fields["tokenizer.ggml.tokens"].contents()
        self.token_types = reader.fields["tokenizer.ggml.token_type"].contents()
        arch = self.fields["general.architecture"]
        if arch not in ("llama", "qwen2", "mistral"):
            raise SystemExit(f"unsupported architecture {arch!r}")
        meta = lambda key, default=None: self.fields.get(f"{arch}.{key}", default)
        self.layers = meta("block_count")
        self.dim = meta("embedding_length")
        self.heads = meta("attention.head_count")
        self.kv_heads = meta("attention.head_count_kv", self.heads)
        self.head_dim = meta("attention.key_length", self.dim // self.heads)
        self.eps = np.float32(meta("attention.layer_norm_rms_epsilon"))
        self.rope_base = meta("rope.freq_base", 10000.0)
        self.rope_dims = meta("rope.dimension_count", self.head_dim)
        self.eos = self.fields.get("tokenizer.ggml.eos_token_id")
        self.tensors = {}
        for tensor in reader.tensors:
            # GGUF lists dimensions innermost first; numpy wants them outermost first: (out, in) for a matrix.
            shape = tuple(int(d) for d in reversed(tensor.shape))
            values = dequantize(tensor.data, tensor.tensor_type).astype(np.float32)
            self.tensors[tensor.name] = values.reshape(shape)
        self.output = self.tensors.get("output.weight", self.tensors["token_embd.weight"])
        # Rotation angles: pair i of a head turns by position * base^(-2i/d), as llama.cpp's rope (normal mode).
        self.inv_freq = (self.rope_base ** (-np.arange(0, self.rope_dims, 2, dtype=np.float64) / self.rope_dims))

    def w(self, name):
        return self.tensors[name]

    def rms_norm(self, x, weight):
        return (x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + self.eps)).astype(np.float32) * weight

    def rope(self, x, positions):
        """x: (tokens, heads, head_dim); rotates the adjacent pairs (x[2i], x[2i+1]) of the first rope_dims."""
        angles = np.outer(positions, self.inv_freq)  # (tokens, rope_dims/2)
        cos = np.cos(angles).astype(np.float32)[:, None, :]
        sin = np.sin(angles).astype(np.float32)[:, None, :]
        rotated = x.copy()
        even = x[..., 0:self.rope_dims:2]
        odd = x[..., 1:self.rope_dims:2]
        rotated[..., 0:self.rope_dims:2] = even * cos - odd * sin
        rotated[..., 1:self.rope_dims:2] = even * sin + odd * cos
        return rotated

    def bias(self, name):
        return self.tensors.get(name, np.float32(0))

    def forward(self, tokens, cache):
        """Runs tokens after the cache's positions; returns the logits of the last one."""
        start = cache["length"]
        positions = np.arange(start, start + len(tokens))
        x = self.tensors["token_embd.weight"][tokens]
        group = self.heads // self.kv_heads
        scale = np.float32(1.0 / np.sqrt(self.head_dim))
        for layer in range(self.layers):
            p = f"blk.{layer}."
            h = self.rms_norm(x, self.w(p + "attn_norm.weight"))
            q = (h @ self.w(p + "attn_q.weight").T + self.bias(p + "attn_q.bias")).reshape(len(tokens), self.heads, self.head_dim)
            k = (h @ self.w(p + "attn_k.weight").T + self.bias(p + "attn_k.bias")).reshape(len(tokens), self.kv_heads, self.head_dim)
            v = (h @ self.w(p + "attn_v.weight").T + self.bias(p + "attn_v.bias")).reshape(len(tokens), self.kv_heads, self.head_dim)
            q, k = self.rope(q, positions), self.rope(k, positions)
            keys = cache["k"][layer] = np.concatenate([cache["k"][layer], k]) if start else k
            values = cache["v"][layer] = np.concatenate([cache["v"][layer], v]) if start else v
            total = keys.shape[0]
            # Causal mask: query at position start+i sees keys 0..start+i.
            mask = np.triu(np.full((len(tokens), total), -np.inf, dtype=np.float32), k=start + 1)
            attended = np.empty((len(tokens), self.heads, self.head_dim), dtype=np.float32)
            for head in range(self.heads):
                kv = head // group
                scores = (q[:, head, :] @ keys[:, kv, :].T) * scale + mask
                scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
                scores /= scores.sum(axis=-1, keepdims=True)
                attended[:, head, :] = scores @ values[:, kv, :]
            x = x + attended.reshape(len(tokens), -1) @ self.w(p + "attn_output.weight").T
            h = self.rms_norm(x, self.w(p + "ffn_norm.weight"))
            gate = h @ self.w(p + "ffn_gate.weight").T
            up = h @ self.w(p + "ffn_up.weight").T
            x = x + (gate / (1 + np.exp(-gate)) * up) @ self.w(p + "ffn_down.weight").T
        cache["length"] = start + len(tokens)
        last = self.rms_norm(x[-1], self.w("output_norm.weight"))
        return last @ self.output.T

    def greedy(self, prompt, new_tokens):
        cache = {"length": 0, "k": [None] * self.layers, "v": [None] * self.layers}
        logits = self.forward(np.asarray(prompt), cache)
        out = []
        while len(out) < new_tokens:
            token = int(np.argmax(logits))
            out.append(token)
            if token == self.eos:
                break
            logits = self.forward(np.asarray([token]), cache)
        return out


    def decode(self, ids):
        """Byte-level BPE (GPT-2's byte-to-character map, which llama.cpp's "gpt2" tokenizer model uses)."""
        characters = byte_characters()
        control = 3  # llama.cpp's LLAMA_TOKEN_TYPE_CONTROL
        data = bytearray()
        for token in ids:
            if self.token_types[token] != control:
                data.extend(characters[c] for c in self.vocabulary[token])
        return data.decode("utf-8", errors="replace")


def byte_characters():
    """GPT-2's printable stand-in character for each byte, inverted: character -> byte."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) \
        + list(range(ord("®"), ord("ÿ") + 1))
    mapping, extra = {}, 0
    for byte in range(256):
        if byte in printable:
            mapping[chr(byte)] = byte
        else:
            mapping[chr(256 + extra)] = byte
            extra += 1
    return mapping


def main(argv):
    if len(argv) not in (3, 4):
        raise SystemExit(__doc__)
    with np.errstate(over="ignore"):  # exp(-gate) overflows to inf for large negative gates: silu is then 0
        model = Model(argv[1])
        prompts = json.loads(argv[2])
        new_tokens = int(argv[3]) if len(argv) == 4 else 8
        greedy = [model.greedy(prompt, new_tokens) for prompt in prompts]
        print(json.dumps({"greedy": greedy, "text": [model.decode(ids) for ids in greedy]}))


if __name__ == "__main__":
    main(sys.argv)
