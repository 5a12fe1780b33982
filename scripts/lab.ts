// npm run lab            readable tables of the ablation lab's results
// npm run lab -- --json  one JSON document (without the weights)
// npm run lab -- --write also save content/lab/results.json and content/lab/checkpoint.json
// npm run lab -- --help   this list
// npm run lab -- text …  the text model of real English (see scripts/lab-text.ts)
import { mkdirSync, writeFileSync } from 'node:fs';
import { checkpointJson, runLab, type LabResult } from '../src/training';
import { runText } from './lab-text';

if (process.argv[2] === 'text') {
  try {
    runText(process.argv.slice(3));
  } catch (err) {
    process.stderr.write(`npm run lab -- text: ${(err as Error).message}\n`);
    process.exit(1);
  }
} else {
  runToyLab();
}

function runToyLab(): void {
  if (process.argv.includes('--help')) {
    console.log('npm run lab             train the ablation lab and print its results as tables\nnpm run lab -- --json   print them as one JSON document (without the weights)\nnpm run lab -- --write  also save content/lab/results.json and content/lab/checkpoint.json\nnpm run lab -- text …   the text model of real English (npm run lab -- text --help)');
    process.exit(0);
  }
  const json = process.argv.includes('--json');
  const write = process.argv.includes('--write');
  const t0 = performance.now();
  const result = runLab(undefined, (part, f) => {
    if (!json) process.stderr.write(`\r${part} ${(100 * f).toFixed(0)}%   `);
  });
  const seconds = (performance.now() - t0) / 1000;
  const { params, ...report } = result;

  if (write) {
    mkdirSync('content/lab', { recursive: true });
    writeFileSync('content/lab/results.json', `${JSON.stringify({ ...report, seconds: undefined }, null, 1)}\n`);
    writeFileSync('content/lab/checkpoint.json', `${JSON.stringify(checkpointJson(result.settings, params))}\n`);
  }

  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    printTables(result, seconds);
  }
}

function printTables(r: LabResult, s: number): void {
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  console.log(`\n\nAblation lab — task: ${r.settings.task.vocab} tokens, length ${r.settings.task.seqLen}; model: ${r.settings.model.layers} layers × ${r.settings.model.h} heads, d_model ${r.settings.model.dModel}  (${s.toFixed(1)} s)`);
  console.log(`\nFull model: accuracy ${pct(r.full.accuracy)}, loss ${r.full.loss.toFixed(3)}`);
  console.table(r.ablateOne.map((a) => ({ layer: a.layer + 1, head: a.head + 1, 'accuracy without it': pct(a.accuracy), 'Δ accuracy': pct(a.accuracy - r.full.accuracy), importance: r.importance.find((i) => i.layer === a.layer && i.head === a.head)!.score.toFixed(3), 'keep only it (in its layer)': pct(r.keepOne.find((k) => k.layer === a.layer && k.head === a.head)!.accuracy) })));
  console.log('Pruning (fraction of heads removed → accuracy):');
  console.table(r.pruning.importance.map((p, i) => ({ pruned: p.pruned.toFixed(3), 'by importance': pct(p.accuracy), random: pct(r.pruning.random[i].accuracy) })));
  console.log(`Importance scored on ${r.settings.validation.size} validation sequences (seed ${r.settings.validation.seed}, none of them in the test set); accuracy measured on the ${r.settings.test.size} test sequences.`);
  console.log(`Sweep over h at the same d_model and training budget, ${r.settings.sweep.layers} layer(s), seeds ${r.settings.sweep.seeds.join(', ')} (final test accuracy):`);
  console.table(r.settings.sweep.hs.map((h) => {
    const runs = r.sweep.filter((w) => w.h === h);
    const acc = runs.map((w) => w.accuracy);
    return { h, 'd_k': r.settings.model.dModel / h, ...Object.fromEntries(runs.map((w) => [`seed ${w.seed}`, pct(w.accuracy)])), mean: pct(acc.reduce((a, b) => a + b, 0) / acc.length), min: pct(Math.min(...acc)), max: pct(Math.max(...acc)) };
  }));
}
