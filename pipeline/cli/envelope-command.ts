import type { Command } from 'commander';
import { readArtifact } from '../../artifacts/artifact.ts';
import { loadCaseFile } from '../../artifacts/case-file.ts';
import { formatJson, readJsonFile } from '../../artifacts/json-file.ts';
import { deviceTable } from '../../artifacts/schemas/device-table.ts';
import { UsageError } from '../../core/errors.ts';
import { DeviceConfig } from '../../device-sim/characterize/device-config.ts';
import { checkEnvelope, envelopeProblems, type ParameterCheck } from '../../device-sim/envelope/check.ts';
import { Envelope, literatureEnvelope } from '../../device-sim/envelope/envelope.ts';
import { parseConfigValue } from '../run/config.ts';

interface EnvelopeOptions {
  config?: string;
  envelope?: string;
  table?: string;
  json: boolean;
}

/** The `device` section of a pipeline config file (the defaults without one), validated. */
function deviceOf(path: string | undefined): DeviceConfig {
  if (!path) return DeviceConfig.parse({});
  let raw: unknown;
  try {
    raw = readJsonFile(path);
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
  const section = (raw as { device?: unknown } | null)?.device ?? {};
  return parseConfigValue(DeviceConfig, section, path, 'device');
}

/** One line of the text listing: inside, OUTSIDE or not checked, the key, the value(s), the range and its sources. */
function checkLine({ key, range, values, outside }: ParameterCheck): string {
  const status = values.length === 0 ? '-      ' : outside === null ? 'inside ' : 'OUTSIDE';
  const shown = outside ?? values.at(-1);
  const value = shown === undefined ? '' : shown.toPrecision(3);
  return `${status}  ${key.padEnd(36)} ${value.padStart(10)}  [${range.min.toPrecision(3)}, ${range.max.toPrecision(3)}] ${range.unit}  (${range.sources.length} sources)`;
}

/** `dwsyn device envelope`: a device config's parameters against the literature envelope. */
export function registerEnvelopeCommand(device: Command): void {
  device
    .command('envelope')
    .description(
      "hold a device config's parameters against the ranges the literature supports: each one inside, OUTSIDE, or not checked (-)",
    )
    .option('--config <file>', 'a pipeline config file: its device section (default: the default device)')
    .option('--envelope <file>', 'an envelope file of your own (default: device-sim/envelope/literature.json)')
    .option('--table <path>', 'a device-table artifact: its set pulses and gate voltages for the derived quantities')
    .option(
      '--json',
      'one JSON document: every parameter with its values, range, sources and whether it is inside',
      false,
    )
    .action((options: EnvelopeOptions) => {
      const envelope = options.envelope
        ? loadCaseFile(options.envelope, Envelope, envelopeProblems)
        : literatureEnvelope;
      const tables = options.table ? readArtifact(options.table, deviceTable).data.tables : [];
      const checks = checkEnvelope(envelope, deviceOf(options.config), tables);
      if (options.json) {
        process.stdout.write(
          `${formatJson({
            envelope: options.envelope ?? 'device-sim/envelope/literature.json',
            parameters: checks.map(({ key, range, values, outside }) => ({
              key,
              check: range.check,
              values,
              range: [range.min, range.max],
              unit: range.unit,
              inside: values.length === 0 ? null : outside === null,
              sources: range.sources.map((id) => envelope.sources[id]!),
            })),
          })}\n`,
        );
        return;
      }
      process.stdout.write(`${checks.map(checkLine).join('\n')}\n`);
      const outside = checks.filter((c) => c.outside !== null).length;
      process.stderr.write(
        `${outside} of ${checks.filter((c) => c.values.length > 0).length} checked parameters outside their literature range${options.table ? '' : ' (without --table, the pulses are not checked)'}\n`,
      );
    });
}
