import { trialStream } from '../pipeline/rng.ts';
import type { CrossbarModelData } from '../pipeline/schemas/crossbar-model.ts';
import type { DeviceTableData } from '../pipeline/schemas/device-table.ts';
import type { CrossbarConfig } from './crossbar-config.ts';
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
      const layer = new CrossbarLayer(config, levels, states, inputs, outputs, trialStream(seed, `crossbar:n${table.states}:layer${l}:programming`, 0));
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
  };
}
