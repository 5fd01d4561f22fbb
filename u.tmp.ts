import { loadDataset } from './src/data/load.ts';
import { createEngine } from './src/engine/index.ts';
import { CUE_WORDS } from './src/engine/kinds/registry.ts';
import { readQuestion } from './src/engine/understand/question.ts';
import { cleanQuestion } from './src/engine/sanitize.ts';
const engine = createEngine(loadDataset());
const now = new Date('2026-11-21T12:00:00Z');
for (const q of process.argv.slice(2)) {
  const c = cleanQuestion(q).text;
  const question = readQuestion(q, c, engine.index, now, { corrections: [], truncated: false, stripped: false }, CUE_WORDS);
  const u = engine.understand(q, now) as any;
  const { notes, ...rest } = u;
  console.log(JSON.stringify(q), '\n  topic', question.topic, 'feature', question.feature, 'features', question.entities.features.map(f=>f.kep+':'+f.via+':'+f.text), '\n  text', question.text, '\n  →', JSON.stringify(rest).slice(0, 200));
}
