/**
 * Drivers: course code that runs in the cell worker and calls a reader's function as often
 * as a widget needs, so that only a small result crosses back to the page. Lesson 7's
 * widget is the case: the reader's maskedSum is called once per layer on the whole test
 * set (2,048 rows), and sending those matrices to the worker and back for every layer cost
 * more than the sum itself.
 */
import { Matrix } from 'ml-matrix';
import { allocateParams, labConfig, labTestSets, MaskedEvaluator, type HeadMask, type LabSettings } from '../training';
import { compareMatrices, type MatrixDifference } from './compare';

/** A driver: gets the reader's export (by its name) and the arguments the widget sent. */
export type Driver = (name: string, fn: (...args: unknown[]) => unknown, args: unknown[]) => Promise<unknown>;

/** A trained lab model as it travels: its settings and every parameter in one array. */
export interface LabWeights {
  settings: LabSettings;
  flat: Float64Array;
}

/** What the `masked-sum` driver returns. */
export interface MaskedSumDrive {
  accuracy: number;
  loss: number;
  /** The model's answer at every position of every test sequence. */
  predicted: Int32Array;
  /** The layer whose sum is furthest from the course's, and how far (the first NaN, if any). */
  worst: { layer: number; difference: MatrixDifference } | null;
}

/** The evaluator of the last model seen (a retrained model replaces it). */
let last: { settings: string; flat: Float64Array; evaluator: MaskedEvaluator } | null = null;

function evaluatorFor({ settings, flat }: LabWeights): MaskedEvaluator {
  const key = JSON.stringify(settings);
  const same = last && last.settings === key && last.flat.length === flat.length && last.flat.every((v, i) => v === flat[i]);
  if (same) return last!.evaluator;
  const config = labConfig(settings);
  const evaluator = new MaskedEvaluator(allocateParams(config, flat.slice()), config, labTestSets(settings).test);
  last = { settings: key, flat: flat.slice(), evaluator };
  return evaluator;
}

/**
 * Lesson 7: run the lab model under `mask` with every layer's masked sum done by the
 * reader's function (called as maskedSum(input, contributions, xi)), the MLP and readout
 * the course's; compare each layer's sum with the course's on the same input.
 */
const maskedSumDriver: Driver = async (name, fn, [weights, mask]) => {
  let worst: MaskedSumDrive['worst'] = null;
  const run = await evaluatorFor(weights as LabWeights).runWithSum(mask as HeadMask, async ({ input, contributions, xi, layer, course }) => {
    const got = fn(input, contributions, xi);
    if (!Matrix.isMatrix(got)) throw new TypeError(`${name} returned ${got === null ? 'null' : typeof got} at layer ${layer + 1}, not a Matrix`);
    const difference = compareMatrices(got as Matrix, course());
    if (difference.kind === 'shape') throw new RangeError(`${name} returned ${difference.got.join(' × ')} at layer ${layer + 1}; the widget needs ${difference.expected.join(' × ')}, the shape of the input`);
    // keep the layer with the largest difference (the first NaN, if any)
    const previous = worst?.difference.kind === 'values' ? worst.difference.maxAbsDiff : undefined;
    if (previous === undefined || (!Number.isNaN(previous) && (Number.isNaN(difference.maxAbsDiff) || difference.maxAbsDiff > previous))) worst = { layer, difference };
    return got as Matrix;
  });
  return { accuracy: run.accuracy, loss: run.loss, predicted: Int32Array.from(run.predicted), worst } satisfies MaskedSumDrive;
};

/** Every driver, by the name a widget asks for. */
export const DRIVERS: Record<string, Driver> = {
  'masked-sum': maskedSumDriver,
};
