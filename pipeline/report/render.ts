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

/** The SVG as a PNG at twice its size, white background, with the system's DejaVu fonts. */
export function svgToPng(svg: string): Uint8Array {
  const png = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: 'white',
    fitTo: { mode: 'zoom', value: 2 },
  })
    .render()
    .asPng();
  return new Uint8Array(png);
}
