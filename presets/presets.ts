import { readFileSync } from 'node:fs';

// biome-ignore lint/suspicious/noExplicitAny: a preset is a config file; the pipeline's schema, not this loader, checks it.
type PresetConfig = Record<string, any>;

/** A preset config file under presets/ (`device/notched-pulse-width`, say), as its file holds it. */
export function presetConfig(name: string): PresetConfig {
  return JSON.parse(readFileSync(new URL(`./${name}.json`, import.meta.url), 'utf8'));
}

/** The `device` section of the notched pulse-width preset (the former default device). */
export const notchedPreset = presetConfig('device/notched-pulse-width').device;

const shortTrack = presetConfig('device/short-notched-track');
/** The notched device on a short two-state track with a short protocol (short-notched-track.json). */
export const shortNotchedTrack = shortTrack.device;
/** LLG settings that keep a trial of the short track to seconds (short-notched-track.json). */
export const coarseLlg = shortTrack.deviceLlg;

/** The Pt/Co-like strip of mumax3's test/dmi.mx3 (pt-co-mumax3.json): its material and geometry. */
export const ptCoStrip = presetConfig('device/pt-co-mumax3').device;
