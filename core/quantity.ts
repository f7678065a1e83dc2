import { createRequire } from 'node:module';
import { z } from 'zod';

type MathJs = typeof import('mathjs');
let mathjs: MathJs | undefined;

/** mathjs costs ~1.4 s to load, so it is loaded only when a config actually writes a unit string. */
function math(): MathJs {
  mathjs ??= createRequire(import.meta.url)('mathjs') as MathJs;
  return mathjs;
}

/**
 * Converts "600 nm", "25 mT" or "1e11 A/m^2" to a number in `siUnit`. Throws a message fit for the
 * user when the string is no quantity or has the wrong dimension.
 */
export function toSi(text: string, siUnit: string): number {
  const m = math();
  let parsed: import('mathjs').Unit;
  try {
    parsed = m.unit(normalizeUnitSpelling(text.trim()));
  } catch (error) {
    const plain = Number(text);
    if (text.trim() !== '' && Number.isFinite(plain)) return plain;
    throw new Error(`"${text}" is not a number or a quantity with a unit (${(error as Error).message})`);
  }
  const target = m.unit(normalizeUnitSpelling(siUnit));
  if (!parsed.equalBase(target)) {
    throw new Error(`"${text}" does not have the dimension of ${siUnit}`);
  }
  if (parsed.value === null) throw new Error(`"${text}" has a unit but no value`);
  // 15 significant digits drop the binary noise of prefix scaling (600 nm -> 6.000000000000001e-7).
  return Number(parsed.toNumber(normalizeUnitSpelling(siUnit)).toPrecision(15));
}

/** mathjs spells the ohm in lower case and the micro prefix as u; people write Ohm, Ω and µ. */
function normalizeUnitSpelling(text: string): string {
  return text.replace(/Ohm|Ω/g, 'ohm').replace(/[µμ]/g, 'u');
}

/**
 * A physical quantity in a config or case file: a number in SI units, or a string with any unit of the
 * same dimension. The unit is also recorded in the JSON Schema (`unit`).
 */
export function quantity(siUnit: string, description: string) {
  return z
    .union([z.number(), z.string()])
    .transform((value, ctx) => {
      if (typeof value === 'number') return value;
      try {
        return toSi(value, siUnit);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    })
    .pipe(z.number())
    .meta({ unit: siUnit, description: `${description} [${siUnit}]` });
}
