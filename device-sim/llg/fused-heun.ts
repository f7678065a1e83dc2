import { readFileSync } from 'node:fs';
import { type RandomStream, ziggurat } from '../../core/rng.ts';
import { StochasticHeun } from './heun.ts';
import { cellCount, type Mesh, type VectorField } from './mesh.ts';
import type { LocalTerms, Strip } from './strip.ts';
import { WasmArena, type WasmArray } from './wasm-arena.ts';

/** The exports of device-sim/llg/wasm/heun.wasm (source: wasm/heun.as.ts); pointers are byte offsets. */
interface HeunExports {
  heapBase(): number;
  localField(
    m: number,
    noise: number,
    b: number,
    step: number,
    film: number,
    interior: number,
    ku: number,
    nx: number,
    ny: number,
    nz: number,
    cx: number,
    cy: number,
    cz: number,
    dmiX: number,
    dmiY: number,
    gx: number,
    gy: number,
    msatAPerM: number,
    ux: number,
    uy: number,
    uz: number,
  ): void;
  thermalNoise(
    state: number,
    zigX: number,
    zigRatio: number,
    zigR: number,
    sigmaT: number,
    noise: number,
    step: number,
    count: number,
  ): void;
  finishStage(
    m: number,
    b: number,
    corrector: boolean,
    rate: number,
    base: number,
    out: number,
    step: number,
    count: number,
    film: number,
    appliedX: number,
    appliedY: number,
    appliedZ: number,
    torque: boolean,
    dampingLikeT: number,
    fieldLikeT: number,
    sx: number,
    sy: number,
    sz: number,
    alpha: number,
    gammaRadPerST: number,
    dtS: number,
  ): void;
}

/**
 * 1 for each cell that is film with its four in-plane neighbours film, in a single layer (the cells the kernels take
 * two at a time), else 0.
 */
export function interiorCells(mesh: Mesh, film: Uint8Array | undefined): Uint8Array {
  const { nx, ny, nz } = mesh;
  const interior = new Uint8Array(nx * ny * nz);
  if (nz !== 1) return interior;
  const isFilm = (i: number) => !film || film[i] === 1;
  for (let iy = 1; iy < ny - 1; iy++) {
    for (let ix = 1; ix < nx - 1; ix++) {
      const i = ix + nx * iy;
      if ([i, i - 1, i + 1, i - nx, i + nx].every(isFilm)) interior[i] = 1;
    }
  }
  return interior;
}

const wasmModule = new WebAssembly.Module(readFileSync(new URL('./wasm/heun.wasm', import.meta.url)));

/** A vector field in the arena: three consecutive arrays of `cells`, at `offset`, `offset + step`, `offset + 2 step`. */
interface WasmField {
  readonly offset: number;
  readonly view: VectorField;
}

function wasmField(arena: WasmArena<HeunExports>, cells: number): WasmField {
  const all: WasmArray = arena.float64(3 * cells);
  const part = (k: number) => all.data.subarray(k * cells, (k + 1) * cells);
  return { offset: all.offset, view: { x: part(0), y: part(1), z: part(2) } };
}

/**
 * StochasticHeun (heun.ts) for a Strip, with the local terms of the field, the LLG rate and the update fused into two
 * WebAssembly passes per stage (wasm/heun.as.ts) around the strip's demag: the same trajectories bit for bit, the
 * same noise stream. For strips whose every term has a kernel (Strip.localTerms; no Zhang-Li STT).
 */
export class FusedStochasticHeun {
  private readonly strip: Strip;
  private readonly alpha: number;
  private readonly gammaRadPerST: number;
  private readonly sigmaT: number;
  private readonly random: RandomStream;
  private readonly arena: WasmArena<HeunExports>;
  private readonly cells: number;
  private readonly m: WasmField;
  private readonly predicted: WasmField;
  private readonly noise: WasmField;
  private readonly b: WasmField;
  private readonly rate: WasmField;
  private readonly ku: WasmArray;
  /** The K_u map last copied into the arena (Strip.setDrive replaces it when the gate voltage changes). */
  private kuSource: Float64Array | undefined;
  /** 0 when the strip has no outline. */
  private readonly filmOffset: number;
  private readonly interiorOffset: number;
  /** The noise stream's state while a kernel draws from it, and the ziggurat's tables. */
  private readonly streamState: { offset: number; data: Uint32Array };
  private readonly zigX: WasmArray;
  private readonly zigRatio: WasmArray;

  constructor(strip: Strip, alpha: number, gammaRadPerST: number, sigmaT: number, random: RandomStream) {
    const terms = FusedStochasticHeun.terms(strip);
    this.strip = strip;
    this.alpha = alpha;
    this.gammaRadPerST = gammaRadPerST;
    this.sigmaT = sigmaT;
    this.random = random;
    const cells = terms.kuJPerM3.length;
    this.cells = cells;
    this.arena = new WasmArena<HeunExports>(wasmModule, 16 * cells + 512, { exp: Math.exp, log: Math.log });
    [this.m, this.predicted, this.noise, this.b, this.rate] = Array.from({ length: 5 }, () =>
      wasmField(this.arena, cells),
    ) as [WasmField, WasmField, WasmField, WasmField, WasmField];
    this.ku = this.arena.float64(cells);
    if (terms.film) {
      const film = this.arena.uint8(cells);
      film.data.set(terms.film);
      this.filmOffset = film.offset;
    } else this.filmOffset = 0;
    const interior = this.arena.uint8(cells + 1);
    interior.data.set(interiorCells(terms.mesh, terms.film));
    this.interiorOffset = interior.offset;
    this.streamState = this.arena.uint32(4);
    this.zigX = this.arena.float64(ziggurat.x.length);
    this.zigX.data.set(ziggurat.x);
    this.zigRatio = this.arena.float64(ziggurat.ratio.length);
    this.zigRatio.data.set(ziggurat.ratio);
  }

  private static terms(strip: Strip): LocalTerms {
    const terms = strip.localTerms();
    if (!terms) throw new Error('internal error: the fused Heun step takes no Zhang-Li torque');
    return terms;
  }

  step(m: VectorField, dtS: number): void {
    const terms = FusedStochasticHeun.terms(this.strip);
    if (terms.kuJPerM3 !== this.kuSource) {
      this.ku.data.set(terms.kuJPerM3);
      this.kuSource = terms.kuJPerM3;
    }
    this.drawNoise();
    const state = this.m.view;
    state.x.set(m.x);
    state.y.set(m.y);
    state.z.set(m.z);
    this.stage(terms, this.m, false, this.predicted, dtS);
    this.stage(terms, this.predicted, true, this.m, dtS);
    m.x.set(state.x);
    m.y.set(state.y);
    m.z.set(state.z);
  }

  /** drawThermalField in the kernel: the same normals from the same stream, which then continues from there. */
  private drawNoise(): void {
    this.streamState.data.set(this.random.state);
    this.arena.kernels.thermalNoise(
      this.streamState.offset,
      this.zigX.offset,
      this.zigRatio.offset,
      ziggurat.r,
      this.sigmaT,
      this.noise.offset,
      8 * this.cells,
      this.cells,
    );
    this.random.state = this.streamState.data;
  }

  /** One Heun stage from `from`: its field and rate, then the predictor (into `out`) or the corrector (into m). */
  private stage(terms: LocalTerms, from: WasmField, corrector: boolean, out: WasmField, dtS: number): void {
    const { kernels } = this.arena;
    const step = 8 * this.cells;
    const { nx, ny, nz } = terms.mesh;
    const { cx, cy, cz, dmiX, dmiY, gx, gy } = terms.stencil;
    const [ux, uy, uz] = terms.axis;
    kernels.localField(
      from.offset,
      this.noise.offset,
      this.b.offset,
      step,
      this.filmOffset,
      this.interiorOffset,
      this.ku.offset,
      nx,
      ny,
      nz,
      cx,
      cy,
      cz,
      dmiX,
      dmiY,
      gx,
      gy,
      terms.msatAPerM,
      ux,
      uy,
      uz,
    );
    terms.addDemag(from.view, this.b.view);
    const [bx, by, bz] = terms.appliedT;
    const torque = terms.spinOrbit;
    const [sx, sy, sz] = torque?.sigma ?? [0, 0, 0];
    kernels.finishStage(
      from.offset,
      this.b.offset,
      corrector,
      this.rate.offset,
      this.m.offset,
      out.offset,
      step,
      this.cells,
      this.filmOffset,
      bx,
      by,
      bz,
      torque !== undefined,
      torque?.dampingLikeT ?? 0,
      torque?.fieldLikeT ?? 0,
      sx,
      sy,
      sz,
      this.alpha,
      this.gammaRadPerST,
      dtS,
    );
  }
}

/** The stochastic Heun stepper of a strip: the fused one where every term has a kernel, else the TypeScript one. */
export function stripHeun(
  strip: Strip,
  alpha: number,
  gammaRadPerST: number,
  sigmaT: number,
  random: RandomStream,
): { step(m: VectorField, dtS: number): void } {
  return strip.localTerms()
    ? new FusedStochasticHeun(strip, alpha, gammaRadPerST, sigmaT, random)
    : new StochasticHeun(cellCount(strip.mesh), (m, b) => strip.addField(m, b), alpha, gammaRadPerST, sigmaT, random);
}
