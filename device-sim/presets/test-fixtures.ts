import { readFileSync } from 'node:fs';

/** The `device` section of the notched pulse-width preset (the former default device), as its file holds it. */
export const notchedPreset = JSON.parse(readFileSync(new URL('./notched-pulse-width.json', import.meta.url), 'utf8'))
  .device as { protocol: Record<string, unknown> } & Record<string, unknown>;

/**
 * The notched preset on a short two-state track (home at 80 nm, u = 1 at 280 nm) with a short protocol, so that an
 * LLG trial takes seconds.
 */
export const shortNotchedTrack = {
  ...notchedPreset,
  stateCounts: [2],
  trialsPerState: 32,
  geometry: { lengthM: '400 nm' },
  mtj: { startM: '80 nm', endM: '280 nm' },
  stops: { trackEndM: '330 nm' },
  protocol: {
    ...notchedPreset.protocol,
    equilibrateS: '0.2 ns',
    relaxS: '1.5 ns',
    holdS: '1 ns',
    resetS: '1 ns',
    resetRelaxS: '0.5 ns',
    calibrationPoints: 12,
    calibrationTrials: 8,
  },
};
