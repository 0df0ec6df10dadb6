// The `@name` row symbols of one ovs-vsctl invocation (struct ovsdb_symbol_table): created by
// `--id=@name`, referenced from values, checked before commit.

import type { BaseType } from '../../schema/index.js'
import { randomUuid } from '../../client/index.js'

/** One symbol: the provisional UUID it stands for, and how it has been used. */
export interface RowSymbol {
  uuid: string
  created: boolean
  strongRef: boolean
  weakRef: boolean
}

/** The symbols of an invocation, in the order they were first seen. */
export class SymbolTable {
  readonly symbols = new Map<string, RowSymbol>()

  /** The symbol `name`, created (with a random UUID) on first use. */
  insert(name: string): RowSymbol {
    let symbol = this.symbols.get(name)
    if (symbol === undefined) {
      symbol = { uuid: randomUuid(), created: false, strongRef: false, weakRef: false }
      this.symbols.set(name, symbol)
    }
    return symbol
  }

  /** A use of `name` as a value of `base`: returns its UUID and notes a strong or weak reference. */
  reference(name: string, base: BaseType): string {
    const symbol = this.insert(name)
    if (base.refTable !== undefined) {
      if (base.refType === 'weak') symbol.weakRef = true
      else symbol.strongRef = true
    }
    return symbol.uuid
  }
}
