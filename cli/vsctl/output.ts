// Table output of list/find (lib/table.c): formats table, list, html, csv and json; cell data as
// string, bare or json; --no-headings, --pretty, --max-column-width. A blank line separates the
// tables of one invocation (table.c's first_table) in the list, table and csv formats.

import { RealJson, datumToJson, jsonText, jsonToText, uuidFromText } from '../../schema/index.js'
import type { ColumnType, Datum } from '../../schema/index.js'
import { datumToBare, datumToString } from './values.js'

/** One cell: a datum and its type. */
export interface Cell {
  readonly datum: Datum
  readonly type: ColumnType
}

/** A command's table: headings and rows of cells. */
export interface OutputTable {
  readonly headings: readonly string[]
  readonly rows: Cell[][]
}

export const TABLE_FORMATS = ['table', 'list', 'html', 'csv', 'json'] as const
export type TableFormat = (typeof TABLE_FORMATS)[number]
export const CELL_FORMATS = ['string', 'bare', 'json'] as const
export type CellFormat = (typeof CELL_FORMATS)[number]

/** struct table_style. */
export interface TableStyle {
  format: TableFormat
  cellFormat: CellFormat
  headings: boolean
  pretty: boolean
  maxColumnWidth: number
}

/** TABLE_STYLE_DEFAULT: list format, string cells, headings. */
export function defaultStyle(): TableStyle {
  return { format: 'list', cellFormat: 'string', headings: true, pretty: false, maxColumnWidth: 0 }
}

/** Prints tables in order, remembering whether one was printed before (for the separating blank line). */
export class TablePrinter {
  private first = true

  constructor(private readonly style: TableStyle) {}

  /** The text of `table` in the style's format. */
  print(table: OutputTable): string {
    const separator = this.first || this.style.format === 'html' || this.style.format === 'json' ? '' : '\n'
    this.first = false
    switch (this.style.format) {
      case 'table': return separator + this.table(table)
      case 'list': return separator + this.list(table)
      case 'html': return this.html(table)
      case 'csv': return separator + this.csv(table)
      case 'json': return this.json(table)
    }
  }

  private text(cell: Cell): string {
    const json = datumToJson(cell.datum, cell.type)
    if (this.style.cellFormat === 'json') return jsonText(json)
    return this.style.cellFormat === 'string' ? datumToString(cell.datum, cell.type) : datumToBare(cell.datum, cell.type)
  }

  private table(table: OutputTable): string {
    const texts = table.rows.map((row) => row.map((cell) => this.text(cell)))
    const widths = table.headings.map((heading, x) => {
      let w = Math.max(0, ...texts.map((row) => byteLength(row[x])))
      if (this.style.maxColumnWidth > 0 && w > this.style.maxColumnWidth) w = this.style.maxColumnWidth
      return this.style.headings ? Math.max(w, byteLength(heading)) : w
    })
    const line = (cells: readonly string[], truncate: boolean): string =>
      `${cells.map((c, x) => pad(truncate ? truncateBytes(c, widths[x]) : c, widths[x])).join(' ').replace(/ +$/, '')}\n`
    let out = ''
    if (this.style.headings) out += line(table.headings, false) + line(widths.map((w) => '-'.repeat(w)), false)
    for (const row of texts) out += line(row, true)
    return out
  }

  private list(table: OutputTable): string {
    return table.rows.map((row) => row.map((cell, x) => {
      const text = this.text(cell)
      return this.style.headings ? `${pad(table.headings[x], 20)}: ${text}\n` : `${text}\n`
    }).join('')).join('\n')
  }

  private html(table: OutputTable): string {
    let out = '<table border=1>\n'
    if (this.style.headings) out += `  <tr>\n${table.headings.map((h) => htmlCell('th', h)).join('')}  </tr>\n`
    for (const row of table.rows) {
      out += '  <tr>\n'
      row.forEach((cell, x) => {
        const content = this.text(cell)
        out += table.headings[x] === '_uuid'
          ? `    <td><a name="${escapeHtml(content)}">${escapeHtml(content.slice(0, 8))}</a></td>\n`
          : htmlCell('td', content)
      })
      out += '  </tr>\n'
    }
    return `${out}</table>\n`
  }

  private csv(table: OutputTable): string {
    let out = this.style.headings ? `${table.headings.map(csvCell).join(',')}\n` : ''
    for (const row of table.rows) out += `${row.map((cell) => csvCell(this.text(cell))).join(',')}\n`
    return out
  }

  private json(table: OutputTable): string {
    const json = { data: table.rows.map((row) => row.map((cell) => datumToJson(cell.datum, cell.type))), headings: table.headings }
    return `${this.style.pretty ? prettyJson(json, 0) : jsonToText(json)}\n`
  }
}

/** JSON text as lib/json.c writes it with JSSF_PRETTY|JSSF_SORT. */
function prettyJson(json: unknown, depth: number): string {
  const indent = (d: number): string => `\n${' '.repeat(2 * d)}`
  if (Array.isArray(json)) {
    if (json.length === 0) return '[]'
    return `[${indent(depth + 1)}${json.map((e) => prettyJson(e, depth + 1)).join(`,${indent(depth + 1)}`)}]`
  }
  if (typeof json === 'object' && json !== null && !(json instanceof RealJson)) {
    const members = Object.keys(json).sort().map((key) => `${jsonToText(key)}: ${prettyJson((json as Record<string, unknown>)[key], depth + 1)}`)
    return `{${indent(depth + 1)}${members.join(`,${indent(depth + 1)}`)}}`
  }
  return jsonToText(json)
}

function byteLength(text: string): number {
  return Buffer.byteLength(text)
}

/** printf("%-*s"): pads to `width` bytes. */
function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - byteLength(text)))
}

/** printf("%.*s"): at most `width` bytes. */
function truncateBytes(text: string, width: number): string {
  const bytes = Buffer.from(text)
  return bytes.length <= width ? text : bytes.subarray(0, width).toString()
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
}

/** A cell whose UUIDs become links to their rows (table_print_html_cell__). */
function htmlCell(element: string, content: string): string {
  let out = `    <${element}>`
  for (let p = 0; p < content.length;) {
    const uuid = uuidFromText(content.slice(p, p + 36))
    if (uuid !== undefined) {
      out += `<a href="#${content.slice(p, p + 36)}">${content.slice(p, p + 8)}</a>`
      p += 36
    } else {
      out += escapeHtml(content[p++])
    }
  }
  return `${out}</${element}>\n`
}

function csvCell(content: string): string {
  return /[\n",]/.test(content) ? `"${content.replace(/"/g, '""')}"` : content
}
