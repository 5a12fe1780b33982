import { Matrix } from 'ml-matrix';
import { gaussian, type Rng } from './random';

/** A (rows, columns) matrix of N(0, std²) samples. */
export function randomMatrix(rows: number, columns: number, rng: Rng, std = 1): Matrix {
  const m = new Matrix(rows, columns);
  for (let i = 0; i < rows; i++) for (let j = 0; j < columns; j++) m.set(i, j, std * gaussian(rng));
  return m;
}
