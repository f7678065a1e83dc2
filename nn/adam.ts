import type { Arena, Tensor } from './kernels/arena.ts';

/**
 * Adam (Kingma & Ba) over a set of parameter tensors in the arena, with a learning rate set per step;
 * the moments live beside them and the update runs in the WASM kernel.
 */
export class Adam {
  private readonly arena: Arena;
  private readonly moments: Array<readonly [Tensor, Tensor]>;
  private step = 0;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;

  constructor(
    arena: Arena,
    params: readonly Tensor[],
    options: { beta1?: number; beta2?: number; epsilon?: number } = {},
  ) {
    this.arena = arena;
    this.moments = params.map((p) => [arena.tensor(p.rows, p.cols), arena.tensor(p.rows, p.cols)] as const);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
  }

  /** Starts a step: call once per minibatch before `update` on each parameter. */
  begin(): void {
    this.step += 1;
  }

  /** param -= rate * m_hat / (sqrt(v_hat) + eps), for the parameter of slot `slot`. */
  update(slot: number, param: Tensor, grad: Tensor, rate: number): void {
    const [m, v] = this.moments[slot]!;
    const { beta1, beta2, epsilon } = this;
    this.arena.adam(param, grad, m, v, {
      rate,
      beta1,
      beta2,
      c1: 1 / (1 - beta1 ** this.step),
      c2: 1 / (1 - beta2 ** this.step),
      epsilon,
    });
  }
}
