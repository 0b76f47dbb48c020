// Shared timing helper for the benchmark scripts.

function median(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Runs fn repeatedly for at least `ms` (and `min` times), after `warmup` calls, and returns the
 * median time per call in ms.
 */
export function time(fn, { ms = 1500, min = 5, warmup = 3 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const samples = [];
  const end = performance.now() + ms;
  while (samples.length < min || performance.now() < end) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}
