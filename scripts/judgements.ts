// The classifier's judgements of a fixed set of inputs, one JSON line each, for showing that a change
// to the classifier (a speed-up, a refactor) changes no judgement: run it before and after and
// compare the outputs (`npx tsx scripts/judgements.ts | md5sum`). The inputs: every labelled article
// of test/eval (with its date and other fields, then with its title and text alone, so the undated
// paths run too), the seed documents, and 600 longer articles made of three labelled texts each.
//
//   npx tsx scripts/judgements.ts > before.jsonl   (then again after the change, and diff)
import { classify } from '../classifier/index.js';
import { loadSeedKnowledge, seedDocuments } from '../classifier/seed-knowledge.js';
import { readLabelled } from '../test/eval/labelled.js';

const knowledge = loadSeedKnowledge();
const config = { threshold: 0.5 };
const labelled = readLabelled();
const lines: string[] = [];
const judge = (input: Parameters<typeof classify>[0]) => lines.push(JSON.stringify(classify(input, knowledge, config)));

for (const a of labelled) {
  judge({ id: a.id, title: a.title, text: a.text, url: a.url, lang: a.lang, published: a.published, source: a.source });
  judge({ id: a.id, title: a.title, text: a.text });
}
for (const d of seedDocuments()) judge({ id: d.id, title: d.title, text: d.text, url: d.url, published: d.published, lang: d.lang });
for (let n = 0; n < 600; n++) {
  const texts = [n, n * 7 + 13, n * 11 + 5].map((x) => labelled[x % labelled.length].text);
  judge({ id: `padded-${n}`, title: labelled[n % labelled.length].title, text: texts.join('\n\n') });
}
process.stdout.write(`${lines.join('\n')}\n`);
console.error(`${lines.length} judgements`);
