export interface Figure {
  name: string;
  value: number;
  unit: string;
  anchor?: { name: string; value: number };
  target?: string;
}

const fmt = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1));

export function printFigures(figures: Figure[]): void {
  for (const f of figures) {
    const ratio = f.anchor
      ? ` | anchor ${f.anchor.name}: ${fmt(f.anchor.value)} | ratio ${(f.value / f.anchor.value).toFixed(2)}`
      : '';
    process.stdout.write(
      `- ${f.name}: ${fmt(f.value)} ${f.unit}${ratio}${f.target ? ` | target ${f.target}` : ''}\n`,
    );
  }
}
