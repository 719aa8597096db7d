import { GatewayError } from '../errors.js'

/** A read from a position whose following events the retention has already dropped: some are lost to the reader. */
export class EventCursorExpired extends GatewayError {
  constructor() {
    super(
      410,
      'cursor_expired',
      'events after this cursor are past the retention and gone; start again without a cursor and resynchronise with a full list',
    )
  }
}
