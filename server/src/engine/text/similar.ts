// "Did you mean" for enum values, label values and port names.

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * The candidates close to `value`: an exact case-insensitive match first, then those within an
 * edit distance of about a third of the length (at least 1, at most 3), nearest first.
 */
export function nearest(value: string, candidates: Iterable<string>, max = 3): string[] {
  const lower = value.toLowerCase();
  const scored: Array<{ c: string; d: number }> = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c) || c === value) continue;
    seen.add(c);
    const cl = c.toLowerCase();
    if (cl === lower) {
      scored.push({ c, d: 0 });
      continue;
    }
    const limit = Math.min(3, Math.max(1, Math.floor(Math.max(value.length, c.length) / 3)));
    const d = editDistance(lower, cl);
    if (d <= limit) scored.push({ c, d });
  }
  return scored.sort((a, b) => a.d - b.d || a.c.localeCompare(b.c)).slice(0, max).map((s) => s.c);
}
