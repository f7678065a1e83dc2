import type { Mesh } from './mesh.ts';

/**
 * A strip whose edges are not straight lines: the film fills, at each x, the band between a lower and an upper
 * edge inside a box of `boxWidthM`. Cells outside it are vacuum (Ms = 0), so roughness and width changes act
 * through the geometry itself, as in mumax3's shapes, rather than through a fitted energy landscape.
 */
export interface Outline {
  readonly boxWidthM: number;
  /** The lower and upper edge [m] at x, measured from the box's lower side. */
  readonly edgesM: (xM: number) => readonly [number, number];
}

/**
 * The cells the film fills (1) and the vacuum (0): a cell is film when its centre lies between the edges at the
 * centre's x (a staircase outline, the edge resolved to one cell).
 */
export function outlineMask(mesh: Mesh, outline: Outline): Uint8Array {
  const { nx, ny, nz, dxM, dyM } = mesh;
  const mask = new Uint8Array(nx * ny * nz);
  for (let ix = 0; ix < nx; ix++) {
    const [lower, upper] = outline.edgesM((ix + 0.5) * dxM);
    for (let iy = 0; iy < ny; iy++) {
      const y = (iy + 0.5) * dyM;
      if (y < lower || y > upper) continue;
      for (let iz = 0; iz < nz; iz++) mask[ix + nx * (iy + ny * iz)] = 1;
    }
  }
  return mask;
}

/** The indices of a mask's vacuum cells. */
export function vacuumCells(film: Uint8Array): Uint32Array {
  const cells: number[] = [];
  film.forEach((f, i) => {
    if (f === 0) cells.push(i);
  });
  return Uint32Array.from(cells);
}
