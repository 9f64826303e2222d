import { generate, verify } from 'otplib';

/**
 * The only file that imports otplib (the rest of the code speaks in bytes, seconds and steps, so the
 * library can be swapped or upgraded here alone). otplib 13's functional API with its default noble
 * crypto plugin; secrets are passed as raw bytes, never as base32 strings.
 */

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpParameters {
  /** The raw shared secret (RFC 6238 "K"). */
  secret: Uint8Array;
  algorithm: TotpAlgorithm;
  digits: 6 | 7 | 8;
  /** Time step in seconds (RFC 6238 "X"); T0 is 0. */
  period: number;
}

export type TotpCheck = { valid: true; timeStep: number } | { valid: false };

/** The code for the step holding `epochSeconds`. */
export function totpGenerate(p: TotpParameters & { epochSeconds: number }): Promise<string> {
  return generate({ secret: p.secret, algorithm: p.algorithm, digits: p.digits, period: p.period, epoch: p.epochSeconds });
}

/**
 * Checks `code` against the steps within `windowSteps` of the one holding `epochSeconds`, skipping steps
 * ≤ `afterTimeStep` (replay protection). Returns the matched step. The comparison is constant-time (otplib).
 */
export async function totpVerify(
  p: TotpParameters & { code: string; epochSeconds: number; windowSteps: number; afterTimeStep?: number | null },
): Promise<TotpCheck> {
  // otplib throws on a malformed token; for us it is simply a wrong code.
  if (!new RegExp(`^[0-9]{${p.digits}}$`).test(p.code)) return { valid: false };
  const tolerance = p.windowSteps * p.period;
  const lastStepInWindow = Math.floor((p.epochSeconds + tolerance) / p.period);
  let afterTimeStep: number | undefined;
  if (p.afterTimeStep != null) {
    // otplib throws when afterTimeStep lies beyond the window; every step of the window is spent then.
    if (p.afterTimeStep >= lastStepInWindow) return { valid: false };
    afterTimeStep = p.afterTimeStep;
  }
  const result = await verify({
    secret: p.secret,
    token: p.code,
    algorithm: p.algorithm,
    digits: p.digits,
    period: p.period,
    epoch: p.epochSeconds,
    epochTolerance: tolerance,
    afterTimeStep,
  });
  return result.valid && 'timeStep' in result ? { valid: true, timeStep: result.timeStep } : { valid: false };
}
