export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Prints a benchmark's figures as a small table, ready to paste into bench/README.md. */
export function report(name: string, rows: [string, string][]): void {
  console.log(`\n## ${name}\n\n| measure | value |\n|---|---|`);
  for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
}
