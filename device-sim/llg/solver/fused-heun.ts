import { readFileSync } from 'node:fs';
import { type RandomStream, ziggurat } from '../../../core/rng.ts';
import { Demag } from '../demag/demag.ts';
import { StochasticHeun } from './heun.ts';
import { cellCount, type Mesh, type VectorField } from '../geometry/mesh.ts';
import type { LocalTerms, Strip } from '../geometry/strip.ts';
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

const wasmModule = new WebAssembly.Module(readFileSync(new URL('../wasm/heun.wasm', import.meta.url)));

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
  /** The strip's terms under the drive of the step under way. */
  private terms: LocalTerms;
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
    this.terms = terms;
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
    this.begin(m);
    for (const corrector of stages) {
      this.localStage(corrector);
      this.terms.addDemag(this.stageInput(corrector), this.b.view);
      this.finishStage(corrector, dtS);
    }
    this.end(m);
  }

  /** A step's start: the strip's terms under the current drive, the step's noise, m into the arena. */
  begin(m: VectorField): void {
    const terms = FusedStochasticHeun.terms(this.strip);
    this.terms = terms;
    if (terms.kuJPerM3 !== this.kuSource) {
      this.ku.data.set(terms.kuJPerM3);
      this.kuSource = terms.kuJPerM3;
    }
    if (this.sigmaT !== 0) this.drawNoise();
    const state = this.m.view;
    state.x.set(m.x);
    state.y.set(m.y);
    state.z.set(m.z);
  }

  /** A step's end: m out of the arena. */
  end(m: VectorField): void {
    const state = this.m.view;
    m.x.set(state.x);
    m.y.set(state.y);
    m.z.set(state.z);
  }

  /** The magnetization a stage evaluates the field of: m (predictor) or the predicted m (corrector). */
  stageInput(corrector: boolean): VectorField {
    return this.input(corrector).view;
  }

  private input(corrector: boolean): WasmField {
    return corrector ? this.predicted : this.m;
  }

  /** The field a stage accumulates: the local terms', to which the demag is added. */
  get field(): VectorField {
    return this.b.view;
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

  /** A stage's local terms: the field of its input, noise included, into `b`. */
  localStage(corrector: boolean): void {
    const { terms } = this;
    const { nx, ny, nz } = terms.mesh;
    const { cx, cy, cz, dmiX, dmiY, gx, gy } = terms.stencil;
    const [ux, uy, uz] = terms.axis;
    this.arena.kernels.localField(
      this.input(corrector).offset,
      this.noise.offset,
      this.b.offset,
      8 * this.cells,
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
  }

  /** With the demag in `b`: the stage's rate, then the predictor (into the predicted m) or the corrector (into m). */
  finishStage(corrector: boolean, dtS: number): void {
    const { terms } = this;
    const [bx, by, bz] = terms.appliedT;
    const torque = terms.spinOrbit;
    const [sx, sy, sz] = torque?.sigma ?? noTorqueAxis;
    this.arena.kernels.finishStage(
      this.input(corrector).offset,
      this.b.offset,
      corrector,
      this.rate.offset,
      this.m.offset,
      // Each stage writes the other's input: the predictor the predicted m, the corrector m.
      this.input(!corrector).offset,
      8 * this.cells,
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

/** The two stages of a step: the predictor, then the corrector. */
const stages = [false, true] as const;
const noTorqueAxis = [0, 0, 0] as const;

/**
 * Several trials' fused steppers on strips of one mesh, stepped together: each stage runs every member's local terms,
 * then one batched demag (Demag.addFields) for all, then every member's update. Each member keeps its own strip, noise
 * stream and arena, and the batched demag gives each the field it gives it alone, so each trajectory is the one its
 * stepper takes alone, to the bit, whatever the batch.
 */
export class FusedHeunBatch {
  private readonly members: readonly FusedStochasticHeun[];
  private readonly demag: Demag;
  private readonly msatAPerM: number;
  private readonly inputs: VectorField[];
  private readonly fields: VectorField[];

  constructor(members: readonly FusedStochasticHeun[], demag: Demag, msatAPerM: number) {
    this.members = members;
    this.demag = demag;
    this.msatAPerM = msatAPerM;
    this.inputs = members.map((member) => member.stageInput(false));
    this.fields = members.map((member) => member.field);
  }

  /** One step of every member, ms[t] the magnetization of member t. */
  step(ms: readonly VectorField[], dtS: number): void {
    const { members } = this;
    for (let t = 0; t < members.length; t++) members[t]!.begin(ms[t]!);
    for (const corrector of stages) {
      for (let t = 0; t < members.length; t++) {
        members[t]!.localStage(corrector);
        this.inputs[t] = members[t]!.stageInput(corrector);
      }
      this.demag.addFields(this.msatAPerM, this.inputs, this.fields);
      for (const member of members) member.finishStage(corrector, dtS);
    }
    for (let t = 0; t < members.length; t++) members[t]!.end(ms[t]!);
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

/**
 * The steppers of several trials on strips of one mesh (each trial's own strip, noise stream and σ), as one: a
 * FusedHeunBatch with a batched demag where the strips have the full demag and fused kernels, else each trial's
 * stepper in turn. Either way each trajectory is the one stripHeun gives that trial alone.
 */
export function stripHeunBatch(
  strips: readonly Strip[],
  alpha: number,
  gammaRadPerST: number,
  sigmaT: number,
  randoms: readonly RandomStream[],
): { step(ms: readonly VectorField[], dtS: number): void } {
  const first = strips[0];
  const fused = strips.length > 1 && first?.spec.demag === 'full' && strips.every((strip) => strip.localTerms());
  if (fused) {
    const members = strips.map((strip, t) => new FusedStochasticHeun(strip, alpha, gammaRadPerST, sigmaT, randoms[t]!));
    const demag = new Demag(first.mesh, 40, first.spec.demagPrecision, strips.length);
    return new FusedHeunBatch(members, demag, first.spec.material.msatAPerM);
  }
  const steppers = strips.map((strip, t) => stripHeun(strip, alpha, gammaRadPerST, sigmaT, randoms[t]!));
  return {
    step: (ms, dtS) => {
      for (let t = 0; t < steppers.length; t++) steppers[t]!.step(ms[t]!, dtS);
    },
  };
}
