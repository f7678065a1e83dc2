import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * A vega-lite chart rendered to SVG in Node: vega's headless view with no renderer and no canvas (text
 * widths are estimated), and no loader, so a spec can fetch nothing.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none', loader: refusingLoader });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const refusingLoader = vega.loader({ mode: 'file' });
refusingLoader.load = async (uri: string) => {
  throw new Error(`a report chart may not load ${uri}: its data is inline`);
};

/**
 * DejaVu Sans as npm installs it (dejavu-fonts-ttf): the plots' text needs no system fonts, and a PNG is drawn with
 * the same glyphs on every machine.
 */
const dejavuDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const fontFiles = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf'].map((name) =>
  join(dejavuDir, name),
);

/** The SVG as a PNG at twice its size, white background, in DejaVu Sans. */
export function svgToPng(svg: string): Uint8Array {
  const png = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'DejaVu Sans' },
    background: 'white',
    fitTo: { mode: 'zoom', value: 2 },
  })
    .render()
    .asPng();
  return new Uint8Array(png);
}
