/**
 * The arithmetic of a rate, in one place: n / d × 100, and whether a stated
 * figure equals a computed one at the precision it was written with. Validate,
 * fill, consolidate, compound cells and cell reading all use these.
 */

/** The rate numerator / denominator × 100 (percent, 0–100 when the numerator is part of the denominator). */
export function percentOf(numerator: number, denominator: number): number {
  return (numerator / denominator) * 100;
}

/** Decimals written for a computed rate: the precision the forms print. */
export const RATE_DECIMALS = 2;

export type Verdict = "equal" | "truncated" | "different";

/**
 * Does a stated figure equal the computed one at the precision it was written
 * with? 99,6 for 99,596… is right; 99,59 is a truncation, not an error of substance.
 */
export function compareAtPrecision(stated: number, computed: number, decimals: number): Verdict {
  const unit = Math.pow(10, -Math.min(decimals, 10));
  const diff = Math.abs(stated - computed);
  const eps = 1e-9 * Math.max(1, Math.abs(computed));
  if (diff <= unit / 2 + eps) return "equal";
  if (decimals > 0 && diff < unit + eps && Math.abs(stated - Math.trunc(computed / unit) * unit) < eps) return "truncated";
  return "different";
}

/**
 * Reading "a/b = c%" in one cell (numbers.ts): does c equal a / b × 100 at the
 * precision c was written with? Stricter than `compareAtPrecision` (no allowance
 * relative to the rate's size): a mismatch here is only a doubt on the reading.
 */
export function agrees(stated: number, computed: number, decimals: number): boolean {
  return Math.abs(stated - computed) <= 0.5 * 10 ** -decimals + 1e-9;
}

export function round(n: number, decimals: number): number {
  const f = Math.pow(10, decimals);
  return Math.round(n * f) / f;
}
