import { readFileSync } from 'node:fs';

/** The exports of nn/wasm/kernels.wasm (sources: nn/wasm/*.as.ts); pointers are byte offsets. */
interface KernelExports {
  matmul(
    a: number,
    b: number,
    c: number,
    m: number,
    k: number,
    n: number,
    accumulate: number,
    list: number,
    transposeA: number,
  ): void;
  transpose(src: number, dst: number, rows: number, cols: number): void;
  columnSums(x: number, out: number, rows: number, n: number): void;
  batchNormForward(
    z: number,
    xhat: number,
    invStd: number,
    mean: number,
    variance: number,
    runningMean: number,
    runningVar: number,
    B: number,
    n: number,
    eps: number,
    momentum: number,
    training: number,
  ): void;
  affineActivate(
    x: number,
    scale: number,
    shift: number,
    out: number,
    next: number,
    B: number,
    n: number,
    kind: number,
  ): void;
  activationBackward(grad: number, y: number, count: number, kind: number): void;
  batchNormBackward(
    grad: number,
    xhat: number,
    gamma: number,
    invStd: number,
    gammaGrad: number,
    betaGrad: number,
    B: number,
    n: number,
  ): void;
  adam(
    param: number,
    grad: number,
    m: number,
    v: number,
    count: number,
    rate: number,
    beta1: number,
    beta2: number,
    c1: number,
    c2: number,
    eps: number,
  ): void;
  updateStates(
    latent: number,
    state: number,
    realized: number,
    n: number,
    states: number,
    levels: number,
    hysteresis: number,
    flags: number,
    margin: number,
    maxAttempts: number,
    samples: number,
    poolStart: number,
    stream: number,
    events: number,
  ): number;
  loadWeights(
    weight: number,
    realized: number,
    state: number,
    levels: number,
    n: number,
    scale: number,
    band: number,
    stream: number,
  ): void;
}

/** The flags of nn/wasm/synapses.as.ts updateStates for an in-situ update. */
const programFlags = (program: { keepBest: boolean; everyBatch: boolean }) =>
  1 | (program.keepBest ? 2 : 0) | (program.everyBatch ? 4 : 0);

export type Activation = 'relu' | 'hardtanh' | 'identity';
/** The codes nn/wasm/elementwise.as.ts uses for the activations. */
const activationCode: Record<Activation, number> = { relu: 0, hardtanh: 1, identity: 2 };

export interface AdamStep {
  readonly rate: number;
  readonly beta1: number;
  readonly beta2: number;
  /** Bias corrections 1 / (1 - beta^t). */
  readonly c1: number;
  readonly c2: number;
  readonly epsilon: number;
}

const wasmModule = new WebAssembly.Module(readFileSync(new URL('../wasm/kernels.wasm', import.meta.url)));

function sameShape(name: string, ...tensors: Tensor[]): void {
  const [first] = tensors;
  if (tensors.some((t) => t.rows !== first!.rows || t.cols !== first!.cols)) {
    throw new Error(
      `internal error: ${name} on tensors of shapes ${tensors.map((t) => `${t.rows}x${t.cols}`).join(', ')}`,
    );
  }
}

function sameLength(name: string, ...arrays: ArenaArray[]): void {
  if (arrays.some((a) => a.length !== arrays[0]!.length))
    throw new Error(`internal error: ${name} on arrays of unequal length`);
}

function vectorsOf(name: string, n: number, ...vectors: Tensor[]): void {
  if (vectors.some((v) => v.rows * v.cols !== n)) throw new Error(`internal error: ${name} needs vectors of ${n}`);
}

type ArenaArray = Float32Array | Int32Array | Uint32Array | Uint8Array;
interface ArenaArrayKind<T extends ArenaArray> {
  new (buffer: ArrayBuffer, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

/** A float32 matrix living in the arena's WebAssembly memory. */
export interface Tensor {
  readonly rows: number;
  readonly cols: number;
  /** Byte offset in the arena memory. */
  readonly offset: number;
  /** A view on the memory: valid for the arena's life (the memory never grows). */
  readonly data: Float32Array;
}

/**
 * Fixed-size WebAssembly memory holding the tensors the SIMD kernels work on. Allocation is a bump
 * pointer: a training run allocates its buffers once. The memory never grows, so views stay valid.
 */
export class Arena {
  private readonly memory: WebAssembly.Memory;
  private readonly kernels: KernelExports;
  private next = 0;
  /** matmul's scratch: the columns of A a block of rows uses (grown to the widest A seen). */
  private columnList = new Int32Array(0);
  readonly capacityBytes: number;
  /** Where updateStates stores its programming events. */
  private readonly events: Int32Array;

  constructor(capacityBytes: number) {
    const pages = Math.ceil(capacityBytes / 65536);
    this.capacityBytes = pages * 65536;
    this.memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    this.kernels = new WebAssembly.Instance(wasmModule, { env: { memory: this.memory } })
      .exports as unknown as KernelExports;
    this.events = this.array(Int32Array, 1);
  }

  tensor(rows: number, cols: number): Tensor {
    const data = this.array(Float32Array, rows * cols);
    return { rows, cols, offset: data.byteOffset, data };
  }

  /** A typed array of `length` elements in the arena's memory: its byteOffset is its address for the kernels. */
  array<T extends ArenaArray>(kind: ArenaArrayKind<T>, length: number): T {
    const bytes = length * kind.BYTES_PER_ELEMENT;
    const offset = this.next;
    if (offset + bytes > this.capacityBytes) {
      throw new Error(`internal error: arena of ${this.capacityBytes} bytes cannot hold another ${bytes} bytes`);
    }
    this.next = offset + Math.ceil(bytes / 16) * 16; // 16-byte alignment for v128 loads
    return new kind(this.memory.buffer, offset, length);
  }

  /** The address of an array the arena holds (internal error otherwise). */
  private address(view: ArenaArray): number {
    if (view.buffer !== this.memory.buffer) throw new Error('internal error: a kernel argument outside the arena');
    return view.byteOffset;
  }

  /**
   * Clips the latent weights to [-1, 1] and moves each synapse to its nearest state (see nn/synapse-update.ts);
   * `program` programs each moved device from the device's sample pools with the stream at `program.stream`
   * (advanced). Returns the programming attempts and events (devices programmed).
   */
  updateStates(
    synapse: { latent: Float32Array; state: Uint8Array; realized: Float32Array },
    device: { states: number; levels: Float32Array; hysteresis: number },
    program: {
      margin: number;
      maxAttempts: number;
      keepBest: boolean;
      everyBatch: boolean;
      samples: Float32Array;
      poolStart: Int32Array;
      stream: Uint32Array;
    } | null,
  ): { attempts: number; events: number } {
    sameLength('updateStates', synapse.latent, synapse.state, synapse.realized);
    const attempts = this.kernels.updateStates(
      this.address(synapse.latent),
      this.address(synapse.state),
      this.address(synapse.realized),
      synapse.latent.length,
      device.states,
      this.address(device.levels),
      device.hysteresis,
      program ? programFlags(program) : 0,
      program?.margin ?? 0,
      program?.maxAttempts ?? 0,
      program ? this.address(program.samples) : 0,
      program ? this.address(program.poolStart) : 0,
      program ? this.address(program.stream) : 0,
      this.address(this.events),
    );
    return { attempts, events: this.events[0]! };
  }

  /**
   * weight = scale times realized[i] (`realized` given) or levels[state[i]], plus uniform noise in [-band, band) from
   * the stream at `noise` (advanced) when band > 0.
   */
  loadWeights(
    weight: Float32Array,
    source: { realized: Float32Array | null; state: Uint8Array; levels: Float32Array },
    scale: number,
    noise: { band: number; stream: Uint32Array } | null,
  ): void {
    sameLength('loadWeights', weight, source.state, ...(source.realized ? [source.realized] : []));
    this.kernels.loadWeights(
      this.address(weight),
      source.realized ? this.address(source.realized) : 0,
      this.address(source.state),
      this.address(source.levels),
      weight.length,
      scale,
      noise?.band ?? 0,
      noise ? this.address(noise.stream) : 0,
    );
  }

  /** c = a b, or c += a b with `accumulate`. */
  matmul(a: Tensor, b: Tensor, c: Tensor, accumulate = false): void {
    this.product(a, false, b, c, accumulate);
  }

  /** c = a^T b, reading a in place (no transposed copy). */
  matmulTransposedA(a: Tensor, b: Tensor, c: Tensor): void {
    this.product(a, true, b, c, false);
  }

  private product(a: Tensor, transposeA: boolean, b: Tensor, c: Tensor, accumulate: boolean): void {
    const [m, k] = transposeA ? [a.cols, a.rows] : [a.rows, a.cols];
    if (k !== b.rows || c.rows !== m || c.cols !== b.cols) {
      const op = transposeA ? `(${a.rows}x${a.cols})^T` : `${a.rows}x${a.cols}`;
      throw new Error(`internal error: matmul of ${op} by ${b.rows}x${b.cols} into ${c.rows}x${c.cols}`);
    }
    if (this.columnList.length < 2 * k) this.columnList = this.array(Int32Array, 2 * k);
    const list = this.columnList.byteOffset;
    this.kernels.matmul(a.offset, b.offset, c.offset, m, k, b.cols, accumulate ? 1 : 0, list, transposeA ? 1 : 0);
  }

  /** A 1 x n tensor (parameters, statistics). */
  vector(n: number): Tensor {
    return this.tensor(1, n);
  }

  transpose(src: Tensor, dst: Tensor): void {
    if (dst.rows !== src.cols || dst.cols !== src.rows) throw new Error('internal error: transpose shape');
    this.kernels.transpose(src.offset, dst.offset, src.rows, src.cols);
  }

  /** out[j] = sum over the rows of x[., j]. */
  columnSums(x: Tensor, out: Tensor): void {
    vectorsOf('columnSums', x.cols, out);
    this.kernels.columnSums(x.offset, out.offset, x.rows, x.cols);
  }

  /**
   * Normalizes z's columns into xhat with the batch statistics (training: they also update the running
   * ones with `momentum`) or the running statistics; invStd receives 1 / sqrt(var + eps).
   */
  batchNormForward(
    z: Tensor,
    xhat: Tensor,
    invStd: Tensor,
    scratch: readonly [Tensor, Tensor],
    running: readonly [Tensor, Tensor],
    eps: number,
    momentum: number,
    training: boolean,
  ): void {
    sameShape('batchNormForward', z, xhat);
    vectorsOf('batchNormForward', z.cols, invStd, ...running);
    if (scratch.some((v) => v.cols < z.cols)) throw new Error('internal error: batch-norm scratch too small');
    const [mean, variance] = scratch;
    this.kernels.batchNormForward(
      z.offset,
      xhat.offset,
      invStd.offset,
      mean.offset,
      variance.offset,
      running[0].offset,
      running[1].offset,
      z.rows,
      z.cols,
      eps,
      momentum,
      training ? 1 : 0,
    );
  }

  /** out = scale[j] x + shift[j], next = activation(out); next may be out. */
  affineActivate(x: Tensor, scale: Tensor, shift: Tensor, out: Tensor, next: Tensor, activation: Activation): void {
    sameShape('affineActivate', x, out, next);
    vectorsOf('affineActivate', x.cols, scale, shift);
    this.kernels.affineActivate(
      x.offset,
      scale.offset,
      shift.offset,
      out.offset,
      next.offset,
      x.rows,
      x.cols,
      activationCode[activation],
    );
  }

  /** grad *= activation'(y), y the activation's input. */
  activationBackward(grad: Tensor, y: Tensor, activation: Activation): void {
    sameShape('activationBackward', grad, y);
    this.kernels.activationBackward(grad.offset, y.offset, grad.rows * grad.cols, activationCode[activation]);
  }

  /** Batch-norm backward in place (grad: dL/dy in, dL/dz out); fills gammaGrad and betaGrad. */
  batchNormBackward(
    grad: Tensor,
    xhat: Tensor,
    gamma: Tensor,
    invStd: Tensor,
    gammaGrad: Tensor,
    betaGrad: Tensor,
  ): void {
    sameShape('batchNormBackward', grad, xhat);
    vectorsOf('batchNormBackward', grad.cols, gamma, invStd, gammaGrad, betaGrad);
    this.kernels.batchNormBackward(
      grad.offset,
      xhat.offset,
      gamma.offset,
      invStd.offset,
      gammaGrad.offset,
      betaGrad.offset,
      grad.rows,
      grad.cols,
    );
  }

  /** One Adam update of param from grad with moments m and v (all the same size). */
  adam(param: Tensor, grad: Tensor, m: Tensor, v: Tensor, step: AdamStep): void {
    sameShape('adam', param, grad, m, v);
    this.kernels.adam(
      param.offset,
      grad.offset,
      m.offset,
      v.offset,
      param.rows * param.cols,
      step.rate,
      step.beta1,
      step.beta2,
      step.c1,
      step.c2,
      step.epsilon,
    );
  }
}
