"""openai-python streaming a tool call that the model writes in its own markup (tool_choice auto), through the SDK's
stream helper, which accumulates the deltas into a completion; the whole answer of the same request is asked too.
Usage: openai_tool_stream.py MODEL; prints one JSON line of findings."""
import json
import os
import sys

from openai import OpenAI

client = OpenAI(base_url=os.environ["JFOUNDRY_URL"] + "/v1", api_key="unused", max_retries=0, timeout=120)
TOOLS = [{"type": "function", "function": {
    "name": "get_weather", "strict": True,
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}, "days": {"type": "integer"}},
                   "required": ["city", "days"], "additionalProperties": False}}}]
MESSAGES = [{"role": "user", "content": "Weather in Oslo?"}]


def shape(completion):
    message = completion.choices[0].message
    return {"content": message.content, "finish": completion.choices[0].finish_reason,
            "calls": [{"name": call.function.name, "arguments": call.function.arguments}
                      for call in message.tool_calls or []]}


def main(model):
    whole = client.chat.completions.create(model=model, messages=MESSAGES, tools=TOOLS, temperature=0)
    fragments, contents = [], []
    with client.chat.completions.stream(model=model, messages=MESSAGES, tools=TOOLS, temperature=0) as stream:
        for event in stream:
            if event.type == "tool_calls.function.arguments.delta":
                fragments.append(event.arguments_delta)
            elif event.type == "content.delta":
                contents.append(event.delta)
        final = stream.get_final_completion()
    return {"whole": shape(whole), "streamed": shape(final), "fragments": fragments, "contents": contents,
            "parsedArguments": final.choices[0].message.tool_calls[0].function.parsed_arguments,
            "responses": responses(model)}


def items(response):
    return [{"type": item.type, "text": item.content[0].text} if item.type == "message"
            else {"type": item.type, "name": item.name, "arguments": item.arguments} for item in response.output]


def responses(model):
    """The Responses API the same way: responses.stream()'s final response against responses.create()."""
    tools = [{"type": "function", **TOOLS[0]["function"]}]
    whole = client.responses.create(model=model, input="Weather in Oslo?", tools=tools, temperature=0)
    fragments = []
    with client.responses.stream(model=model, input="Weather in Oslo?", tools=tools, temperature=0) as stream:
        for event in stream:
            if event.type == "response.function_call_arguments.delta":
                fragments.append(event.delta)
        final = stream.get_final_response()
    return {"whole": items(whole), "streamed": items(final), "fragments": fragments}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
