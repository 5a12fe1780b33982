import { Matrix } from 'ml-matrix';
import { rows } from '../attention';
import type { Params } from './model';

/** Adam's settings (Kingma & Ba 2015). */
export interface AdamOptions {
  lr: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

/** Adam with per-parameter first and second moments; updates parameters in place. */
export class Adam {
  #m = new Map<string, Matrix>();
  #v = new Map<string, Matrix>();
  /** β₁ᵗ and β₂ᵗ, kept as running products (exact in every engine, unlike `**`). */
  #beta1t = 1;
  #beta2t = 1;
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;

  constructor({ lr, beta1 = 0.9, beta2 = 0.999, eps = 1e-8 }: AdamOptions) {
    if (!(lr > 0)) throw new RangeError(`the learning rate must be positive, got ${lr}`);
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
  }

  /** One step: p ← p − lr · m̂ / (√v̂ + ε), for every parameter that has a gradient. */
  step(params: Params, grads: Params): void {
    this.#beta1t *= this.beta1;
    this.#beta2t *= this.beta2;
    const c1 = 1 - this.#beta1t; // bias corrections
    const c2 = 1 - this.#beta2t;
    for (const [name, g] of Object.entries(grads)) {
      const m = this.#m.get(name) ?? new Matrix(g.rows, g.columns);
      const v = this.#v.get(name) ?? new Matrix(g.rows, g.columns);
      const [P, G, M, V] = [params[name], g, m, v].map(rows);
      for (let i = 0; i < g.rows; i++) {
        for (let j = 0; j < g.columns; j++) {
          const gij = G[i][j];
          const mij = (M[i][j] = this.beta1 * M[i][j] + (1 - this.beta1) * gij);
          const vij = (V[i][j] = this.beta2 * V[i][j] + (1 - this.beta2) * gij * gij);
          P[i][j] -= (this.lr * (mij / c1)) / (Math.sqrt(vij / c2) + this.eps);
        }
      }
      this.#m.set(name, m);
      this.#v.set(name, v);
    }
  }
}
