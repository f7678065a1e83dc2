import test from 'ava';
import { svgToPng } from './render.ts';

test('plot text is drawn with the font npm installs, whatever fonts the system has', (t) => {
  const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">${body}</svg>`;
  const blank = svgToPng(svg(''));
  const text = svgToPng(svg('<text x="5" y="25" font-family="DejaVu Sans" font-size="16">Wall 42 nm</text>'));
  t.notDeepEqual(text, blank, 'the text left no pixel: no font was found');
});
