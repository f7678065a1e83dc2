/** Physical constants, SI (CODATA 2018 exact values where defined). The one place they live. */

/** Vacuum permeability μ0 [T·m/A]. */
export const mu0TMPerA = 1.25663706212e-6;
/** Boltzmann constant k_B [J/K]. */
export const boltzmannJPerK = 1.380649e-23;
/** Elementary charge e [C]. */
export const elementaryChargeC = 1.602176634e-19;
/** Reduced Planck constant ħ [J·s]. */
export const hbarJS = 1.054571817e-34;
/** Bohr magneton μB [J/T]. */
export const bohrMagnetonJPerT = 9.2740100783e-24;
/** Electron gyromagnetic ratio γ (Gilbert form) [rad/(s·T)], as docs/physics.md uses. */
export const gammaRadPerST = 1.760859e11;
/** Vacuum permittivity ε0 [F/m]. */
export const epsilon0FPerM = 8.8541878128e-12;
