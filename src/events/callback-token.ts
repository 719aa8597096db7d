import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The secret in a connection's callback URL (docs/events.md): derived from EVENT_CALLBACK_SECRET and the
 * connection, so every replica knows it and no store holds it; rotating the secret changes every URL.
 */
export const callbackToken = (secret: string, connection: string): string =>
  createHmac('sha256', secret).update(`callback\n${connection}`).digest('base64url')

/**
 * The key a vendor that signs its callbacks is given to sign them with (Autotask's webhook `secretKey`): derived
 * like the token but never part of the URL, so that a callback URL seen in a log or a proxy lets nobody sign.
 * 43 characters (Autotask takes up to 64).
 */
export const callbackSigningKey = (secret: string, connection: string): string =>
  createHmac('sha256', secret).update(`callback signing\n${connection}`).digest('base64url')

/** Compared as digests in constant time: the answer's timing says nothing about how much of a token matched. */
export function isCallbackToken(secret: string, connection: string, presented: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest()
  return timingSafeEqual(digest(callbackToken(secret, connection)), digest(presented))
}

/** Where a connection's vendor calls back, below the gateway's public URL. */
export const callbackPath = (connection: string, token: string): string =>
  `/v1/connections/${encodeURIComponent(connection)}/callbacks/${token}`

const CALLBACK_TOKEN_IN_PATH = /^(\/v1\/connections\/[^/?#]+\/callbacks\/)[^/?#]+/

/** A request's URL as logs and traces may carry it: a callback token is a secret, and is replaced. */
export const withoutCallbackToken = (url: string): string => url.replace(CALLBACK_TOKEN_IN_PATH, '$1[token]')
