/**
 * Benchmark of the micromagnetic solver: field evaluations (local terms + LLG rate, with and without the
 * FFT demag, in float64 and in float32) on a 256 x 64 film side by side with a C peer using FFTW3 (bench/llg-peer.c,
 * same kernel, same terms, float64, one thread), both as the TypeScript terms and as the fused WebAssembly Heun step
 * that the thermal trials run; and the wall time of SP4 field 1 to 1 ns from OOMMF's start state.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gammaRadPerST } from '../core/constants.ts';
import { trialStream } from '../core/rng.ts';
import { addUniaxialField } from '../device-sim/llg/effects/anisotropy.ts';
import { Demag, demagKernel, paddedGrid } from '../device-sim/llg/demag/demag.ts';
import { addExchangeField } from '../device-sim/llg/effects/exchange.ts';
import type { FftPrecision } from '../device-sim/llg/demag/fft.ts';
import { FusedStochasticHeun, stripHeun, stripHeunBatch } from '../device-sim/llg/solver/fused-heun.ts';
import { llgRate } from '../device-sim/llg/solver/llg.ts';
import { cellCount, vectorField, type Mesh, type VectorField } from '../device-sim/llg/geometry/mesh.ts';
import { parseOvf } from '../device-sim/llg/formats/ovf.ts';
import { rkMethods } from '../device-sim/llg/solver/runge-kutta.ts';
import { runSp4, type Sp4Figures, sp4Figures } from '../device-sim/llg/runs/sp4.ts';
import { Strip } from '../device-sim/llg/geometry/strip.ts';
import { sp4StartPath } from '../device-sim/llg/test-fixtures.ts';
import { addZeemanField } from '../device-sim/llg/effects/zeeman.ts';
import { Material } from '../device-sim/wall/device-params.ts';
import { WallCase } from '../device-sim/wall/wall-case.ts';

const mesh: Mesh = { nx: 256, ny: 64, nz: 1, dxM: 2e-9, dyM: 2e-9, dzM: 1e-9 };
const material = { msatAPerM: 1e6, aexJPerM: 2e-11, kuJPerM3: 8e5, alpha: 0.03 };
const appliedT: [number, number, number] = [0.01, 0.002, 0.005];
const cells = cellCount(mesh);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** A Neel wall across the film with a transverse ripple: a texture where every term is busy. */
function texture(): VectorField {
  const m = vectorField(cells);
  for (let j = 0; j < mesh.ny; j++) {
    for (let i = 0; i < mesh.nx; i++) {
      const theta = 2 * Math.atan(Math.exp((i - mesh.nx / 2 - 8 * Math.sin((2 * Math.PI * j) / mesh.ny)) / 6));
      const c = i + mesh.nx * j;
      m.x[c] = Math.sin(theta) * Math.cos(0.3 * Math.sin(j));
      m.y[c] = Math.sin(theta) * Math.sin(0.3 * Math.sin(j));
      m.z[c] = Math.cos(theta);
    }
  }
  return m;
}

/**
 * A Heun step at T = 0 on the film with the fused kernels (the thermal trials' stepper, its noise left out): the same
 * terms and field as the peer's plus DMI at D = 0, and each of its two field evaluations followed by the update of m.
 * Returns the seconds per field evaluation over `count` steps.
 */
function fusedStepper(precision: FftPrecision): (count: number) => number {
  const strip = new Strip({
    material: { ...Material.parse({}), ...material, dmiJPerM2: 0 },
    geometry: { lengthM: mesh.nx * mesh.dxM, widthM: mesh.ny * mesh.dyM, thicknessM: mesh.dzM },
    gates: [],
    cellM: [mesh.dxM, mesh.dyM, mesh.dzM],
    demag: 'full',
    demagPrecision: precision,
  });
  strip.setDrive({ fieldT: appliedT, currentDensityAPerM2: 0, gateVoltageV: 0 });
  const heun = new FusedStochasticHeun(strip, material.alpha, gammaRadPerST, 0, trialStream(1, 'bench-llg', 0));
  const m = texture();
  return (count) => {
    const t0 = performance.now();
    for (let k = 0; k < count; k++) heun.step(m, 1e-14);
    return (performance.now() - t0) / 1000 / (2 * count);
  };
}

function compilePeer(): string | undefined {
  const binary = join(mkdtempSync(join(tmpdir(), 'dwsyn-bench-')), 'llg-peer');
  try {
    execFileSync(
      'cc',
      ['-O3', '-march=native', '-o', binary, new URL('./llg-peer.c', import.meta.url).pathname, '-lfftw3', '-lm'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    return binary;
  } catch (error) {
    process.stderr.write(
      `llg: the FFTW peer did not build (apt-get install libfftw3-dev): ${(error as Error).message.split('\n')[0]}\n`,
    );
    return undefined;
  }
}

function peerInput(m: VectorField, path: string): void {
  const [px, py] = paddedGrid(mesh);
  const kernel = demagKernel(mesh, [px, py, 1]);
  const dims = Int32Array.from([mesh.nx, mesh.ny, px, py]);
  const params = Float64Array.from([
    material.msatAPerM,
    material.aexJPerM,
    material.kuJPerM3,
    material.alpha,
    gammaRadPerST,
    mesh.dxM,
    mesh.dyM,
    ...appliedT,
  ]);
  const parts = [dims, params, kernel.xx, kernel.yy, kernel.zz, kernel.xy, m.x, m.y, m.z].map((a) =>
    Buffer.from(a.buffer, a.byteOffset, a.byteLength),
  );
  writeFileSync(path, Buffer.concat(parts));
}

export function benchLlgField(repeats: number): void {
  const m = texture();
  const ku = new Float64Array(cells).fill(material.kuJPerM3);
  const demags = { f64: new Demag(mesh), f32: new Demag(mesh, 40, 'f32') };
  let demag = demags.f64;
  const b = vectorField(cells);
  const rate = vectorField(cells);
  const field = (withDemag: boolean) => {
    b.x.fill(0);
    b.y.fill(0);
    b.z.fill(0);
    addExchangeField(mesh, material.aexJPerM, material.msatAPerM, m, b);
    addUniaxialField(ku, [0, 0, 1], material.msatAPerM, m, b);
    addZeemanField(appliedT, b);
    if (withDemag) demag.addField(material.msatAPerM, m, b);
  };
  const time = (withDemag: boolean, count: number) => {
    const t0 = performance.now();
    for (let k = 0; k < count; k++) {
      field(withDemag);
      llgRate(m, b, material.alpha, gammaRadPerST, rate);
    }
    return (performance.now() - t0) / 1000 / count;
  };
  const peer = compilePeer();
  const dir = mkdtempSync(join(tmpdir(), 'dwsyn-bench-llg-'));
  let agreementT = Number.NaN;
  if (peer) {
    peerInput(m, join(dir, 'in.bin'));
    execFileSync(peer, [join(dir, 'in.bin'), join(dir, 'out.bin'), '1']);
    const theirs = new Float64Array(readFileSync(join(dir, 'out.bin')).buffer.slice(0));
    agreementT = 0;
    for (const precision of ['f64', 'f32'] as const) {
      demag = demags[precision];
      field(true);
      for (let i = 0; i < cells; i++) {
        agreementT = Math.max(
          agreementT,
          Math.abs(b.x[i]! - theirs[i]!),
          Math.abs(b.y[i]! - theirs[cells + i]!),
          Math.abs(b.z[i]! - theirs[2 * cells + i]!),
        );
      }
    }
  }
  const fused = { f64: fusedStepper('f64'), f32: fusedStepper('f32') };
  time(true, 50); // warm-up: the JIT and V8's WebAssembly tiers
  time(false, 200);
  fused.f64(25);
  fused.f32(25);
  const ours = {
    demag: [] as number[],
    demag32: [] as number[],
    local: [] as number[],
    fused: [] as number[],
    fused32: [] as number[],
  };
  const theirs = { demag: [] as number[], local: [] as number[] };
  for (let r = 0; r < repeats; r++) {
    demag = demags.f64;
    ours.demag.push(cells / time(true, 100));
    demag = demags.f32;
    ours.demag32.push(cells / time(true, 100));
    ours.local.push(cells / time(false, 1000));
    ours.fused.push(cells / fused.f64(50));
    ours.fused32.push(cells / fused.f32(50));
    if (peer) {
      const [withDemag, local] = execFileSync(peer, [join(dir, 'in.bin'), join(dir, 'out.bin'), '100'], {
        encoding: 'utf8',
      })
        .trim()
        .split('\n')
        .map(Number);
      theirs.demag.push(cells / withDemag!);
      theirs.local.push(cells / local!);
    }
    process.stderr.write(
      `llg field run ${r + 1}/${repeats}: with demag ${ours.demag.at(-1)!.toExponential(3)}, float32 ${ours.demag32.at(-1)!.toExponential(3)}, fused ${ours.fused.at(-1)!.toExponential(3)}, fused float32 ${ours.fused32.at(-1)!.toExponential(3)}${peer ? ` (FFTW ${theirs.demag.at(-1)!.toExponential(3)})` : ''} cell-evals/s\n`,
    );
  }
  console.log(
    `llg field evaluation on ${mesh.nx} x ${mesh.ny} x 1 cells (exchange, anisotropy, Zeeman, LLG rate; demag padded to ${paddedGrid(mesh).slice(0, 2).join(' x ')})`,
  );
  console.log(
    `  local terms   TypeScript median ${median(ours.local).toExponential(3)} cell-evals/s (target >= 1e7)${peer ? `; C peer ${median(theirs.local).toExponential(3)}; ratio ${median(ours.local.map((v, i) => v / theirs.local[i]!)).toFixed(3)}` : ''}`,
  );
  console.log(
    `  with demag    TypeScript+WASM median ${median(ours.demag).toExponential(3)} cell-evals/s${peer ? `; C + FFTW3 ${median(theirs.demag).toExponential(3)}; ratio ${median(ours.demag.map((v, i) => v / theirs.demag[i]!)).toFixed(3)}` : ''} (OOMMF 2.1, quoted in issue 4: 5.5e6)`,
  );
  console.log(
    `  float32 demag TypeScript+WASM median ${median(ours.demag32).toExponential(3)} cell-evals/s${peer ? `; ratio to C + FFTW3 (float64) ${median(ours.demag32.map((v, i) => v / theirs.demag[i]!)).toFixed(3)}` : ''}; to our float64 ${median(ours.demag32.map((v, i) => v / ours.demag[i]!)).toFixed(3)}`,
  );
  const toPeer = (values: number[]) =>
    peer ? `; ratio to C + FFTW3 (float64) ${median(values.map((v, i) => v / theirs.demag[i]!)).toFixed(3)}` : '';
  console.log(
    `  fused Heun step (the thermal trials' WebAssembly kernels, T = 0; per field evaluation, each followed by the update of m), with demag: float64 median ${median(ours.fused).toExponential(3)} cell-evals/s${toPeer(ours.fused)}; float32 ${median(ours.fused32).toExponential(3)}${toPeer(ours.fused32)}`,
  );
  if (peer)
    console.log(`  same field: largest difference from the peer ${agreementT.toExponential(2)} T (either precision)`);
}

export function benchSp4(repeats: number): void {
  const start = parseOvf(readFileSync(sp4StartPath), sp4StartPath);
  const cellsSp4 = cellCount(start.mesh);
  console.log(`SP4 field 1 to 1 ns from OOMMF's start state (200 x 50 x 1 cells of 2.5 nm, tolerance 1e-5)`);
  for (const method of rkMethods) {
    const seconds: number[] = [];
    let evaluations = 0;
    let figures: Sp4Figures | undefined;
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      const run = runSp4(start.mesh, start.field, 1, { endS: 1e-9, sampleS: 1e-12, tolerance: 1e-5, method });
      seconds.push((performance.now() - t0) / 1000);
      evaluations = run.evaluations;
      figures = sp4Figures(run.series);
      process.stderr.write(`sp4 ${method} run ${r + 1}/${repeats}: ${seconds.at(-1)!.toFixed(1)} s\n`);
    }
    console.log(
      `  ${method}: wall time median ${median(seconds).toFixed(1)} s over ${repeats} run(s); ${evaluations} field evaluations, ${((evaluations * cellsSp4) / median(seconds)).toExponential(3)} cell-evals/s`,
    );
    console.log(
      `    figures: first <mx> = 0 at ${(figures!.firstMxZeroS * 1e9).toFixed(5)} ns, max <my> ${figures!.maxMy.toFixed(5)}, min <mz> ${figures!.minMz.toFixed(5)}, <m>(1 ns) ${figures!.finalM.map((v) => v.toFixed(5)).join(', ')}`,
    );
  }
  console.log(`  OOMMF 2.1 (quoted in issue 4, not run here): 33-43 s, 13,003 evaluations, 3.1-3.9e6 cell-evals/s`);
}

/**
 * Batched trials (stripHeunBatch: their local terms in turn, one batched demag) against the same trials stepped one by
 * one, on the default strip (2.5 nm cells, full demag, DMI, SOT, 300 K) and on 5 nm cells: alternating chunks of
 * steps in one process, the median ratio of the chunks' times.
 */
export function benchLlgBatch(repeats: number, batch: number): void {
  const { material, geometry } = WallCase.parse({});
  const drive = { fieldT: [0, 0, 0] as [number, number, number], currentDensityAPerM2: 5e11, gateVoltageV: 0 };
  console.log(`llg batched trials: ${batch} trials in one solve against the same trials one by one (300 K, SOT)`);
  for (const cellM of [2.5e-9, 5e-9])
    for (const precision of ['f64', 'f32'] as const) {
      const strips = Array.from({ length: batch }, () => {
        const strip = new Strip({
          material,
          geometry,
          gates: [],
          cellM: [cellM, cellM, 1e-9],
          demag: 'full',
          demagPrecision: precision,
        });
        strip.setDrive(drive);
        return strip;
      });
      const ms = strips.map((strip) => strip.wallProfile(200e-9, 0, 1));
      const sigmaT = 0.05;
      const stream = (trial: number) => trialStream(1, 'bench-llg-batch', trial);
      const alone = strips.map((strip, t) => stripHeun(strip, material.alpha, gammaRadPerST, sigmaT, stream(t)));
      const together = stripHeunBatch(
        strips,
        material.alpha,
        gammaRadPerST,
        sigmaT,
        strips.map((_, t) => stream(t)),
      );
      const steps = Math.round(40 * (cellM / 2.5e-9) ** 2);
      const time = (f: () => void) => {
        const t0 = performance.now();
        for (let k = 0; k < steps; k++) f();
        return performance.now() - t0;
      };
      const oneByOne = () => alone.forEach((heun, t) => heun.step(ms[t]!, 1e-14));
      const batched = () => together.step(ms, 1e-14);
      time(oneByOne);
      time(batched);
      const ratios = Array.from({ length: 4 * repeats }, () => time(oneByOne) / time(batched));
      const { nx, ny } = strips[0]!.mesh;
      console.log(
        `  ${nx} x ${ny} cells, ${precision} demag: batch / one by one speed median ${median(ratios).toFixed(3)} (range ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)} over ${ratios.length} alternating chunks of ${steps} steps)`,
      );
    }
}
