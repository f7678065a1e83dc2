import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import Papa from 'papaparse';
import { readArtifact } from '../../artifacts/artifact.ts';
import { loadCaseFile } from '../../artifacts/case-file.ts';
import { ArtifactError, UsageError } from '../../core/errors.ts';
import { formatJson } from '../../artifacts/json-file.ts';
import { deviceTable, type DeviceTableData } from '../../artifacts/schemas/device-table.ts';
import { stderrProgress } from '../../core/progress.ts';
import { toSi } from '../../core/quantity.ts';
import { readJsonFile, writeFileAtomic } from '../../artifacts/json-file.ts';
import { cellSizeProblems } from '../../device-sim/llg/solver/checks.ts';
import { LlgCase } from '../../device-sim/llg/formats/llg-case.ts';
import { checkLlgCase } from '../../device-sim/llg/runs/llg-simulate.ts';
import { simulateLlgCaseOnWorkers } from '../../device-sim/llg/runs/llg-workers.ts';
import { compareModels, oneDimensionalCase } from '../../device-sim/llg/runs/compare.ts';
import { formatOvf, parseOvf } from '../../device-sim/llg/formats/ovf.ts';
import { rkMethods, type RkMethod } from '../../device-sim/llg/solver/runge-kutta.ts';
import {
  oommfField1Figures,
  runSp4,
  sp4,
  sp4Figures,
  sp4Mesh,
  sp4SState,
  type Sp4Figures,
} from '../../device-sim/llg/runs/sp4.ts';
import { startStateProblem, type Mesh, type VectorField } from '../../device-sim/llg/geometry/mesh.ts';
import { meshOfStrip } from '../../device-sim/llg/geometry/strip.ts';
import { checkWallCase, simulateWallCase } from '../../device-sim/wall/simulate.ts';
import { WallCase } from '../../device-sim/wall/wall-case.ts';
import { registerEnvelopeCommand } from './envelope-command.ts';
import { registerLlgTableCommand } from './llg-table-command.ts';

/** Rows of the per-state statistics and of every sample of a device table, for CSV. */
export function deviceTableRows(data: DeviceTableData) {
  const states = data.tables.flatMap((table) =>
    table.entries.map((e) => ({
      states: table.states,
      state: e.index,
      targetU: e.targetU,
      control: table.control,
      controlValue: e.controlValue,
      setCurrentDensityAPerM2: e.pulse.currentDensityAPerM2,
      setWidthS: e.pulse.widthS,
      gateVoltageV: e.pulse.gateVoltageV,
      trials: e.trials,
      meanU: e.meanU,
      stdU: e.stdU,
      ...Object.fromEntries(data.quantileLevels.map((level, i) => [`q${Math.round(level * 100)}U`, e.quantilesU[i]])),
      meanPositionM: e.meanPositionM,
      stdPositionM: e.stdPositionM,
      ownStateProbability: e.landingProbability[e.index],
      meanConductanceSiemens: e.conductance.meanSiemens,
      stdConductanceSiemens: e.conductance.stdSiemens,
      retentionChangedFraction: e.retention?.changedStateFraction ?? null,
      resetSuccessFraction: e.resetSuccessFraction,
      energyPerAttemptJ: e.energy.totalJ,
      gateEnergyJ: e.energy.gateJ,
    })),
  );
  const samples = data.tables.flatMap((table) =>
    table.entries.flatMap((e) =>
      e.samplesU.map((u, trial) => ({
        states: table.states,
        state: e.index,
        trial,
        u,
        conductanceSiemens: e.conductance.samplesSiemens[trial],
      })),
    ),
  );
  return { states, samples };
}

export function registerDeviceCommands(program: Command): void {
  const device = program.command('device').description('domain-wall device simulation');
  registerLlgTableCommand(device);
  registerEnvelopeCommand(device);
  registerSimulateCommand(device);
  registerCompareCommand(device);
  registerExportCommand(device);
  registerSp4Command(device);
}

/** `dwsyn device simulate`: one case file on the 1-D model or the micromagnetic strip. */
function registerSimulateCommand(device: Command): void {
  device
    .command('simulate')
    .description(
      'run walls of the 1-D model ("model": "1d", the default) or of the micromagnetic strip ("model": "llg"); print the summary (and table)',
    )
    .requiredOption('--config <case.json>', 'simulation case (see README: device simulate)')
    .option('--json', 'one JSON document: { summary, trajectory } (1d) or { summary, table } (llg)', false)
    .option(
      '--csv',
      'the trajectory (1d: t, wall, q, phi, v) or the table (llg: t, trial, <m>, q, v, energies, <m> per region) as CSV',
      false,
    )
    .option('--ovf <dir>', "llg: write each trial's relaxed start and final state there as OVF 2.0 (binary 8)")
    .action(async (options: { config: string; json: boolean; csv: boolean; ovf?: string }) => {
      if (options.json && options.csv) throw new UsageError('choose one of --json and --csv');
      if (caseModel(options.config) === 'llg') {
        const llgCase = loadCaseFile(options.config, LlgCase, checkLlgCase);
        const start = llgCase.initialStateFile
          ? readOvfState(
              resolve(dirname(options.config), llgCase.initialStateFile),
              meshOfStrip(llgCase.geometry, llgCase.mesh.cellM),
              `${options.config}: field initialStateFile:`,
            )
          : undefined;
        await simulateLlgCommand(llgCase, options, start);
        return;
      }
      if (options.ovf) throw new UsageError('--ovf: the 1-D model has no magnetization to write ("model": "llg" has)');
      const wallCase = loadCaseFile(options.config, WallCase, checkWallCase);
      const { trajectory, summary } = simulateWallCase(wallCase);
      if (options.json) {
        process.stdout.write(`${formatJson({ summary, trajectory })}\n`);
      } else if (options.csv) {
        const rows = trajectory.timeS.flatMap((timeS, k) =>
          trajectory.positionM[k]!.map((q, wall) => ({
            timeS,
            wall,
            positionM: q,
            phiRad: trajectory.phiRad[k]![wall],
            velocityMPerS: trajectory.velocityMPerS[k]![wall],
          })),
        );
        process.stdout.write(`${Papa.unparse(rows)}\n`);
      } else {
        process.stdout.write('wall  finalPositionM  finalPhiRad  meanVelocityMPerS\n');
        summary.finalPositionM.forEach((q, i) => {
          process.stdout.write(
            `${String(i).padStart(4)}  ${q.toExponential(6)}  ${summary.finalPhiRad[i]!.toFixed(6)}  ${summary.meanVelocityMPerS[i]!.toPrecision(6)}\n`,
          );
        });
      }
    });
}

/** `dwsyn device compare`: an LLG case against its 1-D twin. */
function registerCompareCommand(device: Command): void {
  device
    .command('compare')
    .description(
      'run an LLG case and the 1-D case with the same track, drive and wall; compare the displacements (KS test at T > 0)',
    )
    .requiredOption('--config <case.json>', 'an LLG case ("model": "llg")')
    .option('--json', 'one JSON document', false)
    .action((options: { config: string; json: boolean }) => {
      const llgCase = loadCaseFile(options.config, LlgCase, (c) => [
        ...checkLlgCase(c),
        ...checkWallCase(oneDimensionalCase(c)),
        ...(c.initialStateFile
          ? [
              {
                key: 'initialStateFile',
                message:
                  'the 1-D model cannot start from a micromagnetic state: compare starts both from the wall profile',
              },
            ]
          : []),
      ]);
      const progress = stderrProgress('llg', llgCase.walls * llgCase.samples);
      const comparison = compareModels(llgCase, () => progress.increment());
      progress.stop();
      if (options.json) {
        process.stdout.write(`${formatJson(comparison)}\n`);
        return;
      }
      const nm = (m: number) => (m * 1e9).toFixed(2);
      process.stdout.write(`model  trials  mean displacement (nm)  std (nm)\n`);
      process.stdout.write(
        `llg    ${String(comparison.llg.displacementM.length).padStart(6)}  ${nm(comparison.llg.meanM).padStart(22)}  ${nm(comparison.llg.stdM).padStart(8)}\n`,
      );
      process.stdout.write(
        `1d     ${String(comparison.oneD.displacementM.length).padStart(6)}  ${nm(comparison.oneD.meanM).padStart(22)}  ${nm(comparison.oneD.stdM).padStart(8)}\n`,
      );
      process.stdout.write(`1-D relative to LLG: ${(100 * comparison.relativeDifference).toFixed(2)} %\n`);
      if (comparison.ks)
        process.stdout.write(
          `two-sample KS of the displacements: D = ${comparison.ks.d.toFixed(4)}, p = ${comparison.ks.pValue.toPrecision(3)}\n`,
        );
    });
}

/** `dwsyn device export`: a device table as CSV. */
function registerExportCommand(device: Command): void {
  device
    .command('export')
    .description('write a device table as CSV: device-states.csv (statistics) and device-samples.csv (every trial)')
    .option('--table <path>', 'device-table artifact', 'results/device/device-table.json')
    .requiredOption('--out <dir>', 'folder for the CSV files')
    .action((options: { table: string; out: string }) => {
      const { data } = readArtifact(options.table, deviceTable);
      const rows = deviceTableRows(data);
      mkdirSync(options.out, { recursive: true });
      writeFileSync(join(options.out, 'device-states.csv'), `${Papa.unparse(rows.states)}\n`);
      writeFileSync(join(options.out, 'device-samples.csv'), `${Papa.unparse(rows.samples)}\n`);
      process.stderr.write(
        `wrote ${rows.states.length} state rows and ${rows.samples.length} sample rows to ${options.out}\n`,
      );
    });
}

/** `dwsyn device sp4`: muMAG standard problem 4 on the LLG solver. */
function registerSp4Command(device: Command): void {
  device
    .command('sp4')
    .description(
      "muMAG standard problem 4 on the LLG solver: relax the S-state (or read one), apply field 1 or 2, print the key figures beside OOMMF's",
    )
    .option('--cell <size>', 'cell edge in the film plane (500 nm and 125 nm must be whole multiples of it)', '2.5 nm')
    .addOption(new Option('--field <n>', 'SP4 field').choices(['1', '2']).default('1'))
    .option('--end <time>', 'simulated time', '1 ns')
    .option('--tolerance <err>', "the adaptive method's largest local error of |m| per step", '1e-5')
    .addOption(
      new Option(
        '--method <name>',
        'adaptive Runge-Kutta pair: Dormand-Prince 5(4), or Bogacki-Shampine 3(2) (fewer evaluations where stiff exchange holds the step)',
      )
        .choices(rkMethods)
        .default('rk45'),
    )
    .option(
      '--start <file>',
      "start from this OVF 2.0 state (e.g. OOMMF's relaxed S-state) instead of relaxing one; its mesh must be the run's",
    )
    .option('--ovf <dir>', 'write the S-state and the final state there as OVF 2.0 (binary 8)')
    .option('--json', 'one JSON document: { mesh, figures, oommf, evaluations, wallTimeS, series }', false)
    .option('--csv', 'the <m> time series as CSV (t, mx, my, mz)', false)
    .action(sp4Command);
}

/** The options of `dwsyn device sp4`, as commander parses them. */
type Sp4Options = {
  cell: string;
  field: '1' | '2';
  end: string;
  tolerance: string;
  method: RkMethod;
  start?: string;
  ovf?: string;
  json: boolean;
  csv: boolean;
};

/** Runs SP4 as `dwsyn device sp4` asks and prints its figures beside OOMMF's. */
function sp4Command(options: Sp4Options): void {
  if (options.json && options.csv) throw new UsageError('choose one of --json and --csv');
  const number = (flag: string, text: string, unit: string | undefined) => {
    let value: number;
    try {
      value = unit ? toSi(text, unit) : Number(text);
    } catch (error) {
      throw new UsageError(`--${flag}: ${(error as Error).message}`);
    }
    if (!(value > 0)) throw new UsageError(`--${flag}: must be a positive number, got ${text}`);
    return value;
  };
  const cellM = number('cell', options.cell, 'm');
  const endS = number('end', options.end, 's');
  const tolerance = number('tolerance', options.tolerance, undefined);
  const mesh = sp4Mesh(cellM);
  if (Math.abs(mesh.nx * cellM - sp4.lengthM) > 1e-6 * cellM || Math.abs(mesh.ny * cellM - sp4.widthM) > 1e-6 * cellM) {
    throw new UsageError(`--cell: ${options.cell} does not divide the 500 nm x 125 nm film into whole cells`);
  }
  const problem = cellSizeProblems(mesh, sp4, ['cell', 'cell', 'thickness'])[0];
  if (problem) throw new UsageError(`--cell: ${problem.message}`);
  const started = performance.now();
  const given = options.start ? { m: readOvfState(options.start, mesh, '--start'), evaluations: 0 } : undefined;
  process.stderr.write(
    `SP4: ${mesh.nx} x ${mesh.ny} x 1 cells; ${options.start ? `starting from ${options.start}` : 'relaxing the S-state'}\n`,
  );
  const sState = given ?? sp4SState(mesh);
  const field = Number(options.field) as 1 | 2;
  const samples = Math.round(endS / 1e-12);
  const progress = stderrProgress(`SP4 field ${field}`, samples);
  let final = sState.m;
  const run = runSp4(mesh, sState.m, field, {
    endS,
    sampleS: 1e-12,
    tolerance,
    method: options.method,
    onSample: (tS, m) => {
      progress.increment(1, `${(tS * 1e9).toFixed(3)} ns`);
      final = m;
    },
  });
  progress.stop();
  const wallTimeS = (performance.now() - started) / 1000;
  const figures = sp4Figures(run.series);
  if (options.ovf) {
    mkdirSync(options.ovf, { recursive: true });
    writeFileAtomic(
      join(options.ovf, 'sp4-s-state.ovf'),
      formatOvf({ mesh, field: sState.m, title: 'SP4 S-state (dwsyn)' }, 'binary8'),
    );
    writeFileAtomic(
      join(options.ovf, `sp4-field${field}-final.ovf`),
      formatOvf({ mesh, field: final, title: `SP4 field ${field} at ${endS} s (dwsyn)` }, 'binary8'),
    );
  }
  const oommf = field === 1 && endS >= 1e-9 - 1e-15 ? oommfField1Figures : undefined;
  const evaluations = { relaxation: sState.evaluations, run: run.evaluations };
  if (options.json) {
    process.stdout.write(
      `${formatJson({ mesh, field, method: options.method, figures, oommf: oommf ?? null, evaluations, wallTimeS, series: run.series })}\n`,
    );
  } else if (options.csv) {
    process.stdout.write(`${Papa.unparse(run.series.map(([tS, mx, my, mz]) => ({ tS, mx, my, mz })))}\n`);
  } else {
    process.stdout.write(`${sp4Lines(figures, oommf).join('\n')}\n`);
    process.stdout.write(
      `field evaluations: relaxation ${evaluations.relaxation}, run ${evaluations.run}; wall time ${wallTimeS.toFixed(1)} s\n`,
    );
  }
}

/**
 * A state from an OVF file, checked against the run's mesh. `named` says where the path came from (an option or a
 * case file's key): a missing file exits 3, a state of another mesh 2, both in one line naming it.
 */
function readOvfState(path: string, mesh: Mesh, named: string): VectorField {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message;
    throw new ArtifactError(`${named} ${path}: ${reason}`);
  }
  const state = parseOvf(bytes, path);
  const problem = startStateProblem(state, mesh);
  if (problem) throw new UsageError(`${named} ${path}: ${problem}`);
  return state.field;
}

/** The SP4 figures as aligned lines, OOMMF's beside them when there are any. */
function sp4Lines(figures: Sp4Figures, oommf: Sp4Figures | undefined): string[] {
  const rows: Array<[string, (f: Sp4Figures) => number, number]> = [
    ['first <mx> = 0 (ns)', (f) => f.firstMxZeroS * 1e9, 5],
    ['max <my>', (f) => f.maxMy, 5],
    ['  at (ns)', (f) => f.maxMyAtS * 1e9, 3],
    ['min <mz>', (f) => f.minMz, 5],
    ['  at (ns)', (f) => f.minMzAtS * 1e9, 3],
    ['final <mx>', (f) => f.finalM[0], 5],
    ['final <my>', (f) => f.finalM[1], 5],
    ['final <mz>', (f) => f.finalM[2], 5],
  ];
  const header = `${'quantity'.padEnd(22)}${'dwsyn'.padStart(10)}${oommf ? `${'OOMMF 2.5 nm'.padStart(14)}${'difference'.padStart(12)}` : ''}`;
  return [
    header,
    ...rows.map(([name, get, digits]) => {
      const ours = get(figures);
      const theirs = oommf ? get(oommf) : undefined;
      return `${name.padEnd(22)}${ours.toFixed(digits).padStart(10)}${theirs === undefined ? '' : `${theirs.toFixed(digits).padStart(14)}${(ours - theirs).toFixed(digits).padStart(12)}`}`;
    }),
  ];
}

/** The `model` a case file asks for ("1d" when absent or unreadable: the 1-D loader then reports the problem). */
function caseModel(path: string): unknown {
  try {
    const raw = readJsonFile(path) as { model?: unknown } | null;
    return raw && typeof raw === 'object' ? raw.model : undefined;
  } catch {
    return undefined;
  }
}

async function simulateLlgCommand(
  llgCase: LlgCase,
  options: { json: boolean; csv: boolean; ovf?: string },
  start: VectorField | undefined,
): Promise<void> {
  const progress = stderrProgress('llg', llgCase.walls * llgCase.samples);
  const { rows, trials, mesh } = await simulateLlgCaseOnWorkers(
    llgCase,
    llgCase.workers,
    () => progress.increment(),
    start,
  );
  progress.stop();
  const summary = {
    mesh,
    startPositionM: trials.map((t) => t.startPositionM),
    finalPositionM: trials.map((t) => t.finalPositionM),
    displacementM: trials.map((t) => t.finalPositionM - t.startPositionM),
    meanVelocityMPerS: trials.map((t) => t.meanVelocityMPerS),
    evaluations: trials.map((t) => t.evaluations),
  };
  if (options.ovf) {
    mkdirSync(options.ovf, { recursive: true });
    trials.forEach((t, i) => {
      writeFileAtomic(
        join(options.ovf!, `trial${i}-start.ovf`),
        formatOvf({ mesh, field: t.initial, title: `dwsyn llg trial ${i}, relaxed start` }, 'binary8'),
      );
      writeFileAtomic(
        join(options.ovf!, `trial${i}-final.ovf`),
        formatOvf({ mesh, field: t.final, title: `dwsyn llg trial ${i}, after ${llgCase.durationS} s` }, 'binary8'),
      );
    });
  }
  if (options.json) process.stdout.write(`${formatJson({ summary, table: rows })}\n`);
  else if (options.csv) process.stdout.write(`${Papa.unparse(rows)}\n`);
  else {
    process.stdout.write(
      `mesh ${mesh.nx} x ${mesh.ny} x ${mesh.nz} cells\ntrial  startPositionM  finalPositionM  displacementM  meanVelocityMPerS\n`,
    );
    trials.forEach((t, i) => {
      process.stdout.write(
        `${String(i).padStart(5)}  ${t.startPositionM.toExponential(6)}  ${t.finalPositionM.toExponential(6)}  ${(t.finalPositionM - t.startPositionM).toExponential(6)}  ${t.meanVelocityMPerS.toPrecision(6)}\n`,
      );
    });
  }
}
