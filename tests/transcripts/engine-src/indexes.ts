// Indexes and table limits on the Inventory schema: single- and multi-column index uniqueness
// with all three details variants (existing row untouched, inserted, modified), swaps that are
// legal within one transaction, maxRows, immutable columns.
import type { Transcript } from '../../support/transcript.js'
import { byUuid, del, insert, mutate, select, set, step, update } from '../../support/transcript-dsl.js'

const host = (name: string, zone: string, slot: number) => ({ name, zone, slot })

const transcript: Transcript = {
  schema: 'indexes.ovsschema',
  description: 'index uniqueness, maxRows and immutable columns',
  steps: [
    step('two hosts', insert('Host', { ...host('h1', 'z1', 1), serial: 'S1' }), insert('Host', host('h2', 'z1', 2))),
    step('insert a duplicate name (existing row untouched)', insert('Host', host('h1', 'z2', 1))),
    step('insert two new rows with the same name', insert('Host', host('h3', 'z3', 1)), insert('Host', host('h3', 'z3', 2))),
    step('update a row to an existing name (modified vs untouched)', update('Host', [byUuid(1)], { name: 'h1' })),
    step('insert a duplicate of a multi-column index', insert('Host', host('h4', 'z1', 2))),
    step('same zone, different slot is fine', insert('Host', host('h5', 'z1', 3))),
    step('same slot, different zone is fine', insert('Host', host('h6', 'z2', 3))),
    step('swap two names in one transaction', update('Host', [byUuid(0)], { name: 'tmp' }), update('Host', [byUuid(1)], { name: 'h1' }),
      update('Host', [byUuid(0)], { name: 'h2' }), select('Host', [], ['name'])),
    step('after the swap', select('Host', [['zone', '==', 'z1']], ['name', 'slot'])),
    step('rename then reuse the old name in one transaction', update('Host', [byUuid(0)], { name: 'h2-renamed' }), insert('Host', host('h2', 'z9', 9))),
    step('delete then reinsert the same name', del('Host', [['name', '==', 'h2']]), insert('Host', host('h2', 'z8', 8))),
    step('two inserts clash on the multi-column index', insert('Host', host('a', 'z7', 7)), insert('Host', host('b', 'z7', 7))),
    step('mutate into a multi-column clash (modified vs untouched)', mutate('Host', [['name', '==', 'h5']], [['slot', '-=', 1]])),
    step('an update that ends with no clash', update('Host', [['name', '==', 'h5']], { slot: 2 }), update('Host', [['name', '==', 'h5']], { slot: 30 })),
    step('two modified rows clash', update('Host', [['name', '==', 'h1']], { slot: 5 }), update('Host', [['name', '==', 'h5']], { slot: 5 })),
    step('update of an immutable column', update('Host', [['name', '==', 'h1']], { serial: 'S2' })),
    step('update of an immutable column to its own value', update('Host', [['name', '==', 'h1']], { serial: 'S1' })),
    step('mutate of an immutable column', mutate('Host', [['name', '==', 'h1']], [['serial', 'insert', 'S2']])),
    step('update of an ephemeral column', update('Host', [['name', '==', 'h1']], { status: ['map', [['up', 'yes']]] }),
      select('Host', [['name', '==', 'h1']], ['status'])),
    step('first rack', insert('Rack', { label: 'A' })),
    step('second rack with the same label', insert('Rack', { label: 'A' })),
    step('second rack', insert('Rack', { label: 'B' })),
    step('third rack exceeds maxRows 2', insert('Rack', { label: 'C' })),
    step('maxRows exceeded and an index clash: which is reported', insert('Rack', { label: 'A' })),
    step('rack label is immutable', update('Rack', [['label', '==', 'A']], { label: 'Z' })),
    step('replace a rack within maxRows', del('Rack', [['label', '==', 'B']]), insert('Rack', { label: 'C' }), select('Rack', [], ['label'])),
    step('weak refs to hosts from a rack', update('Rack', [['label', '==', 'A']], { hosts: set(['uuid', '<0>'], ['uuid', '<1>']) }),
      select('Rack', [['label', '==', 'A']], ['hosts'])),
    step('deleting a host drops it from the rack', del('Host', [byUuid(0)])),
    step('the rack after the delete', select('Rack', [['label', '==', 'A']], ['hosts'])),
    step('the single config row', insert('Config', { generation: 1 })),
    step('a second config row', insert('Config', { generation: 2 })),
    step('delete all and insert one config in one transaction', del('Config', []), insert('Config', { generation: 3 }), select('Config', [], ['generation'])),
    step('wait for an empty config table (as the IDL does)', { op: 'wait', table: 'Config', where: [], until: '==', rows: [], timeout: 0 }),
    step('a rack ref naming a host row is dangling', update('Config', [], { rack: ['uuid', '<0>'] })),
  ],
}
export default transcript
