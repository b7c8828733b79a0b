/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** mulberry32: a small, fast seeded generator, so that a run with the same SIM_SEED flies the same fleet. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform in [min, max). */
export const between = (rng: Rng, min: number, max: number) => min + (max - min) * rng();

/** One element, uniformly. */
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
