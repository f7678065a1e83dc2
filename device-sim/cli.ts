import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import Papa from 'papaparse';
import { readArtifact } from '../pipeline/artifact.ts';
import { loadCaseFile } from '../pipeline/case-file.ts';
import { UsageError } from '../pipeline/errors.ts';
import { formatJson } from '../pipeline/json-file.ts';
import { deviceTable, type DeviceTableData } from '../pipeline/schemas/device-table.ts';
import { checkWallCase, simulateWallCase } from './wall/simulate.ts';
import { WallCase } from './wall/wall-case.ts';


/** Rows of the per-state statistics and of every sample of a device table, for CSV. */
export function deviceTableRows(data: DeviceTableData) {
  const states = data.tables.flatMap((table) =>
    table.entries.map((e) => ({
      states: table.states,
      state: e.index,
      targetU: e.targetU,
      control: table.control,
      controlValue: e.controlValue,
      trials: e.trials,
      meanU: e.meanU,
      stdU: e.stdU,
      ...Object.fromEntries(data.quantileLevels.map((level, i) => [`q${Math.round(level * 100)}U`, e.quantilesU[i]])),
      meanPositionM: e.meanPositionM,
      stdPositionM: e.stdPositionM,
      ownStateProbability: e.landingProbability[e.index],
      meanConductanceSiemens: e.conductance.meanSiemens,
      stdConductanceSiemens: e.conductance.stdSiemens,
      retentionChangedFraction: e.retention.changedStateFraction,
      resetSuccessFraction: e.resetSuccessFraction,
      energyPerAttemptJ: e.energy.totalJ,
    })),
  );
  const samples = data.tables.flatMap((table) =>
    table.entries.flatMap((e) =>
      e.samplesU.map((u, trial) => ({ states: table.states, state: e.index, trial, u, conductanceSiemens: e.conductance.samplesSiemens[trial] })),
    ),
  );
  return { states, samples };
}

export function registerDeviceCommands(program: Command): void {
  const device = program.command('device').description('domain-wall device simulation');
  device
    .command('simulate')
    .description('run one or many walls of the 1-D model at constant drive; print the summary (and trajectory)')
    .requiredOption('--config <case.json>', 'simulation case (see README: device simulate)')
    .option('--json', 'one JSON document: { summary, trajectory }', false)
    .option('--csv', 'the trajectory as CSV: t, wall, q, phi, v', false)
    .action((options: { config: string; json: boolean; csv: boolean }) => {
      if (options.json && options.csv) throw new UsageError('choose one of --json and --csv');
      const wallCase = loadCaseFile(options.config, WallCase, checkWallCase);
      const { trajectory, summary } = simulateWallCase(wallCase);
      if (options.json) {
        process.stdout.write(formatJson({ summary, trajectory }) + '\n');
      } else if (options.csv) {
        const rows = trajectory.timeS.flatMap((timeS, k) =>
          trajectory.positionM[k]!.map((q, wall) => ({ timeS, wall, positionM: q, phiRad: trajectory.phiRad[k]![wall], velocityMPerS: trajectory.velocityMPerS[k]![wall] })),
        );
        process.stdout.write(Papa.unparse(rows) + '\n');
      } else {
        process.stdout.write('wall  finalPositionM  finalPhiRad  meanVelocityMPerS\n');
        summary.finalPositionM.forEach((q, i) => {
          process.stdout.write(`${String(i).padStart(4)}  ${q.toExponential(6)}  ${summary.finalPhiRad[i]!.toFixed(6)}  ${summary.meanVelocityMPerS[i]!.toPrecision(6)}\n`);
        });
      }
    });
  device
    .command('export')
    .description('write a device table as CSV: device-states.csv (statistics) and device-samples.csv (every trial)')
    .option('--table <path>', 'device-table artifact', 'results/device/device-table.json')
    .requiredOption('--out <dir>', 'folder for the CSV files')
    .action((options: { table: string; out: string }) => {
      const { data } = readArtifact(options.table, deviceTable);
      const rows = deviceTableRows(data);
      mkdirSync(options.out, { recursive: true });
      writeFileSync(join(options.out, 'device-states.csv'), Papa.unparse(rows.states) + '\n');
      writeFileSync(join(options.out, 'device-samples.csv'), Papa.unparse(rows.samples) + '\n');
      process.stderr.write(`wrote ${rows.states.length} state rows and ${rows.samples.length} sample rows to ${options.out}\n`);
    });
}
