// The local terms of the effective field and the stochastic Heun update of a strip, cell by cell, over
// float64 arrays in the memory imported from JavaScript (device-sim/llg/solver/fused-heun.ts). Each kernel does
// the operations of its TypeScript reference (dmi.ts, anisotropy.ts, zeeman.ts, spin-torques.ts, llg.ts, heun.ts,
// thermal.ts and core/rng.ts) in their order, so the two agree bit for bit (IEEE double arithmetic is the same in both);
// fusing them saves the passes over memory and the bounds checks of the TypeScript, not any arithmetic.
// Entry: `npm run build:wasm:heun` compiles it into heun.wasm (committed; a test checks the binary).

import { loadStream, nextUint32, storeStream, uniform } from '../../../core/wasm/xoshiro.as';

/** Where the module's own static data ends: the arena hands out memory from there. */
export function heapBase(): usize {
  return __heap_base;
}

@inline
function f(base: usize, i: i32): f64 {
  return load<f64>(base + (<usize>i << 3));
}

@inline
function put(base: usize, i: i32, value: f64): void {
  store<f64>(base + (<usize>i << 3), value);
}

@inline
function isFilm(film: usize, i: i32): bool {
  return film == 0 || load<u8>(film + <usize>i) == 1;
}

/**
 * b := noise + exchange and DMI field + uniaxial anisotropy field, for an m of `nx ny nz` cells (x fastest) given as
 * three arrays m, m + step, m + 2 step (b and noise likewise). `film` (0: none) is a byte per cell, 1 film, 0 vacuum:
 * a vacuum neighbour is a free surface, and a vacuum cell gets the noise alone (dmi.ts, addExchangeDmiField; then
 * anisotropy.ts, addUniaxialField with axis u). cx, cy, cz: 2A/(Ms d²); dmiX, dmiY: D/(Ms d); gx, gy: d D/(2A). `interior` has a byte per cell, 1 where the
 * cell and its four in-plane neighbours are film (of a single layer): pairs of such cells take the SIMD path.
 */
export function localField(
  m: usize,
  noise: usize,
  b: usize,
  step: usize,
  film: usize,
  interior: usize,
  ku: usize,
  nx: i32,
  ny: i32,
  nz: i32,
  cx: f64,
  cy: f64,
  cz: f64,
  dmiX: f64,
  dmiY: f64,
  gx: f64,
  gy: f64,
  msatAPerM: f64,
  ux: f64,
  uy: f64,
  uz: f64,
): void {
  const plane = nx * ny;
  for (let iz = 0; iz < nz; iz++) {
    for (let iy = 0; iy < ny; iy++) {
      let ix = 0;
      while (ix < nx) {
        const i = iz * plane + iy * nx + ix;
        if (ix + 1 < nx && load<u16>(interior + <usize>i) == 0x0101) {
          interiorPair(m, noise, b, step, ku, i, nx, cx, cy, dmiX, dmiY, msatAPerM, ux, uy, uz);
          ix += 2;
          continue;
        }
        const mX = m;
        const mY = m + step;
        const mZ = m + 2 * step;
        const mx = f(mX, i);
        const my = f(mY, i);
        const mz = f(mZ, i);
        let totalX = f(noise, i);
        let totalY = f(noise + step, i);
        let totalZ = f(noise + 2 * step, i);
        if (isFilm(film, i)) {
          let bx = 0.0;
          let by = 0.0;
          let bz = 0.0;
          const hasLeft = ix > 0 && isFilm(film, i - 1);
          const hasRight = ix < nx - 1 && isFilm(film, i + 1);
          const lx = hasLeft ? f(mX, i - 1) : mx - gx * mz;
          const ly = hasLeft ? f(mY, i - 1) : my;
          const lz = hasLeft ? f(mZ, i - 1) : mz + gx * mx;
          const rx = hasRight ? f(mX, i + 1) : mx + gx * mz;
          const ry = hasRight ? f(mY, i + 1) : my;
          const rz = hasRight ? f(mZ, i + 1) : mz - gx * mx;
          if (nx > 1) {
            bx += cx * (lx + rx - 2 * mx);
            by += cx * (ly + ry - 2 * my);
            bz += cx * (lz + rz - 2 * mz);
            bx += dmiX * (rz - lz);
            bz -= dmiX * (rx - lx);
          }
          const hasDown = iy > 0 && isFilm(film, i - nx);
          const hasUp = iy < ny - 1 && isFilm(film, i + nx);
          const dx = hasDown ? f(mX, i - nx) : mx;
          const dy = hasDown ? f(mY, i - nx) : my - gy * mz;
          const dz = hasDown ? f(mZ, i - nx) : mz + gy * my;
          const upX = hasUp ? f(mX, i + nx) : mx;
          const upY = hasUp ? f(mY, i + nx) : my + gy * mz;
          const upZ = hasUp ? f(mZ, i + nx) : mz - gy * my;
          if (ny > 1) {
            bx += cy * (dx + upX - 2 * mx);
            by += cy * (dy + upY - 2 * my);
            bz += cy * (dz + upZ - 2 * mz);
            by += dmiY * (upZ - dz);
            bz -= dmiY * (upY - dy);
          }
          if (iz > 0 && isFilm(film, i - plane)) {
            const j = i - plane;
            bx += cz * (f(mX, j) - mx);
            by += cz * (f(mY, j) - my);
            bz += cz * (f(mZ, j) - mz);
          }
          if (iz < nz - 1 && isFilm(film, i + plane)) {
            const j = i + plane;
            bx += cz * (f(mX, j) - mx);
            by += cz * (f(mY, j) - my);
            bz += cz * (f(mZ, j) - mz);
          }
          totalX += bx;
          totalY += by;
          totalZ += bz;
        }
        const c = ((2 * f(ku, i)) / msatAPerM) * (mx * ux + my * uy + mz * uz);
        put(b, i, totalX + c * ux);
        put(b + step, i, totalY + c * uy);
        put(b + 2 * step, i, totalZ + c * uz);
        ix += 1;
      }
    }
  }
}

@inline
function v(base: usize, i: i32): v128 {
  return v128.load(base + (<usize>i << 3));
}

/**
 * localField on cells i and i + 1 of a row, both film with all four in-plane neighbours film (and a single layer): the
 * same operations in the same order as the scalar path, two cells to a SIMD vector.
 */
@inline
function interiorPair(
  m: usize,
  noise: usize,
  b: usize,
  step: usize,
  ku: usize,
  i: i32,
  nx: i32,
  cxs: f64,
  cys: f64,
  dmiXs: f64,
  dmiYs: f64,
  msatAPerM: f64,
  ux: f64,
  uy: f64,
  uz: f64,
): void {
  const mX = m;
  const mY = m + step;
  const mZ = m + 2 * step;
  const two = f64x2.splat(2);
  const cx = f64x2.splat(cxs);
  const cy = f64x2.splat(cys);
  const dmiX = f64x2.splat(dmiXs);
  const dmiY = f64x2.splat(dmiYs);
  const mx = v(mX, i);
  const my = v(mY, i);
  const mz = v(mZ, i);
  const lx = v(mX, i - 1);
  const ly = v(mY, i - 1);
  const lz = v(mZ, i - 1);
  const rx = v(mX, i + 1);
  const ry = v(mY, i + 1);
  const rz = v(mZ, i + 1);
  const zero = f64x2.splat(0);
  let bx = f64x2.add(zero, f64x2.mul(cx, f64x2.sub(f64x2.add(lx, rx), f64x2.mul(two, mx))));
  let by = f64x2.add(zero, f64x2.mul(cx, f64x2.sub(f64x2.add(ly, ry), f64x2.mul(two, my))));
  let bz = f64x2.add(zero, f64x2.mul(cx, f64x2.sub(f64x2.add(lz, rz), f64x2.mul(two, mz))));
  bx = f64x2.add(bx, f64x2.mul(dmiX, f64x2.sub(rz, lz)));
  bz = f64x2.sub(bz, f64x2.mul(dmiX, f64x2.sub(rx, lx)));
  const dx = v(mX, i - nx);
  const dy = v(mY, i - nx);
  const dz = v(mZ, i - nx);
  const upX = v(mX, i + nx);
  const upY = v(mY, i + nx);
  const upZ = v(mZ, i + nx);
  bx = f64x2.add(bx, f64x2.mul(cy, f64x2.sub(f64x2.add(dx, upX), f64x2.mul(two, mx))));
  by = f64x2.add(by, f64x2.mul(cy, f64x2.sub(f64x2.add(dy, upY), f64x2.mul(two, my))));
  bz = f64x2.add(bz, f64x2.mul(cy, f64x2.sub(f64x2.add(dz, upZ), f64x2.mul(two, mz))));
  by = f64x2.add(by, f64x2.mul(dmiY, f64x2.sub(upZ, dz)));
  bz = f64x2.sub(bz, f64x2.mul(dmiY, f64x2.sub(upY, dy)));
  const dot = f64x2.add(
    f64x2.add(f64x2.mul(mx, f64x2.splat(ux)), f64x2.mul(my, f64x2.splat(uy))),
    f64x2.mul(mz, f64x2.splat(uz)),
  );
  const c = f64x2.mul(f64x2.div(f64x2.mul(two, v(ku, i)), f64x2.splat(msatAPerM)), dot);
  v128.store(b + (<usize>i << 3), f64x2.add(f64x2.add(v(noise, i), bx), f64x2.mul(c, f64x2.splat(ux))));
  v128.store(b + step + (<usize>i << 3), f64x2.add(f64x2.add(v(noise + step, i), by), f64x2.mul(c, f64x2.splat(uy))));
  v128.store(b + 2 * step + (<usize>i << 3), f64x2.add(f64x2.add(v(noise + 2 * step, i), bz), f64x2.mul(c, f64x2.splat(uz))));
}

/**
 * The rest of a Heun stage once the demag has been added to b: b += the applied field, and with `torque` the
 * spin-orbit fields (damping-like B_DL m × σ, field-like B_FL σ); b := 0 in vacuum; then the LLG rate of (m, b).
 * The predictor stage writes the rate to `rate` and the normalized m + dt rate to `out`; the corrector reads the
 * predictor's rate at `rate` and the step's start at `base`, and writes the normalized base + dt/2 (rate0 + rate1) to
 * `out`. A cell with m = 0 stays 0.
 */
export function finishStage(
  m: usize,
  b: usize,
  corrector: bool,
  rate: usize,
  base: usize,
  out: usize,
  step: usize,
  count: i32,
  film: usize,
  appliedX: f64,
  appliedY: f64,
  appliedZ: f64,
  torque: bool,
  dampingLikeT: f64,
  fieldLikeT: f64,
  sx: f64,
  sy: f64,
  sz: f64,
  alpha: f64,
  gammaRadPerST: f64,
  dtS: f64,
): void {
  const c = -gammaRadPerST / (1 + alpha * alpha);
  const half = 0.5 * dtS;
  let i = 0;
  while (i < count) {
    if (i + 1 < count && (film == 0 || load<u16>(film + <usize>i) == 0x0101)) {
      finishPair(m, b, corrector, rate, base, out, step, i, appliedX, appliedY, appliedZ, torque, dampingLikeT, fieldLikeT, sx, sy, sz, alpha, c, dtS, half);
      i += 2;
      continue;
    }
    const mx = f(m, i);
    const my = f(m + step, i);
    const mz = f(m + 2 * step, i);
    let bx = 0.0;
    let by = 0.0;
    let bz = 0.0;
    if (isFilm(film, i)) {
      bx = f(b, i) + appliedX;
      by = f(b + step, i) + appliedY;
      bz = f(b + 2 * step, i) + appliedZ;
      if (torque) {
        bx += dampingLikeT * (my * sz - mz * sy) + fieldLikeT * sx;
        by += dampingLikeT * (mz * sx - mx * sz) + fieldLikeT * sy;
        bz += dampingLikeT * (mx * sy - my * sx) + fieldLikeT * sz;
      }
    }
    const px = my * bz - mz * by;
    const py = mz * bx - mx * bz;
    const pz = mx * by - my * bx;
    const rx = c * (px + alpha * (my * pz - mz * py));
    const ry = c * (py + alpha * (mz * px - mx * pz));
    const rz = c * (pz + alpha * (mx * py - my * px));
    let x: f64;
    let y: f64;
    let z: f64;
    if (!corrector) {
      put(rate, i, rx);
      put(rate + step, i, ry);
      put(rate + 2 * step, i, rz);
      x = mx + dtS * rx;
      y = my + dtS * ry;
      z = mz + dtS * rz;
    } else {
      x = f(base, i) + half * (f(rate, i) + rx);
      y = f(base + step, i) + half * (f(rate + step, i) + ry);
      z = f(base + 2 * step, i) + half * (f(rate + 2 * step, i) + rz);
    }
    let norm = Math.sqrt(x * x + y * y + z * z);
    if (norm == 0) norm = 1;
    put(out, i, x / norm);
    put(out + step, i, y / norm);
    put(out + 2 * step, i, z / norm);
    i += 1;
  }
}

/** finishStage on film cells i and i + 1: the scalar path's operations in its order, two cells to a SIMD vector. */
@inline
function finishPair(
  m: usize,
  b: usize,
  corrector: bool,
  rate: usize,
  base: usize,
  out: usize,
  step: usize,
  i: i32,
  appliedX: f64,
  appliedY: f64,
  appliedZ: f64,
  torque: bool,
  dampingLikeTs: f64,
  fieldLikeTs: f64,
  sxs: f64,
  sys: f64,
  szs: f64,
  alphas: f64,
  cs: f64,
  dtSs: f64,
  halfs: f64,
): void {
  const at = <usize>i << 3;
  const mx = v128.load(m + at);
  const my = v128.load(m + step + at);
  const mz = v128.load(m + 2 * step + at);
  let bx = f64x2.add(v128.load(b + at), f64x2.splat(appliedX));
  let by = f64x2.add(v128.load(b + step + at), f64x2.splat(appliedY));
  let bz = f64x2.add(v128.load(b + 2 * step + at), f64x2.splat(appliedZ));
  if (torque) {
    const dl = f64x2.splat(dampingLikeTs);
    const fl = f64x2.splat(fieldLikeTs);
    const sx = f64x2.splat(sxs);
    const sy = f64x2.splat(sys);
    const sz = f64x2.splat(szs);
    bx = f64x2.add(bx, f64x2.add(f64x2.mul(dl, f64x2.sub(f64x2.mul(my, sz), f64x2.mul(mz, sy))), f64x2.mul(fl, sx)));
    by = f64x2.add(by, f64x2.add(f64x2.mul(dl, f64x2.sub(f64x2.mul(mz, sx), f64x2.mul(mx, sz))), f64x2.mul(fl, sy)));
    bz = f64x2.add(bz, f64x2.add(f64x2.mul(dl, f64x2.sub(f64x2.mul(mx, sy), f64x2.mul(my, sx))), f64x2.mul(fl, sz)));
  }
  const px = f64x2.sub(f64x2.mul(my, bz), f64x2.mul(mz, by));
  const py = f64x2.sub(f64x2.mul(mz, bx), f64x2.mul(mx, bz));
  const pz = f64x2.sub(f64x2.mul(mx, by), f64x2.mul(my, bx));
  const alpha = f64x2.splat(alphas);
  const c = f64x2.splat(cs);
  const rx = f64x2.mul(c, f64x2.add(px, f64x2.mul(alpha, f64x2.sub(f64x2.mul(my, pz), f64x2.mul(mz, py)))));
  const ry = f64x2.mul(c, f64x2.add(py, f64x2.mul(alpha, f64x2.sub(f64x2.mul(mz, px), f64x2.mul(mx, pz)))));
  const rz = f64x2.mul(c, f64x2.add(pz, f64x2.mul(alpha, f64x2.sub(f64x2.mul(mx, py), f64x2.mul(my, px)))));
  let x: v128;
  let y: v128;
  let z: v128;
  if (!corrector) {
    v128.store(rate + at, rx);
    v128.store(rate + step + at, ry);
    v128.store(rate + 2 * step + at, rz);
    const dt = f64x2.splat(dtSs);
    x = f64x2.add(mx, f64x2.mul(dt, rx));
    y = f64x2.add(my, f64x2.mul(dt, ry));
    z = f64x2.add(mz, f64x2.mul(dt, rz));
  } else {
    const half = f64x2.splat(halfs);
    x = f64x2.add(v128.load(base + at), f64x2.mul(half, f64x2.add(v128.load(rate + at), rx)));
    y = f64x2.add(v128.load(base + step + at), f64x2.mul(half, f64x2.add(v128.load(rate + step + at), ry)));
    z = f64x2.add(v128.load(base + 2 * step + at), f64x2.mul(half, f64x2.add(v128.load(rate + 2 * step + at), rz)));
  }
  const length = f64x2.sqrt(f64x2.add(f64x2.add(f64x2.mul(x, x), f64x2.mul(y, y)), f64x2.mul(z, z)));
  const one = f64x2.splat(1);
  const norm = v128.bitselect(one, length, f64x2.eq(length, f64x2.splat(0)));
  v128.store(out + at, f64x2.div(x, norm));
  v128.store(out + step + at, f64x2.div(y, norm));
  v128.store(out + 2 * step + at, f64x2.div(z, norm));
}

// Math.exp and Math.log of the JavaScript engine: the rare ziggurat draws that need them then give the same doubles
// as core/rng.ts.
@external('env', 'exp')
declare function jsExp(x: f64): f64;
@external('env', 'log')
declare function jsLog(x: f64): f64;

/** 1 / 70368744177664 exactly: multiplying by it is dividing by 2^46, to the bit, without the division's latency. */
const twoToMinus46: f64 = 1.4210854715202004e-14;

/**
 * The rest of RandomStream.normal once the first try's (layer, u) fell outside its layer's core: the tail of the base
 * layer, or the wedge test and, failing it, fresh tries. `zigX`: the layer edges (129), `zigRatio` their ratios.
 */
function normalSlow(layer: i32, u: f64, zigX: usize, zigRatio: usize, zigR: f64): f64 {
  for (;;) {
    const edge = f(zigX, layer);
    if (layer == 0) {
      let x: f64;
      let y: f64;
      do {
        x = jsLog(1 - uniform()) / zigR;
        y = jsLog(1 - uniform());
      } while (-2 * y < x * x);
      return u < 0 ? x - zigR : zigR - x;
    }
    const x = u * edge;
    const next = f(zigX, layer + 1);
    const f0 = jsExp(-0.5 * (edge * edge - x * x));
    const f1 = jsExp(-0.5 * (next * next - x * x));
    if (f1 + uniform() * (f0 - f1) < 1) return x;
    const a = nextUint32();
    const b = nextUint32();
    layer = <i32>(a & 127);
    u = 2 * ((<f64>(a >>> 7) * 2097152 + <f64>(b >>> 11)) * twoToMinus46) - 1;
    if (Math.abs(u) < f(zigRatio, layer)) return u * f(zigX, layer);
  }
  return unreachable();
}

/**
 * thermal.ts drawThermalField: σ times a standard normal (RandomStream.normal, the 128-layer ziggurat) for each cell's
 * x, y, z in turn, from the stream whose xoshiro128** state is the four u32 at `state` (left advanced).
 */
export function thermalNoise(state: usize, zigX: usize, zigRatio: usize, zigR: f64, sigmaT: f64, noise: usize, step: usize, count: i32): void {
  loadStream(state);
  for (let i = 0; i < count; i++) {
    for (let component = 0; component < 3; component++) {
      const first = nextUint32();
      const second = nextUint32();
      const layer = <i32>(first & 127);
      const u = 2 * ((<f64>(first >>> 7) * 2097152 + <f64>(second >>> 11)) * twoToMinus46) - 1;
      const value = Math.abs(u) < f(zigRatio, layer) ? u * f(zigX, layer) : normalSlow(layer, u, zigX, zigRatio, zigR);
      put(noise + <usize>component * step, i, sigmaT * value);
    }
  }
  storeStream(state);
}
