// The `comment` operation (RFC 7047 §5.2.9): a note for the transaction log; ovsdb-server joins a
// transaction's comments with newlines in its `_comment` record, which storage does with these.

import type { OpParser } from '../parser.js'
import type { Execution } from './context.js'

/** Records the comment; result `{}`. */
export function executeComment(x: Execution, parser: OpParser): Record<string, unknown> {
  const comment = parser.member('comment', ['string'])
  if (typeof comment === 'string') x.comments.push(comment)
  return {}
}
