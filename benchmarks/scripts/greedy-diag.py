"""Greedy loop over a test decoder with ONNX Runtime's Python API, the KV cache kept where the provider puts it
(IoBinding), printing each case's token ids and the top-1/top-2 logit margin at every step. Arguments: folder,
cpu|cuda|cuda-tf32, tokens, a JSON file of prompt id lists."""
import json, sys
import numpy as np
import onnxruntime as ort

folder, provider, tokens = sys.argv[1], sys.argv[2], int(sys.argv[3])
prompts = json.load(open(sys.argv[4]))
cfg = json.load(open(folder + "/genai_config.json"))
share = cfg["search"]["past_present_share_buffer"]
dec = cfg["model"]["decoder"]
layers, kvh, hd = dec["num_hidden_layers"], dec["num_key_value_heads"], dec["head_size"]
cap = cfg["search"]["max_length"]
cuda = {"use_tf32": "1" if provider == "cuda-tf32" else "0"}
providers = [("CUDAExecutionProvider", cuda), "CPUExecutionProvider"] if provider.startswith("cuda") \
    else ["CPUExecutionProvider"]
sess = ort.InferenceSession(folder + "/model.onnx", providers=providers)
dev = "cuda" if provider.startswith("cuda") else "cpu"
names = [i.name for i in sess.get_inputs()]
out = []
for ids in prompts:
    io = sess.io_binding()
    past = [ort.OrtValue.ortvalue_from_numpy(np.zeros((1, kvh, cap if share else 0, hd), np.float32), dev, 0)
            for _ in range(2 * layers)]
    gen, margins, length, feed = [], [], 0, ids
    for step in range(tokens):
        n = len(feed)
        # A fresh binding per step: the previous one owns the presents that are this step's pasts.
        previous, io = io, sess.io_binding()
        # Kept in variables: a bound host array must outlive the run.
        feed_ids = np.array([feed], dtype=np.int64)
        mask = np.ones((1, length + n), dtype=np.int64)
        positions = np.ascontiguousarray(np.arange(length, length + n, dtype=np.int64)[None, :])
        io.bind_cpu_input("input_ids", feed_ids)
        io.bind_cpu_input("attention_mask", mask)
        if "position_ids" in names:
            io.bind_cpu_input("position_ids", positions)
        io.bind_output("logits", "cpu")  # first, so it is output 0
        for l in range(layers):
            for j, kind in enumerate(("key", "value")):
                io.bind_ortvalue_input(f"past_key_values.{l}.{kind}", past[2 * l + j])
                if share:
                    io.bind_ortvalue_output(f"present.{l}.{kind}", past[2 * l + j])
                else:
                    io.bind_output(f"present.{l}.{kind}", dev)
        sess.run_with_iobinding(io)
        outs = io.get_outputs()
        logits = outs[0].numpy()[0, -1]
        if not share:
            past = outs[1:]
        length += n
        order = np.argsort(-logits, kind="stable")
        nxt = int(order[0])
        margins.append(float(logits[order[0]] - logits[order[1]]))
        gen.append(nxt)
        if nxt == cfg["model"]["eos_token_id"]:
            break
        feed = [nxt]
    out.append({"ids": gen, "margins": margins})
print(json.dumps({"provider": provider, "ort": ort.__version__, "folder": folder, "cases": out}))
