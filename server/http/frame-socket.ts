// A stand-in for the net.Socket under an rpc Session, so the stream's full session semantics
// (dispatch, monitors, locks, triggers, backlog cap) run over message transports: every JSON-RPC 1.0
// text the Session writes goes to `deliver` (one complete message per write), and text given to
// `feed` is what the Session reads. Destroying either side ends the other.

import type { Socket } from 'node:net'
import { Duplex } from 'node:stream'

/** Takes one outgoing 1.0 message; calls `done` once the transport has taken it (backpressure). */
export type Deliver = (text: string, done: () => void) => void

/** The socket-shaped end of a message transport (see the file header). */
export class FrameSocket extends Duplex {
  /** Called once when the Session (or anyone) destroys this socket. */
  onClose: () => void = () => undefined

  constructor(private readonly deliver: Deliver) {
    super({ decodeStrings: false, allowHalfOpen: false })
  }

  /** This object as the Session's constructor types it (it uses only Duplex members). */
  asSocket(): Socket {
    return this as unknown as Socket
  }

  /** Hands `text` (1.0 messages) to the Session as received bytes. */
  feed(text: string): void {
    if (!this.destroyed) this.push(Buffer.from(text, 'utf8'))
  }

  override _read(): void {
    // Input is pushed by feed(); nothing to pull.
  }

  override _write(chunk: string | Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.deliver(typeof chunk === 'string' ? chunk : chunk.toString('utf8'), () => callback())
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.onClose()
    callback(error)
  }
}
