import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { cliPath, tempDir } from '../test-fixtures/helpers.ts';
import { copyOfSmallPipeline, smallPipeline } from '../test-fixtures/small-pipeline.ts';

const dwsyn = (args: string[]) => execa(process.execPath, [cliPath, ...args], { reject: false });
const smallDevice = {
  trialsPerState: 24,
  stateCounts: [3],
  protocol: { calibrationPoints: 10, calibrationTrials: 8, pulseSearch: null },
};

test('dwsyn run device writes a device table that passes audit, then skips', async (t) => {
  const fixture = await smallPipeline();
  t.is(fixture.run.exitCode, 0, fixture.run.stderr);
  t.deepEqual(
    JSON.parse(fixture.run.stdout).stages.map((s: { stage: string; action: string }) => [s.stage, s.action])[0],
    ['device', 'ran'],
  );
  const { config, results } = await copyOfSmallPipeline();
  const audit = await dwsyn(['--results-dir', results, '--config', config, 'audit', '--json']);
  t.is(audit.exitCode, 0, audit.stdout);
  const again = await dwsyn(['--results-dir', results, '--config', config, 'run', 'device', '--json']);
  t.deepEqual(
    JSON.parse(again.stdout).stages.map((s: { action: string }) => s.action),
    ['skipped'],
  );
});

test('unphysical device parameters are refused before anything runs, naming the key', async (t) => {
  const dir = tempDir();
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ material: { msatAPerM: -1 } }, /config key device\.material\.msatAPerM: must be > 0/],
    [{ material: { kuJPerM3: '0.5 MJ/m^3' } }, /config key device\.material\.kuJPerM3: K_eff = .* is not positive/],
    [{ material: { dmiJPerM2: '3 mJ/m^2' } }, /config key device\.material\.dmiJPerM2: .* cycloid threshold/],
    [{ timeStepS: '5 ps' }, /config key device\.timeStepS: 5e-12 s is outside .* stability bound/],
    [
      { extraPinning: [{ type: 'gaussian', positionM: '2 um', depthJ: 1e-20, widthM: '10 nm' }] },
      /config key device\.extraPinning\[0\]\.positionM: .* outside the track/,
    ],
    [
      { calibration: { cellM: ['7 nm', '5 nm', '1 nm'] } },
      /config key device\.calibration\.cellM\[0\]: 7e-9 m does not tile the strip's length/,
    ],
    [
      { calibration: { cellM: ['6 nm', '5 nm', '1 nm'] } },
      /config key device\.calibration\.cellM\[0\]: cell size 6e-9 m is larger than the exchange length/,
    ],
    [{ calibration: { startM: '10 nm' } }, /config key device\.calibration\.startM: .* within 3 wall widths/],
    [{ gate: { law: { magnetostriction: 1.5e-4 } } }, /device\.gate\.law/],
    [
      { gates: [{ startM: '500 nm', endM: '900 nm' }] },
      /config key device\.gates\[0\]: .* not an interval inside the track/,
    ],
    [
      { protocol: { controlMax: 5 } },
      /config key device\.gate\.law: at 5 V the gate leaves K_eff = .* no positive wall energy/,
    ],
    [{ gate: null }, /config key device\.gate: gateVoltage control needs a gate/],
    [
      { disorder: { grainSizeM: 0, anisotropyDispersion: 0.05 } },
      /config key device\.disorder\.grainSizeM: must be > 0/,
    ],
    [
      { calibration: { pulseS: '5 ns' } },
      /config key device\.calibration\.pulseS: the 1-D model takes the wall to .* within 3 wall widths of the strip's end/,
    ],
  ];
  for (const [device, message] of cases) {
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ device }));
    const result = await dwsyn(['--results-dir', join(dir, 'results'), '--config', config, 'run']);
    t.is(result.exitCode, 2, JSON.stringify(device));
    t.regex(result.stderr, message);
    t.is(result.stderr.trim().split('\n').length, 1, result.stderr);
  }
});

test('a pulse search whose candidates reach no trial into a state is refused in one line naming it, exit 2', async (t) => {
  const dir = tempDir();
  const config = join(dir, 'config.json');
  const pulseSearch = { currentsAPerM2: [1e9], widthsS: ['1 ns'], points: 4, trials: 4 };
  writeFileSync(
    config,
    JSON.stringify({ device: { ...smallDevice, protocol: { ...smallDevice.protocol, pulseSearch } } }),
  );
  const result = await dwsyn(['--results-dir', join(dir, 'results'), '--config', config, 'run', 'device']);
  t.is(result.exitCode, 2, result.stderr);
  t.regex(
    result.stderr,
    /config key device\.protocol\.pulseSearch: no candidate pulse reads a single trial in state 1, 2 of the 3-state table/,
  );
});

test('a calibrated device table: the 1-D parameters fitted to LLG runs are recorded and used', async (t) => {
  const dir = tempDir();
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ device: { ...smallDevice, calibration: { currentsAPerM2: [4e11, 12e11] } } }));
  const results = join(dir, 'results');
  const run = await dwsyn(['--results-dir', results, '--config', config, 'run', 'device']);
  t.is(run.exitCode, 0, run.stderr);
  const table = JSON.parse(readFileSync(join(results, 'device', 'device-table.json'), 'utf8'));
  const calibration = table.data.calibration;
  t.is(calibration.model, 'llg');
  t.deepEqual(calibration.currentsAPerM2, [4e11, 12e11]);
  t.true(calibration.rmsRelativeErrorAfter < calibration.rmsRelativeErrorBefore, JSON.stringify(calibration));
  t.true(calibration.rmsRelativeErrorAfter < 0.1, JSON.stringify(calibration));
  t.deepEqual(calibration.parameters.alpha, [0.3, 0.3], 'damping is not fitted by default');
  t.true(table.provenance.params['device'].calibration !== null);
});
