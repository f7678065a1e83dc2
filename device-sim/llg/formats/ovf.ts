import { ArtifactError } from '../../../core/errors.ts';
import { cellCount, vectorField, type Mesh, type VectorField } from '../geometry/mesh.ts';

/**
 * OVF 2.0 (the OOMMF vector field format that mumax3 also reads and writes): one segment, rectangular
 * mesh, three components per node, data as text or binary 4 / 8 (little-endian, with the check value).
 * Parsing and formatting only: no file I/O here.
 */
export interface OvfField {
  readonly mesh: Mesh;
  readonly field: VectorField;
  readonly title: string;
  /** Origin of the mesh (xmin, ymin, zmin) in metres. */
  readonly originM: readonly [number, number, number];
}

export type OvfDataFormat = 'text' | 'binary4' | 'binary8';

const checkValues = { binary4: 1234567.0, binary8: 123456789012345.0 } as const;

/** Parses an OVF 2.0 file; a malformed one is an ArtifactError naming `source` and the field. */
export function parseOvf(bytes: Uint8Array, source: string): OvfField {
  const fail = (field: string, message: string) => new ArtifactError(`${source}: field ${field}: ${message}`);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = new Map<string, string>();
  let offset = 0;
  let format: OvfDataFormat | undefined;
  let firstLine = true;
  while (offset < buffer.length && !format) {
    const end = buffer.indexOf(0x0a, offset);
    const line = buffer.toString('latin1', offset, end < 0 ? buffer.length : end).trim();
    offset = end < 0 ? buffer.length : end + 1;
    if (firstLine) {
      if (!/^#\s*OOMMF OVF 2\.0$/i.test(line))
        throw fail('header', `not an OVF 2.0 file (first line "${line.slice(0, 40)}")`);
      firstLine = false;
      continue;
    }
    const data = /^#\s*Begin:\s*Data\s+(Text|Binary\s+4|Binary\s+8)\s*$/i.exec(line);
    if (data) {
      format = ({ text: 'text', 'binary 4': 'binary4', 'binary 8': 'binary8' } as const)[
        data[1]!.toLowerCase().replace(/\s+/, ' ') as 'text' | 'binary 4' | 'binary 8'
      ];
      break;
    }
    const entry = /^#\s*([A-Za-z]+):\s*(.*)$/.exec(line);
    if (entry) header.set(entry[1]!.toLowerCase(), entry[2]!.trim());
  }
  if (!format) throw fail('data', 'no "# Begin: Data" line');
  const number = (key: string) => {
    const text = header.get(key);
    if (text === undefined) throw fail(key, 'missing from the header');
    const value = Number(text);
    if (!Number.isFinite(value)) throw fail(key, `not a number ("${text}")`);
    return value;
  };
  const count = (key: string) => {
    const value = number(key);
    if (!Number.isInteger(value) || value < 1) throw fail(key, `must be a positive integer (got ${value})`);
    return value;
  };
  if ((header.get('meshtype') ?? '').toLowerCase() !== 'rectangular')
    throw fail('meshtype', `only rectangular meshes are read (got "${header.get('meshtype') ?? ''}")`);
  if (number('valuedim') !== 3) throw fail('valuedim', `must be 3 (got ${header.get('valuedim')})`);
  if ((header.get('meshunit') ?? 'm') !== 'm') throw fail('meshunit', `must be m (got "${header.get('meshunit')}")`);
  const mesh: Mesh = {
    nx: count('xnodes'),
    ny: count('ynodes'),
    nz: count('znodes'),
    dxM: number('xstepsize'),
    dyM: number('ystepsize'),
    dzM: number('zstepsize'),
  };
  for (const key of ['xstepsize', 'ystepsize', 'zstepsize'] as const)
    if (!(number(key) > 0)) throw fail(key, 'must be > 0');
  const values = 3 * cellCount(mesh);
  const raw =
    format === 'text' ? parseText(buffer, offset, values, fail) : parseBinary(buffer, offset, values, format, fail);
  const field = vectorField(cellCount(mesh));
  for (let i = 0; i < cellCount(mesh); i++) {
    field.x[i] = raw[3 * i]!;
    field.y[i] = raw[3 * i + 1]!;
    field.z[i] = raw[3 * i + 2]!;
  }
  const origin = (key: string) => (header.has(key) ? number(key) : 0);
  return { mesh, field, title: header.get('title') ?? '', originM: [origin('xmin'), origin('ymin'), origin('zmin')] };
}

function parseBinary(
  buffer: Buffer,
  offset: number,
  values: number,
  format: 'binary4' | 'binary8',
  fail: (field: string, message: string) => Error,
): Float64Array {
  const size = format === 'binary4' ? 4 : 8;
  const needed = size * (values + 1);
  if (buffer.length - offset < needed)
    throw fail('data', `truncated: ${values} values need ${needed} bytes, ${buffer.length - offset} remain`);
  const read = (at: number) => (size === 4 ? buffer.readFloatLE(at) : buffer.readDoubleLE(at));
  if (read(offset) !== checkValues[format])
    throw fail('data', `check value ${read(offset)} is not ${checkValues[format]} (wrong byte order or not ${format})`);
  const out = new Float64Array(values);
  for (let i = 0; i < values; i++) out[i] = read(offset + size * (i + 1));
  const tail = buffer.toString('latin1', offset + needed, Math.min(buffer.length, offset + needed + 64));
  if (!/^\s*#\s*End:\s*Data/i.test(tail)) throw fail('data', 'no "# End: Data" line after the values');
  return out;
}

function parseText(
  buffer: Buffer,
  offset: number,
  values: number,
  fail: (field: string, message: string) => Error,
): Float64Array {
  const text = buffer.toString('latin1', offset);
  const end = text.search(/^#\s*End:\s*Data/im);
  if (end < 0) throw fail('data', 'no "# End: Data Text" line');
  const tokens = text
    .slice(0, end)
    .split('\n')
    .map((line) => line.replace(/#.*$/, ''))
    .join(' ')
    .split(/\s+/)
    .filter((t) => t !== '');
  if (tokens.length !== values) throw fail('data', `${tokens.length} values, the header's mesh needs ${values}`);
  const out = new Float64Array(values);
  tokens.forEach((token, i) => {
    const value = Number(token);
    if (!Number.isFinite(value)) throw fail('data', `value ${i} is not a number ("${token}")`);
    out[i] = value;
  });
  return out;
}

/** Formats a vector field as OVF 2.0 (cell-centred rectangular mesh with its origin at zero unless given). */
export function formatOvf(
  ovf: {
    mesh: Mesh;
    field: VectorField;
    title: string;
    originM?: readonly [number, number, number];
    valueLabels?: readonly [string, string, string];
    valueUnits?: readonly [string, string, string];
  },
  format: 'text' | 'binary8',
): Uint8Array {
  const { mesh, field } = ovf;
  const [x0, y0, z0] = ovf.originM ?? [0, 0, 0];
  const header = [
    '# OOMMF OVF 2.0',
    '# Segment count: 1',
    '# Begin: Segment',
    '# Begin: Header',
    `# Title: ${ovf.title.replace(/[\r\n]/g, ' ')}`,
    '# meshunit: m',
    '# meshtype: rectangular',
    `# xbase: ${x0 + mesh.dxM / 2}`,
    `# ybase: ${y0 + mesh.dyM / 2}`,
    `# zbase: ${z0 + mesh.dzM / 2}`,
    `# xnodes: ${mesh.nx}`,
    `# ynodes: ${mesh.ny}`,
    `# znodes: ${mesh.nz}`,
    `# xstepsize: ${mesh.dxM}`,
    `# ystepsize: ${mesh.dyM}`,
    `# zstepsize: ${mesh.dzM}`,
    `# xmin: ${x0}`,
    `# ymin: ${y0}`,
    `# zmin: ${z0}`,
    `# xmax: ${x0 + mesh.nx * mesh.dxM}`,
    `# ymax: ${y0 + mesh.ny * mesh.dyM}`,
    `# zmax: ${z0 + mesh.nz * mesh.dzM}`,
    '# valuedim: 3',
    `# valuelabels: ${(ovf.valueLabels ?? ['m_x', 'm_y', 'm_z']).join(' ')}`,
    `# valueunits: ${(ovf.valueUnits ?? ['1', '1', '1']).join(' ')}`,
    '# End: Header',
  ];
  const cells = cellCount(mesh);
  if (format === 'text') {
    const rows = Array.from(
      { length: cells },
      (_, i) => `${exact(field.x[i]!)} ${exact(field.y[i]!)} ${exact(field.z[i]!)}`,
    );
    return Buffer.from(
      [...header, '# Begin: Data Text', ...rows, '# End: Data Text', '# End: Segment', ''].join('\n'),
      'latin1',
    );
  }
  const data = Buffer.alloc(8 * (3 * cells + 1));
  data.writeDoubleLE(checkValues.binary8, 0);
  for (let i = 0; i < cells; i++) {
    data.writeDoubleLE(field.x[i]!, 8 * (3 * i + 1));
    data.writeDoubleLE(field.y[i]!, 8 * (3 * i + 2));
    data.writeDoubleLE(field.z[i]!, 8 * (3 * i + 3));
  }
  return Buffer.concat([
    Buffer.from([...header, '# Begin: Data Binary 8', ''].join('\n'), 'latin1'),
    data,
    Buffer.from('\n# End: Data Binary 8\n# End: Segment\n', 'latin1'),
  ]);
}

/** The shortest text that reads back to the same float64, -0 included. */
const exact = (value: number) => (Object.is(value, -0) ? '-0' : String(value));
