"""openai-python against the service, with the SDK's default headers (it sends Accept: application/json even when
streaming). Usage: openai_client.py chat|completion|embeddings; prints one JSON line of findings."""
import json
import os
import struct
import sys

from openai import OpenAI

client = OpenAI(base_url=os.environ["JFOUNDRY_URL"] + "/v1", api_key="unused", max_retries=0, timeout=120)
MESSAGES = [{"role": "user", "content": "Say hello"}]


def chat(model):
    whole = client.chat.completions.create(model=model, messages=MESSAGES, temperature=0)
    streamed, finish, usage, roles = "", None, None, []
    stream = client.chat.completions.create(model=model, messages=MESSAGES, temperature=0, stream=True,
                                            stream_options={"include_usage": True})
    for chunk in stream:
        if chunk.usage is not None:
            usage = chunk.usage.model_dump()
        for choice in chunk.choices:
            streamed += choice.delta.content or ""
            finish = choice.finish_reason or finish
            if choice.delta.role:
                roles.append(choice.delta.role)
    return {"whole": whole.choices[0].message.content, "streamed": streamed, "finish": finish,
            "wholeFinish": whole.choices[0].finish_reason, "usage": usage, "wholeUsage": whole.usage.model_dump(),
            "roles": roles}


def completion(model):
    whole = client.completions.create(model=model, prompt="Once upon a time", temperature=0)
    streamed, finish, usage = "", None, None
    stream = client.completions.create(model=model, prompt="Once upon a time", temperature=0, stream=True,
                                       stream_options={"include_usage": True})
    for chunk in stream:
        if chunk.usage is not None:
            usage = chunk.usage.model_dump()
        for choice in chunk.choices:
            streamed += choice.text or ""
            finish = choice.finish_reason or finish
    return {"whole": whole.choices[0].text, "streamed": streamed, "finish": finish,
            "wholeFinish": whole.choices[0].finish_reason, "usage": usage, "wholeUsage": whole.usage.model_dump()}


def float32(values):
    """The service computes in float32; the SDK hands out Python floats (float64) from base64 and from JSON."""
    return [struct.unpack("<f", struct.pack("<f", v))[0] for v in values]


def embeddings(model):
    # Without encoding_format the SDK asks for base64 and decodes it; floats are asked for explicitly.
    default = client.embeddings.create(model=model, input=["first text", "second text"])
    floats = client.embeddings.create(model=model, input="first text", encoding_format="float")
    return {"count": len(default.data), "dimensions": [len(d.embedding) for d in default.data],
            "first": float32(default.data[0].embedding), "firstAsFloats": float32(floats.data[0].embedding),
            "model": default.model, "promptTokens": default.usage.prompt_tokens}


case, model = sys.argv[1], sys.argv[2]
print(json.dumps({"chat": chat, "completion": completion, "embeddings": embeddings}[case](model)))
