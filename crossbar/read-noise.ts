import { boltzmannJPerK, elementaryChargeC } from '../core/constants.ts';
import type { CrossbarConfig } from './crossbar-config.ts';

/**
 * The relative read noise of a cell of conductance g [S]: the standard deviation of its read current over the current,
 * which the crossbar model applies as a fluctuation of the conductance at each read. A number in the config is that
 * relative noise for every cell. `"mtj"` is the junction's own: shot noise 2qI and Johnson noise 4k_BTg of its read
 * current I = V g over the bandwidth of one read, Δf = 1/(2 t_read), at the full-scale read voltage V:
 * σ(g) = √((2qV + 4k_BT) Δf / g) / V. A row driven below full scale has, relative to its current, more noise than this
 * (shot noise as √V, Johnson noise not at all): the model's first-order conductance fluctuation scales it with V.
 */
export function readNoiseOf(
  config: Pick<CrossbarConfig, 'readNoiseRelative' | 'readVoltageV' | 'readDurationS' | 'temperatureK'>,
): (siemens: number) => number {
  const setting = config.readNoiseRelative;
  if (setting !== 'mtj') return () => setting;
  const bandwidthHz = 1 / (2 * config.readDurationS);
  const powerPerSiemens =
    (2 * elementaryChargeC * config.readVoltageV + 4 * boltzmannJPerK * config.temperatureK) * bandwidthHz;
  return (siemens) => Math.sqrt(powerPerSiemens / siemens) / config.readVoltageV;
}

/** The read noise as tables state it beside a crossbar figure: over the conductances the arrays hold. */
export function readNoiseText(
  config: Pick<CrossbarConfig, 'readNoiseRelative' | 'readVoltageV' | 'readDurationS' | 'temperatureK'>,
  minSiemens: number,
  maxSiemens: number,
): string {
  const noise = readNoiseOf(config);
  const percent = (g: number) => (noise(g) * 100).toPrecision(2);
  if (config.readNoiseRelative === 0) return 'no read noise';
  if (config.readNoiseRelative !== 'mtj') return `read noise ${percent(maxSiemens)} % of each conductance`;
  return `read noise ${percent(maxSiemens)}-${percent(minSiemens)} % (MTJ shot and Johnson noise at ${config.temperatureK} K, ${config.readVoltageV} V, ${config.readDurationS * 1e9} ns)`;
}
