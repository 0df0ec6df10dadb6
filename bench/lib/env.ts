// Benchmark sizes from environment variables, so a long run by hand and a short one on a small
// machine use the same code.

/** The positive integer in environment variable `name`, or `fallback` when unset. Throws on anything else. */
export function envInt(name: string, fallback: number): number {
  const text = process.env[name]
  if (text === undefined || text === '') return fallback
  if (!/^[0-9]+$/.test(text) || Number(text) <= 0) throw new Error(`${name}=${text}: expected a positive integer`)
  return Number(text)
}
