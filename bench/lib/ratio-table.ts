// Prints a benchmark's results as `metric | ovsdb-server | switchyard | ratio | target | met?`,
// ratio always being switchyard ÷ ovsdb-server, so a missed target shows with its ratio.

import { cpus, totalmem } from 'node:os'

/** A bound on the ratio (switchyard ÷ ovsdb-server). */
export interface RatioTarget {
  readonly op: '<=' | '>='
  readonly value: number
}

/** One line of the table; a null measurement prints as n/a with `note` saying why. */
export interface ResultRow {
  readonly metric: string
  readonly theirs: number | null
  readonly ours: number | null
  readonly target?: RatioTarget
  readonly note?: string
}

/** Whether `row` meets its target: true/false, or null when it has no target or a side is missing. */
export function targetMet(row: ResultRow): boolean | null {
  const ratio = ratioOf(row)
  if (row.target === undefined || ratio === null) return null
  return row.target.op === '<=' ? ratio <= row.target.value : ratio >= row.target.value
}

/** Prints `rows` under `title` as an aligned Markdown table, with notes below it. */
export function printRatioTable(title: string, rows: readonly ResultRow[]): void {
  const header = ['metric', 'ovsdb-server', 'switchyard', 'ratio', 'target', 'met?']
  const cells = rows.map((row) => {
    const met = targetMet(row)
    const ratio = ratioOf(row)
    return [
      row.metric, formatNumber(row.theirs), formatNumber(row.ours),
      ratio === null ? 'n/a' : `${formatNumber(ratio)}x`,
      row.target === undefined ? '-' : `${row.target.op} ${row.target.value}x`,
      met === null ? (row.target === undefined ? '-' : 'n/a') : met ? 'yes' : 'NO',
    ]
  })
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)))
  const line = (c: readonly string[]) => `| ${c.map((text, i) => text.padEnd(widths[i])).join(' | ')} |`
  console.log(`\n### ${title}\n`)
  console.log(line(header))
  console.log(line(widths.map((w) => '-'.repeat(w))))
  for (const c of cells) console.log(line(c))
  for (const row of rows) if (row.note !== undefined) console.log(`  note (${row.metric}): ${row.note}`)
}

/** Prints when and where the numbers were taken. */
export function printRunHeader(name: string): void {
  const cpu = cpus()
  console.log(`# ${name} — ${new Date().toISOString()}`)
  console.log(`machine: ${cpu.length} CPU(s) (${cpu[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`)
  console.log('other work may run concurrently on this machine: compare ratios within one run, not across runs')
}

/** A measurement with three significant digits (integers above 1000 unrounded). */
export function formatNumber(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return 'n/a'
  if (Math.abs(value) >= 1000) return Math.round(value).toString()
  return value.toPrecision(3)
}

function ratioOf(row: ResultRow): number | null {
  if (row.theirs === null || row.ours === null || row.theirs === 0) return null
  return row.ours / row.theirs
}
