// The storage contract kept in memory only (tests, `_Server`): nothing is written, appends still
// resolve asynchronously and in order, so callers behave as they do with the SQLite store.

import type { DatabaseSchema } from '../../schema/index.js'
import { Database } from '../engine/index.js'
import { GroupCommitter } from './group-commit.js'
import type { CommitRecord, OpenedStore } from './storage.js'

/** An empty database of `schema` whose storage keeps nothing. */
export function openMemoryStore(schema: DatabaseSchema): OpenedStore {
  const committer = new GroupCommitter<CommitRecord>(() => undefined, () => undefined)
  return {
    db: new Database(schema),
    history: [],
    storage: {
      append: (record) => committer.append(record),
      compact: () => undefined,
      close: () => committer.close(),
    },
  }
}
