import type { CrossbarConfig } from './crossbar-config.ts';
import { readNoiseText } from './read-noise.ts';

/**
 * The conditions a crossbar figure holds under, as every table states them beside it: the arrays, the mapping, the
 * wires, the converters and the read noise over the conductances the arrays hold [S].
 */
export function crossbarConditions(config: CrossbarConfig, minSiemens: number, maxSiemens: number): string {
  const mapping = config.mapping === 'differential' ? 'differential pairs' : 'a reference column';
  const wires =
    config.wordlineSegmentOhm === config.bitlineSegmentOhm
      ? `${config.wordlineSegmentOhm} Ω per pitch`
      : `${config.wordlineSegmentOhm} / ${config.bitlineSegmentOhm} Ω per pitch (word / bit line)`;
  return `${config.arrayRows} × ${config.arrayCols} arrays, ${mapping}, ${wires}, ${config.dacBits}-bit DAC, ${config.adcBits}-bit ADC, ${readNoiseText(config, minSiemens, maxSiemens)}`;
}
