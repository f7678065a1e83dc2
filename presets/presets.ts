import { readFileSync } from 'node:fs';

/** The `device` section of the notched pulse-width preset (the former default device), as its file holds it. */
export const notchedPreset = JSON.parse(
  readFileSync(new URL('./device/notched-pulse-width.json', import.meta.url), 'utf8'),
).device as { protocol: Record<string, unknown> } & Record<string, unknown>;

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

/**
 * LLG settings that keep a trial of the short track to seconds: 5 nm cells and 0.1 ps steps, and the width modulation and roughness
 * mapped to anisotropy (an outline needs cells of 2 nm, minutes a trial). For tests of the stage's machinery; the
 * outline has its own oracles (device-sim/llg/outline.oracle.test.ts).
 */
export const coarseLlg = { mesh: { cellM: ['5 nm', '5 nm', '1 nm'] }, edges: 'anisotropy', timeStepS: '0.1 ps' };
