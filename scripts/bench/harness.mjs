// The project's measuring method, in any runtime: every case is a loop of its own (so its call
// sites stay monomorphic), calibrated to run about `sampleMs` per sample; then `rounds`
// interleaved rounds (each round runs every case once, in an order rotated each round, after one
// discarded warm round). Returns ns per call of each case in each round: the driver takes medians
// of paired ratios (case / baseline in the same round), which a busy machine disturbs least.

const now = () => performance.now();

/**
 * @param {Record<string, (n: number) => void>} cases
 * @returns {Record<string, number[]>} ns per call, one entry per round
 */
export function measure(cases, { rounds = 15, sampleMs = 2 } = {}) {
  const names = Object.keys(cases);
  const counts = {};
  for (const name of names) {
    // Calibrate (this also warms the case up through the engine's tiers).
    let n = 8;
    for (;;) {
      const t0 = now();
      cases[name](n);
      const ms = now() - t0;
      if (ms >= sampleMs / 4 || n >= 1 << 26) {
        counts[name] = Math.max(8, Math.round((n * sampleMs) / Math.max(ms, 1e-3)));
        break;
      }
      n *= 2;
    }
  }
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = -1; round < rounds; round++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(j + Math.max(round, 0)) % names.length];
      const n = counts[name];
      const t0 = now();
      cases[name](n);
      const ns = ((now() - t0) * 1e6) / n;
      if (round >= 0) samples[name].push(ns);
    }
  }
  return samples;
}
