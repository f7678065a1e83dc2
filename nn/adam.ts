/** Adam (Kingma & Ba) over a set of parameter arrays, with a learning rate set per step. */
export class Adam {
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  private step = 0;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;

  constructor(sizes: readonly number[], options: { beta1?: number; beta2?: number; epsilon?: number } = {}) {
    this.m = sizes.map((n) => new Float32Array(n));
    this.v = sizes.map((n) => new Float32Array(n));
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
  }

  /** Starts a step: call once per minibatch before `update` on each parameter. */
  begin(): void {
    this.step += 1;
  }

  /** param -= rate * m_hat / (sqrt(v_hat) + eps), for parameter slot `slot`. */
  update(slot: number, param: Float32Array, grad: Float32Array, rate: number): void {
    const m = this.m[slot]!;
    const v = this.v[slot]!;
    const { beta1, beta2, epsilon } = this;
    const c1 = 1 / (1 - beta1 ** this.step);
    const c2 = 1 / (1 - beta2 ** this.step);
    for (let i = 0; i < param.length; i++) {
      const g = grad[i]!;
      m[i] = beta1 * m[i]! + (1 - beta1) * g;
      v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
      param[i]! -= (rate * m[i]! * c1) / (Math.sqrt(v[i]! * c2) + epsilon);
    }
  }
}
