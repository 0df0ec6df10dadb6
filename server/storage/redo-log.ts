// The redo log beside a store file (`<file>-redo`): each group of committed transactions is
// written with one write(2) before its transactions are answered, and the SQLite file receives them
// later in batches (see sqlite.ts), after which the log is written again from its start: writing
// over blocks the file already has costs half of what appending costs. One line per transaction:
// a header object, a tab, and the transaction's delta text (history-table format); JSON text never
// holds a raw tab or newline. The log's entries are its lines from the start with consecutive
// seq numbers: the first line that is cut short (a write a crash interrupted, never answered), is
// not an entry (the rest of an older line), or does not follow the previous seq (an older
// generation, already in the SQLite file) ends them.

import { closeSync, constants, existsSync, fdatasyncSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'

/** One logged transaction: what its history row holds. */
export interface RedoEntry {
  readonly seq: number
  readonly txnId: string
  readonly date: string
  readonly comment: string | null
  readonly peer: string
  /** How many rows hold ephemeral values after this transaction (see ephemeral-rows.ts). */
  readonly ephemeralRows: number
  /** The Delta in the history table's text format. */
  readonly deltaText: string
}

/** The two redo logs of the store file at `storePath`: one written while the other's batch goes into the file. */
export function redoLogPaths(storePath: string): readonly [string, string] {
  return [`${storePath}-redo`, `${storePath}-redo-b`]
}

/** The entries of both redo logs of the store at `storePath`, by seq. */
export function readRedoLogs(storePath: string): RedoEntry[] {
  return redoLogPaths(storePath).flatMap(readRedoLog).sort((a, b) => a.seq - b.seq)
}

/** The line that logs `entry` (newline included). */
export function redoLine(entry: RedoEntry): string {
  const header = JSON.stringify({ seq: entry.seq, txn: entry.txnId, date: entry.date, comment: entry.comment, peer: entry.peer, ephemeral: entry.ephemeralRows })
  return `${header}\t${entry.deltaText}\n`
}

/** The entries of the log at `path` (none when it does not exist), oldest first. */
export function readRedoLog(path: string): RedoEntry[] {
  if (!existsSync(path)) return []
  const text = readFileSync(path, 'utf8')
  const entries: RedoEntry[] = []
  for (let start = 0, end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start)) {
    const entry = parseLine(text.slice(start, end))
    if (entry === null || (entries.length > 0 && entry.seq !== entries[entries.length - 1].seq + 1)) break
    entries.push(entry)
  }
  return entries
}

/** The entry a line holds, or null when it is not one. */
function parseLine(line: string): RedoEntry | null {
  const tab = line.indexOf('\t')
  if (!line.startsWith('{"seq":') || tab < 0) return null
  let header: Record<string, unknown>
  try {
    header = JSON.parse(line.slice(0, tab)) as Record<string, unknown>
  } catch {
    return null
  }
  if (typeof header.seq !== 'number' || typeof header.txn !== 'string') return null
  return {
    seq: header.seq, txnId: header.txn, date: String(header.date), comment: (header.comment ?? null) as string | null,
    peer: String(header.peer ?? ''), ephemeralRows: Number(header.ephemeral ?? 0), deltaText: line.slice(tab + 1),
  }
}

/** An open redo log, written by the running store. */
export class RedoLog {
  private readonly fd: number
  /** Where the next group goes. */
  private position = 0

  /** Opens (creating or emptying) the log at `path`; whatever it held must have been replayed. */
  constructor(private readonly path: string) {
    this.fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC)
  }

  /** Writes `text` (whole lines) after the entries logged so far; with `sync`, waits until it is on disk. */
  append(text: string, sync: boolean): void {
    const bytes = Buffer.from(text, 'utf8')
    for (let written = 0; written < bytes.length;) written += writeSync(this.fd, bytes, written, bytes.length - written, this.position + written)
    this.position += bytes.length
    if (sync) fdatasyncSync(this.fd)
  }

  /** Starts the log over once everything in it is in the SQLite file. */
  clear(): void {
    this.position = 0
  }

  /** Closes and removes the log. */
  close(): void {
    closeSync(this.fd)
    rmSync(this.path, { force: true })
  }
}
