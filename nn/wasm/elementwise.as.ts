// The elementwise work of a training step (batch norm, activations, bias, Adam), as SIMD loops over
// row-major float32 tensors. Columns run along memory, so per-column statistics accumulate a row at a
// time with 4-wide vectors; the last n % 4 columns take a scalar path.

/** Activation codes shared with nn/kernels/arena.ts. */
const RELU = 0;
const HARDTANH = 1;

@inline
function at(base: usize, index: i32): usize {
  return base + (<usize>index << 2);
}

/** out[j] = sum over rows b of x[b, j], for a rows x n matrix. */
export function columnSums(x: usize, out: usize, rows: i32, n: i32): void {
  memory.fill(out, 0, <usize>n << 2);
  const n4 = n & ~3;
  for (let b = 0; b < rows; b++) {
    const row = at(x, b * n);
    for (let j = 0; j < n4; j += 4) v128.store(at(out, j), f32x4.add(v128.load(at(out, j)), v128.load(at(row, j))));
    for (let j = n4; j < n; j++) store<f32>(at(out, j), load<f32>(at(out, j)) + load<f32>(at(row, j)));
  }
}

/**
 * Batch-norm statistics and normalization of z (B x n) into xhat. Training: the batch mean and
 * (biased) variance, folded into the running statistics with `momentum` (running variance unbiased);
 * otherwise the running statistics. Writes invStd[j] = 1 / sqrt(var + eps). `mean` and `variance` are
 * n-float scratch.
 */
export function batchNormForward(z: usize, xhat: usize, invStd: usize, mean: usize, variance: usize, runningMean: usize, runningVar: usize, B: i32, n: i32, eps: f32, momentum: f32, training: i32): void {
  if (training != 0) {
    columnSums(z, mean, B, n);
    const inv: f32 = 1 / <f32>B;
    for (let j = 0; j < n; j++) store<f32>(at(mean, j), load<f32>(at(mean, j)) * inv);
    memory.fill(variance, 0, <usize>n << 2);
    const n4 = n & ~3;
    for (let b = 0; b < B; b++) {
      const row = at(z, b * n);
      for (let j = 0; j < n4; j += 4) {
        const d = f32x4.sub(v128.load(at(row, j)), v128.load(at(mean, j)));
        v128.store(at(variance, j), f32x4.add(v128.load(at(variance, j)), f32x4.mul(d, d)));
      }
      for (let j = n4; j < n; j++) {
        const d = load<f32>(at(row, j)) - load<f32>(at(mean, j));
        store<f32>(at(variance, j), load<f32>(at(variance, j)) + d * d);
      }
    }
    const unbias: f32 = <f32>B / <f32>max(1, B - 1);
    for (let j = 0; j < n; j++) {
      const v = load<f32>(at(variance, j)) * inv;
      store<f32>(at(variance, j), v);
      store<f32>(at(runningMean, j), (1 - momentum) * load<f32>(at(runningMean, j)) + momentum * load<f32>(at(mean, j)));
      store<f32>(at(runningVar, j), (1 - momentum) * load<f32>(at(runningVar, j)) + momentum * v * unbias);
    }
  } else {
    memory.copy(mean, runningMean, <usize>n << 2);
    memory.copy(variance, runningVar, <usize>n << 2);
  }
  for (let j = 0; j < n; j++) store<f32>(at(invStd, j), 1 / Mathf.sqrt(load<f32>(at(variance, j)) + eps));
  const n4 = n & ~3;
  for (let b = 0; b < B; b++) {
    const zRow = at(z, b * n);
    const xRow = at(xhat, b * n);
    for (let j = 0; j < n4; j += 4) {
      v128.store(at(xRow, j), f32x4.mul(f32x4.sub(v128.load(at(zRow, j)), v128.load(at(mean, j))), v128.load(at(invStd, j))));
    }
    for (let j = n4; j < n; j++) store<f32>(at(xRow, j), (load<f32>(at(zRow, j)) - load<f32>(at(mean, j))) * load<f32>(at(invStd, j)));
  }
}

@inline
function activate(y: v128, kind: i32): v128 {
  if (kind == RELU) return f32x4.max(y, f32x4.splat(0));
  if (kind == HARDTANH) return f32x4.min(f32x4.max(y, f32x4.splat(-1)), f32x4.splat(1));
  return y;
}

@inline
function activateScalar(y: f32, kind: i32): f32 {
  if (kind == RELU) return y > 0 ? y : 0;
  if (kind == HARDTANH) return y > 1 ? 1 : y < -1 ? -1 : y;
  return y;
}

/**
 * y = scale[j] x + shift[j] into `out`, and the activation of y (0 ReLU, 1 hardtanh, 2 identity) into
 * `next` (the next layer's input; may be `out`).
 */
export function affineActivate(x: usize, scale: usize, shift: usize, out: usize, next: usize, B: i32, n: i32, kind: i32): void {
  const n4 = n & ~3;
  for (let b = 0; b < B; b++) {
    const xRow = at(x, b * n);
    const oRow = at(out, b * n);
    const nRow = at(next, b * n);
    for (let j = 0; j < n4; j += 4) {
      const y = f32x4.add(f32x4.mul(v128.load(at(scale, j)), v128.load(at(xRow, j))), v128.load(at(shift, j)));
      v128.store(at(oRow, j), y);
      v128.store(at(nRow, j), activate(y, kind));
    }
    for (let j = n4; j < n; j++) {
      const y = load<f32>(at(scale, j)) * load<f32>(at(xRow, j)) + load<f32>(at(shift, j));
      store<f32>(at(oRow, j), y);
      store<f32>(at(nRow, j), activateScalar(y, kind));
    }
  }
}

/** grad *= the activation's derivative at y (its input), over `count` floats. */
export function activationBackward(grad: usize, y: usize, count: i32, kind: i32): void {
  if (kind != RELU && kind != HARDTANH) return;
  const c4 = count & ~3;
  for (let i = 0; i < c4; i += 4) {
    const v = v128.load(at(y, i));
    const pass = kind == RELU ? f32x4.gt(v, f32x4.splat(0)) : v128.and(f32x4.ge(v, f32x4.splat(-1)), f32x4.le(v, f32x4.splat(1)));
    v128.store(at(grad, i), v128.and(v128.load(at(grad, i)), pass));
  }
  for (let i = c4; i < count; i++) {
    const v = load<f32>(at(y, i));
    const pass = kind == RELU ? v > 0 : v >= -1 && v <= 1;
    if (!pass) store<f32>(at(grad, i), 0);
  }
}

/**
 * Batch-norm backward in place: grad holds dL/dy (B x n) and becomes dL/dz. Fills betaGrad = sum dy and
 * gammaGrad = sum dy xhat per column.
 */
export function batchNormBackward(grad: usize, xhat: usize, gamma: usize, invStd: usize, gammaGrad: usize, betaGrad: usize, B: i32, n: i32): void {
  columnSums(grad, betaGrad, B, n);
  memory.fill(gammaGrad, 0, <usize>n << 2);
  const n4 = n & ~3;
  for (let b = 0; b < B; b++) {
    const gRow = at(grad, b * n);
    const xRow = at(xhat, b * n);
    for (let j = 0; j < n4; j += 4) {
      v128.store(at(gammaGrad, j), f32x4.add(v128.load(at(gammaGrad, j)), f32x4.mul(v128.load(at(gRow, j)), v128.load(at(xRow, j)))));
    }
    for (let j = n4; j < n; j++) store<f32>(at(gammaGrad, j), load<f32>(at(gammaGrad, j)) + load<f32>(at(gRow, j)) * load<f32>(at(xRow, j)));
  }
  const batch = <f32>B;
  const vBatch = f32x4.splat(batch);
  for (let b = 0; b < B; b++) {
    const gRow = at(grad, b * n);
    const xRow = at(xhat, b * n);
    for (let j = 0; j < n4; j += 4) {
      const scale = f32x4.div(f32x4.mul(v128.load(at(gamma, j)), v128.load(at(invStd, j))), vBatch);
      const inner = f32x4.sub(f32x4.sub(f32x4.mul(vBatch, v128.load(at(gRow, j))), v128.load(at(betaGrad, j))), f32x4.mul(v128.load(at(xRow, j)), v128.load(at(gammaGrad, j))));
      v128.store(at(gRow, j), f32x4.mul(scale, inner));
    }
    for (let j = n4; j < n; j++) {
      const scale = (load<f32>(at(gamma, j)) * load<f32>(at(invStd, j))) / batch;
      const inner = batch * load<f32>(at(gRow, j)) - load<f32>(at(betaGrad, j)) - load<f32>(at(xRow, j)) * load<f32>(at(gammaGrad, j));
      store<f32>(at(gRow, j), scale * inner);
    }
  }
}

/**
 * One Adam step over `count` parameters: m and v are the moment estimates, c1 and c2 the bias
 * corrections 1 / (1 - beta^t). param -= rate m c1 / (sqrt(v c2) + eps).
 */
export function adam(param: usize, grad: usize, m: usize, v: usize, count: i32, rate: f32, beta1: f32, beta2: f32, c1: f32, c2: f32, eps: f32): void {
  const c4 = count & ~3;
  const b1 = f32x4.splat(beta1), b2 = f32x4.splat(beta2);
  const one1 = f32x4.splat(1 - beta1), one2 = f32x4.splat(1 - beta2);
  const vc1 = f32x4.splat(rate * c1), vc2 = f32x4.splat(c2), ve = f32x4.splat(eps);
  for (let i = 0; i < c4; i += 4) {
    const g = v128.load(at(grad, i));
    const mi = f32x4.add(f32x4.mul(b1, v128.load(at(m, i))), f32x4.mul(one1, g));
    const vi = f32x4.add(f32x4.mul(b2, v128.load(at(v, i))), f32x4.mul(one2, f32x4.mul(g, g)));
    v128.store(at(m, i), mi);
    v128.store(at(v, i), vi);
    const step = f32x4.div(f32x4.mul(vc1, mi), f32x4.add(f32x4.sqrt(f32x4.mul(vi, vc2)), ve));
    v128.store(at(param, i), f32x4.sub(v128.load(at(param, i)), step));
  }
  for (let i = c4; i < count; i++) {
    const g = load<f32>(at(grad, i));
    const mi = beta1 * load<f32>(at(m, i)) + (1 - beta1) * g;
    const vi = beta2 * load<f32>(at(v, i)) + (1 - beta2) * g * g;
    store<f32>(at(m, i), mi);
    store<f32>(at(v, i), vi);
    store<f32>(at(param, i), load<f32>(at(param, i)) - (rate * c1 * mi) / (Mathf.sqrt(vi * c2) + eps));
  }
}
