// compromise over a JSONL corpus, one thread: people, places,
// organizations and quotations of every article. Prints the articles done,
// the CPU seconds spent annotating (reading excluded) and what was found.
// Usage: node compromise.mjs CORPUS.jsonl
import { readFileSync } from 'node:fs';
import nlp from 'compromise';

const texts = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text);
let people = 0, places = 0, orgs = 0, quotes = 0, terms = 0;
const t0 = process.cpuUsage();
for (const text of texts) {
  const doc = nlp(text);
  terms += doc.terms().length;
  people += doc.people().length;
  places += doc.places().length;
  orgs += doc.organizations().length;
  quotes += doc.quotations().length;
}
const cpu = process.cpuUsage(t0);
console.log(JSON.stringify({ tool: 'compromise', articles: texts.length, cpu_seconds: (cpu.user + cpu.system) / 1e6, terms, people, places, orgs, quotes }));
