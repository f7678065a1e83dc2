import { trialStream } from '../core/rng.ts';
import type { CrossbarModelData } from '../artifacts/schemas/crossbar-model.ts';
import type { DeviceTableData } from '../artifacts/schemas/device-table.ts';
import { type CrossbarConfig, squareArrays } from './crossbar-config.ts';
import { CrossbarLayer } from './layer.ts';
import { stateConductances } from './mapping.ts';

const rms = (values: ArrayLike<number>) => Math.sqrt(Array.from(values).reduce((s, v) => s + v * v, 0) / values.length);

/**
 * Maps every state table of the device onto crossbar tiles for the configured network shape, with
 * weights drawn uniformly over the states, and reads each layer with random inputs in [0, 1]:
 * IR-drop losses per tile, the relative output error and the energy per inference.
 */
export function buildCrossbarModel(config: CrossbarConfig, device: DeviceTableData, seed: number): CrossbarModelData {
  const mappings = device.tables.map((table) => {
    const levels = stateConductances(table);
    let arrays = 0;
    let adc = 0;
    let dac = 0;
    const layers = config.networkLayers.slice(1).map((outputs, l) => {
      const inputs = config.networkLayers[l]!;
      const weights = trialStream(seed, `crossbar:n${table.states}:layer${l}:weights`, 0);
      const states = Uint8Array.from({ length: inputs * outputs }, () => Math.floor(weights.uniform() * table.states));
      const layer = new CrossbarLayer(
        config,
        levels,
        states,
        inputs,
        outputs,
        trialStream(seed, `crossbar:n${table.states}:layer${l}:programming`, 0),
      );
      const lossSums = layer.tiles.map(() => ({ mean: 0, max: 0 }));
      let errorSq = 0;
      let idealSq = 0;
      let energy = 0;
      let conversions = { dac: 0, adc: 0 };
      for (let r = 0; r < config.statisticsInputs; r++) {
        const draw = trialStream(seed, `crossbar:n${table.states}:layer${l}:input`, r);
        const read = layer.read(Float64Array.from({ length: inputs }, () => draw.uniform()));
        read.tileLoss.forEach((loss, t) => {
          lossSums[t]!.mean += loss.mean / config.statisticsInputs;
          lossSums[t]!.max += loss.max / config.statisticsInputs;
        });
        errorSq += rms(read.y.map((v, j) => v - read.idealY[j]!)) ** 2;
        idealSq += rms(read.idealY) ** 2;
        energy += read.readEnergyJ / config.statisticsInputs;
        conversions = read.conversions;
      }
      arrays += energy;
      adc += conversions.adc * config.adcEnergyJ;
      dac += conversions.dac * config.dacEnergyJ;
      return {
        inputs,
        outputs,
        tiles: layer.tiles.map((tile, t) => ({
          row0: tile.row0,
          rows: tile.rows,
          output0: tile.output0,
          outputs: tile.outputs,
          physicalCols: tile.physicalCols,
          meanColumnLoss: lossSums[t]!.mean,
          maxColumnLoss: lossSums[t]!.max,
        })),
        effectiveWeightError: layer.effectiveWeightError(),
        relativeOutputError: idealSq > 0 ? Math.sqrt(errorSq / idealSq) : 0,
        readEnergyJ: energy,
        dacConversions: conversions.dac,
        adcConversions: conversions.adc,
      };
    });
    return {
      states: table.states,
      meanSiemens: [...levels.meanSiemens],
      minSiemens: levels.minSiemens,
      maxSiemens: levels.maxSiemens,
      programmingEnergyPerAttemptJ: table.meanEnergyPerAttemptJ,
      layers,
      energyPerInferenceJ: { arrays, adc, dac, total: arrays + adc + dac },
    };
  });
  return {
    arrayRows: config.arrayRows,
    arrayCols: config.arrayCols,
    mapping: config.mapping,
    networkLayers: [...config.networkLayers],
    statisticsInputs: config.statisticsInputs,
    mappings,
    irDropSweep: irDropSweep(config, device, seed),
  };
}

/**
 * IR-drop loss of one full square array per size and wire resistance, with random states of the table
 * with the most states and random inputs in [0, 1]: how the loss grows with the array and the wires.
 */
function irDropSweep(config: CrossbarConfig, device: DeviceTableData, seed: number): CrossbarModelData['irDropSweep'] {
  const table = device.tables.reduce((most, t) => (t.states > most.states ? t : most));
  const levels = stateConductances(table);
  const { arraySizes, segmentOhms, inputs: reads } = config.irDropSweep;
  return arraySizes.flatMap((size) =>
    segmentOhms.map((segmentOhm) => {
      const columns = config.mapping === 'differential' ? Math.floor(size / 2) : size - 1;
      const point = squareArrays(config, size, segmentOhm);
      const weights = trialStream(seed, `crossbar:sweep:${size}:weights`, 0);
      const states = Uint8Array.from({ length: size * columns }, () => Math.floor(weights.uniform() * table.states));
      const layer = new CrossbarLayer(
        point,
        levels,
        states,
        size,
        columns,
        trialStream(seed, `crossbar:sweep:${size}:programming`, 0),
      );
      let mean = 0;
      let max = 0;
      for (let r = 0; r < reads; r++) {
        const draw = trialStream(seed, `crossbar:sweep:${size}:input`, r);
        const [loss] = layer.read(Float64Array.from({ length: size }, () => draw.uniform())).tileLoss;
        mean += loss!.mean / reads;
        max += loss!.max / reads;
      }
      return { states: table.states, arraySize: size, segmentOhm, meanColumnLoss: mean, maxColumnLoss: max };
    }),
  );
}
