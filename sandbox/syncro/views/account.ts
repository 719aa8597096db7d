/** Every record belongs to the one sandbox account. */
export const ACCOUNT_ID = 1
