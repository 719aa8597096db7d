import { createHash, randomBytes } from 'node:crypto'

export interface IssuedToken {
  accessToken: string
  expiresIn: number
  scopes: string[]
}

interface TokenEntry {
  expiresAt: number
  scopes: string[]
}

/**
 * Opaque bearer tokens with a lifetime, kept by digest (a lookup's timing then says nothing about the token).
 * Expiry follows the emulator's clock, so tests can move time instead of waiting.
 */
export class TokenStore {
  private readonly entries = new Map<string, TokenEntry>()
  private issuedCount = 0
  private readonly issuedTimes: number[] = []

  constructor(
    private lifetimeSeconds: number,
    private readonly clock: () => number,
  ) {}

  get issued(): number {
    return this.issuedCount
  }

  /** When each token counted in `issued` was issued, on the emulator's clock. */
  get issuedAt(): readonly number[] {
    return this.issuedTimes
  }

  issue(scopes: string[]): IssuedToken {
    const now = this.clock()
    this.forgetExpired(now)
    const accessToken = randomBytes(32).toString('base64url')
    this.entries.set(digest(accessToken), { expiresAt: now + this.lifetimeSeconds * 1000, scopes })
    this.issuedCount++
    this.issuedTimes.push(now)
    return { accessToken, expiresIn: this.lifetimeSeconds, scopes }
  }

  /** The token's scopes while it is known, unexpired and unrevoked. */
  scopesOf(accessToken: string): string[] | undefined {
    const entry = this.entries.get(digest(accessToken))
    return entry && this.clock() < entry.expiresAt ? entry.scopes : undefined
  }

  setLifetimeSeconds(seconds: number): void {
    if (!Number.isInteger(seconds) || seconds < 1)
      throw new RangeError(`Token lifetime must be an integer >= 1, got ${seconds}`)
    this.lifetimeSeconds = seconds
  }

  revokeAll(): void {
    this.entries.clear()
  }

  resetCount(): void {
    this.issuedCount = 0
    this.issuedTimes.length = 0
  }

  private forgetExpired(now: number): void {
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key)
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
