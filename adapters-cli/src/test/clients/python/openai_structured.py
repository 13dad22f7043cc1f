"""openai-python's structured outputs, tool calls and Responses API against the service's real engines (random
weights: only the constraints make them obey). Usage: openai_structured.py tools|parse|responses MODEL; prints one
JSON line of findings."""
import json
import os
import sys
from typing import Literal

from openai import OpenAI
from pydantic import BaseModel, Field

client = OpenAI(base_url=os.environ["JFOUNDRY_URL"] + "/v1", api_key="unused", max_retries=0, timeout=120)
WEATHER = {"type": "object", "properties": {"city": {"type": "string", "maxLength": 6},
                                            "unit": {"enum": ["celsius", "fahrenheit"]},
                                            "days": {"type": "integer", "minimum": 1, "maximum": 7}},
           "required": ["city", "unit", "days"], "additionalProperties": False}
TOOLS = [{"type": "function", "function": {"name": "get_weather", "description": "weather by city",
                                           "parameters": WEATHER, "strict": True}}]
MESSAGES = [{"role": "user", "content": "Weather in Oslo?"}]


def tools(model):
    whole = client.chat.completions.create(model=model, messages=MESSAGES, tools=TOOLS, tool_choice="required",
                                           temperature=1, seed=3, max_tokens=600)
    call = whole.choices[0].message.tool_calls[0]
    stream = client.chat.completions.create(model=model, messages=MESSAGES, tools=TOOLS, temperature=1, seed=4,
                                            max_tokens=600, stream=True,
                                            tool_choice={"type": "function", "function": {"name": "get_weather"}})
    first, arguments, finish, content = None, "", None, ""
    for chunk in stream:
        for choice in chunk.choices:
            content += choice.delta.content or ""
            finish = choice.finish_reason or finish
            for delta in choice.delta.tool_calls or []:
                if first is None:
                    first = {"index": delta.index, "id": delta.id, "name": delta.function.name}
                arguments += delta.function.arguments or ""
    return {"wholeFinish": whole.choices[0].finish_reason, "wholeContent": whole.choices[0].message.content,
            "wholeName": call.function.name, "wholeArguments": json.loads(call.function.arguments),
            "wholeId": call.id, "streamFirst": first, "streamArguments": json.loads(arguments),
            "streamFinish": finish, "streamContent": content}


class Forecast(BaseModel):
    sky: Literal["sunny", "rainy", "cloudy"]
    windy: bool
    celsius: int = Field(ge=-40, le=50)
    city: str = Field(max_length=8)


def parse(model):
    parsed = []
    for seed in (1, 2, 3):
        completion = client.chat.completions.parse(model=model, messages=[{"role": "user", "content": "Forecast?"}],
                                                   response_format=Forecast, temperature=1, seed=seed,
                                                   max_tokens=600)
        forecast = completion.choices[0].message.parsed
        parsed.append(forecast.model_dump())
    return {"parsed": parsed}


def responses(model):
    created = client.responses.create(model=model, input="Tell me a story", instructions="Be brief",
                                      max_output_tokens=6, temperature=0)
    retrieved = client.responses.retrieve(created.id)
    items = client.responses.input_items.list(created.id)
    types, deltas, final = [], "", None
    with client.responses.stream(model=model, input="Stream to me", max_output_tokens=6, temperature=0) as stream:
        for event in stream:
            types.append(event.type)
            if event.type == "response.output_text.delta":
                deltas += event.delta
            if event.type in ("response.completed", "response.incomplete"):
                # get_final_response() wants response.completed; max_output_tokens ends with response.incomplete.
                final = event.response
    client.responses.delete(created.id)
    try:
        client.responses.retrieve(created.id)
        gone = False
    except Exception as error:  # the SDK raises NotFoundError
        gone = type(error).__name__ == "NotFoundError"
    return {"text": created.output_text, "retrievedText": retrieved.output_text, "status": created.status,
            "inputItems": [item.content[0].text for item in items.data], "types": types, "deltas": deltas,
            "streamedText": final.output_text, "gone": gone}


if __name__ == "__main__":
    step, model = sys.argv[1], sys.argv[2]
    print(json.dumps({"tools": tools, "parse": parse, "responses": responses}[step](model)))
