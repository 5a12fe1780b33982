/** Adam's settings (Kingma & Ba 2015). */
export interface AdamOptions {
  lr: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

/**
 * Adam over a flat parameter vector (a model's `flat`): per-entry first and second
 * moments; updates the parameters in place.
 */
export class Adam {
  #m: Float64Array | null = null;
  #v: Float64Array | null = null;
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

  /** One step: p ← p − lr · m̂ / (√v̂ + ε), entry by entry. */
  step(params: Float64Array, grads: Float64Array): void {
    if (grads.length !== params.length) throw new RangeError(`${grads.length} gradients for ${params.length} parameters`);
    const m = (this.#m ??= new Float64Array(params.length));
    const v = (this.#v ??= new Float64Array(params.length));
    if (m.length !== params.length) throw new RangeError(`this optimiser holds moments for ${m.length} parameters, not ${params.length}`);
    this.#beta1t *= this.beta1;
    this.#beta2t *= this.beta2;
    const c1 = 1 - this.#beta1t; // bias corrections
    const c2 = 1 - this.#beta2t;
    for (let i = 0; i < params.length; i++) {
      const g = grads[i];
      const mi = (m[i] = this.beta1 * m[i] + (1 - this.beta1) * g);
      const vi = (v[i] = this.beta2 * v[i] + (1 - this.beta2) * g * g);
      params[i] -= (this.lr * (mi / c1)) / (Math.sqrt(vi / c2) + this.eps);
    }
  }
}
