/** A conditions string the vendor would refuse; the message names what is wrong and, when known, where. */
export class ConditionsError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConditionsError'
  }

  static at(message: string, position: number): ConditionsError {
    return new ConditionsError(`${message} at position ${position}`)
  }
}
