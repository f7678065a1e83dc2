import { z } from 'zod';
import { quantity } from '../../core/quantity.ts';

/**
 * Magnetic material of the racetrack (ferromagnet on a heavy metal). Defaults: docs/paper.md, device defaults; set B of
 * docs/physics.md.
 */
export const Material = z
  .object({
    msatAPerM: quantity('A/m', 'saturation magnetization Ms').default(1.0e6),
    aexJPerM: quantity('J/m', 'exchange stiffness A').default(2e-11),
    kuJPerM3: quantity('J/m^3', 'uniaxial (perpendicular) anisotropy K_u at zero gate voltage').default(8e5),
    alpha: z.number().positive().default(0.03).describe('Gilbert damping (dimensionless)'),
    dmiJPerM2: quantity('J/m^2', 'interfacial DMI constant D').default(5e-4),
    spinHallAngle: z.number().default(0.1).describe('spin Hall angle of the heavy metal (dimensionless)'),
    fieldLikeRatio: z
      .number()
      .default(0)
      .describe('field-like SOT as a fraction of the damping-like SOT field (dimensionless)'),
    spinPolarization: z
      .number()
      .min(-1)
      .max(1)
      .default(0)
      .describe('spin polarization P of the current in the ferromagnet, for Zhang-Li STT (dimensionless)'),
    nonAdiabaticity: z.number().default(0).describe('non-adiabatic STT parameter beta (dimensionless)'),
    kdJPerM3: quantity(
      'J/m^3',
      'Neel-Bloch shape anisotropy K_D; when absent, the Tarasenko thin-film value',
    ).optional(),
  })
  .strict();
export type Material = z.infer<typeof Material>;

export const Geometry = z
  .object({
    widthM: quantity('m', 'track width w').default(50e-9),
    thicknessM: quantity('m', 'ferromagnet thickness t').default(1e-9),
    lengthM: quantity('m', 'track length L').default(600e-9),
  })
  .strict();
export type Geometry = z.infer<typeof Geometry>;

/** Gate voltage to anisotropy change. */
export const VoltageLaw = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('vcma'),
      xiJPerVM: quantity('J/(V*m)', 'VCMA coefficient xi').default(1e-13),
      oxideThicknessM: quantity('m', 'tunnel oxide thickness t_ox').default(1e-9),
    })
    .strict(),
  z
    .object({
      type: z.literal('strain'),
      magnetostriction: z.number().default(1.5e-4).describe('saturation magnetostriction lambda_s (dimensionless)'),
      stressPaPerV: quantity('Pa/V', 'in-plane stress per volt on the piezo').default(2.5e8),
    })
    .strict(),
]);
export type VoltageLaw = z.infer<typeof VoltageLaw>;

/** A gate electrode: the anisotropy under [startM, endM] follows the voltage law, with smooth edges. */
export const Gate = z
  .object({
    startM: quantity('m', 'gate start along the track'),
    endM: quantity('m', 'gate end along the track'),
    edgeWidthM: quantity('m', 'width of the tanh edges of the anisotropy step').default(5e-9),
    law: VoltageLaw.default({ type: 'vcma', xiJPerVM: 1e-13, oxideThicknessM: 1e-9 }),
  })
  .strict();
export type Gate = z.infer<typeof Gate>;

export const Pinning = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('harmonic'),
      positionM: quantity('m', 'trap centre'),
      stiffnessJPerM2: quantity('J/m^2', 'trap stiffness k, V = k (q - q0)^2 / 2'),
    })
    .strict(),
  z
    .object({
      type: z.literal('gaussian'),
      positionM: quantity('m', 'notch centre'),
      depthJ: quantity('J', 'notch depth V0 > 0, V = -V0 exp(-(q - q0)^2 / (2 l^2))'),
      widthM: quantity('m', 'notch width l'),
    })
    .strict(),
  z
    .object({
      type: z.literal('periodic'),
      amplitudeJ: quantity('J', 'V0 in V = V0 sin^2(pi q / p)'),
      periodM: quantity('m', 'period p'),
    })
    .strict(),
  z
    .object({
      type: z.literal('widthModulation'),
      amplitudeM: quantity(
        'm',
        'a in w(x) = w0 + a sin^2(pi x / p): the track is narrowest (a well) at multiples of p',
      ),
      periodM: quantity('m', 'period p'),
      originM: quantity('m', 'x0, where a well sits: w(x) = w0 + a sin^2(pi (x - x0) / p)').default(0),
    })
    .strict()
    .describe('an engineered periodic width modulation: its pinning scales with the wall energy sigma(K_eff)'),
  z
    .object({
      type: z.literal('stop'),
      positionM: quantity('m', 'where the stop begins'),
      side: z.enum(['left', 'right']).describe('the stop acts on walls left of (or right of) positionM'),
      stiffnessJPerM2: quantity('J/m^2', 'stiffness beyond the stop').default(1e-3),
    })
    .strict(),
  z
    .object({
      type: z.literal('roughness'),
      rmsM: quantity('m', 'rms of the random width modulation of each edge'),
      correlationLengthM: quantity('m', 'correlation length of the edge profile'),
      perTrial: z.boolean().default(true).describe('a new edge profile for every trial (else one profile for all)'),
    })
    .strict(),
  z
    .object({
      type: z.literal('grains'),
      grainSizeM: quantity('m', 'edge of the square grains of the film'),
      dispersion: z.number().nonnegative().describe("delta K / K_u: the standard deviation of a grain's K_u, relative"),
      perTrial: z.boolean().default(true).describe('a new grain map for every trial (else one map for all)'),
    })
    .strict(),
]);
export type Pinning = z.infer<typeof Pinning>;

/** Time-independent drive during one phase of a simulation. */
export const Drive = z
  .object({
    fieldT: z.tuple([quantity('T', 'Bx'), quantity('T', 'By'), quantity('T', 'Bz')]).default([0, 0, 0]),
    currentDensityAPerM2: quantity(
      'A/m^2',
      'charge current density in the heavy metal (SOT) and ferromagnet (STT)',
    ).default(0),
    gateVoltageV: quantity('V', 'voltage on every gate').default(0),
  })
  .strict();
export type Drive = z.infer<typeof Drive>;
