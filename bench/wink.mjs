// wink-nlp with wink-eng-lite-web-model over a JSONL corpus, one thread:
// sentences, tokens, POS tags and entities of every article. Prints the
// articles done, the CPU seconds spent annotating (reading excluded) and
// what was found. Usage: node wink.mjs CORPUS.jsonl
import { readFileSync } from 'node:fs';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

const texts = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text);
const nlp = winkNLP(model, ['sbd', 'pos', 'ner']);
const its = nlp.its;
let tokens = 0, entities = 0, sentences = 0;
const t0 = process.cpuUsage();
for (const text of texts) {
  const doc = nlp.readDoc(text);
  tokens += doc.tokens().out(its.pos).length;
  entities += doc.entities().out().length;
  sentences += doc.sentences().length();
}
const cpu = process.cpuUsage(t0);
console.log(JSON.stringify({ tool: 'wink-nlp', articles: texts.length, cpu_seconds: (cpu.user + cpu.system) / 1e6, tokens, sentences, entities }));
