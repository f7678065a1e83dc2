import type { Artifact } from '../../artifacts/artifact.ts';
import { formatJson } from '../../artifacts/json-file.ts';

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Anchor id of an artifact's provenance block: every number it produced links there. */
const artifactAnchor = (artifact: Artifact) => `a-${artifact.provenance.sha256.slice(0, 16)}`;

/** A table cell: its text, the raw value for CSV, and the artifact the number comes from. */
export interface Cell {
  readonly text: string;
  readonly csv?: string | number;
  readonly source?: Artifact;
}

export interface Table {
  readonly id: string;
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<readonly Cell[]>;
}

export const cell = (text: string, source?: Artifact, csv?: string | number): Cell => ({
  text,
  ...(source ? { source } : {}),
  ...(csv !== undefined ? { csv } : {}),
});

function renderCell(c: Cell): string {
  const text = escapeHtml(c.text);
  return c.source
    ? `<a class="num" href="#${artifactAnchor(c.source)}" title="from ${escapeHtml(c.source.kind)} ${c.source.provenance.sha256.slice(0, 12)}">${text}</a>`
    : text;
}

export function renderTable(table: Table): string {
  const head = table.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = table.rows
    .map(
      (row) =>
        `<tr>${row.map((c) => `<td${typeof c.csv === 'number' ? ' class="n"' : ''}>${renderCell(c)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table id="table-${escapeHtml(table.id)}"><caption>${escapeHtml(table.title)} <a href="${escapeHtml(table.id)}.csv">CSV</a></caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** A rendered plot: inline SVG (made by vega, which escapes the text it draws) and its files. */
export interface RenderedFigure {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly svg: string;
  readonly sources: readonly Artifact[];
}

export function renderFigure(figure: RenderedFigure): string {
  const from = figure.sources
    .map((a) => `<a href="#${artifactAnchor(a)}">${escapeHtml(a.kind)} ${a.provenance.sha256.slice(0, 12)}</a>`)
    .join(', ');
  return `<figure id="fig-${escapeHtml(figure.id)}"><h3>${escapeHtml(figure.title)}</h3><div class="plot">${figure.svg}</div><figcaption>${escapeHtml(figure.caption)} From ${from}. <a href="${escapeHtml(figure.id)}.svg">SVG</a> <a href="${escapeHtml(figure.id)}.png">PNG</a></figcaption></figure>`;
}

/** The provenance of one artifact, the target of every link to it. */
export function renderProvenance(path: string, artifact: Artifact): string {
  const p = artifact.provenance;
  const inputs = p.inputs
    .map(
      (i) =>
        `<li>${escapeHtml(i.name)} (${escapeHtml(i.kind)}) <code>${escapeHtml(i.path)}</code> sha256 <code>${escapeHtml(i.sha256)}</code></li>`,
    )
    .join('');
  return `<details class="provenance" id="${artifactAnchor(artifact)}" open><summary><code>${escapeHtml(path)}</code>: ${escapeHtml(artifact.kind)} v${artifact.schemaVersion}, sha256 <code>${escapeHtml(p.sha256)}</code></summary>
<dl><dt>stage</dt><dd>${escapeHtml(p.stage)} v${p.stageVersion}, sources <code>${escapeHtml(p.sourceSha256.slice(0, 16))}</code> (${Object.keys(p.sources).length} files)</dd>
<dt>seed</dt><dd>${p.seed} (${escapeHtml(p.rng.algorithm)})</dd>
<dt>inputs</dt><dd>${inputs ? `<ul>${inputs}</ul>` : 'none'}</dd>
<dt>made</dt><dd>${escapeHtml(p.createdAt)} by dwsyn ${escapeHtml(p.dwsynVersion)} on node ${escapeHtml(p.nodeVersion)} in ${(p.durationMs / 1000).toFixed(1)} s</dd>
<dt>params</dt><dd><pre>${escapeHtml(formatJson(p.params))}</pre></dd></dl></details>`;
}

const style = `
body { font: 15px/1.45 "DejaVu Sans", system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 1rem 2rem; color: #222; }
h1 { margin-bottom: 0.2rem; } h2 { border-bottom: 1px solid #ccc; margin-top: 2.2rem; }
nav a { margin-right: 1rem; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 13px; }
caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
th, td { border: 1px solid #ddd; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } td.n { text-align: right; white-space: nowrap; }
a.num { color: inherit; text-decoration: underline dotted; }
figure { margin: 1.5rem 0; } figure h3 { margin: 0.3rem 0; } figcaption { font-size: 13px; color: #555; max-width: 800px; }
.plot svg { max-width: 100%; height: auto; }
.ok { color: #1a7f37; font-weight: bold; } .bad { color: #c62828; font-weight: bold; }
details.provenance { margin: 0.6rem 0; font-size: 13px; } dl { display: grid; grid-template-columns: 7rem 1fr; margin: 0.4rem 1rem; }
pre { background: #f7f7f7; padding: 0.5rem; max-height: 16rem; overflow: auto; margin: 0; }
.note { color: #555; font-style: italic; }
`;

export interface Section {
  readonly id: string;
  readonly title: string;
  readonly html: string;
}

/** The whole page: one file, inline styles and SVG, and a policy that lets it fetch nothing. */
export function renderPage(title: string, header: string, sections: readonly Section[]): string {
  const nav = sections.map((s) => `<a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a>`).join('');
  const body = sections
    .map((s) => `<section id="${escapeHtml(s.id)}"><h2>${escapeHtml(s.title)}</h2>\n${s.html}\n</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title><style>${style}</style></head>
<body><header><h1>${escapeHtml(title)}</h1>${header}</header><nav>${nav}</nav>
${body}
</body></html>
`;
}
