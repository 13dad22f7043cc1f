// openai-node against the service with its default headers: a whole and a streamed greedy chat.
// Usage: node openai_chat.cjs <model>. Prints one JSON line of findings.
const OpenAI = require("openai");
const model = process.argv[2];

(async () => {
  const openai = new OpenAI({ baseURL: `${process.env.JFOUNDRY_URL}/v1`, apiKey: "unused", maxRetries: 0 });
  const messages = [{ role: "user", content: "Say hello" }];
  const whole = await openai.chat.completions.create({ model, messages, temperature: 0 });
  let streamed = "";
  let finish = null;
  let usage = null;
  const stream = await openai.chat.completions.create({
    model, messages, temperature: 0, stream: true, stream_options: { include_usage: true },
  });
  for await (const chunk of stream) {
    for (const choice of chunk.choices) {
      streamed += choice.delta?.content ?? "";
      finish = choice.finish_reason ?? finish;
    }
    usage = chunk.usage ?? usage;
  }
  console.log(JSON.stringify({
    whole: whole.choices[0].message.content, streamed, finish, wholeFinish: whole.choices[0].finish_reason,
    usage, wholeUsage: whole.usage,
  }));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
