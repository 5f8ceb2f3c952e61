/**
 * Passwords and tokens. Passwords: scrypt with a random salt, compared in constant time.
 * API tokens and session ids: 32 random bytes shown once; only their SHA-256 is stored, so a
 * leaked database does not leak working credentials.
 */
import {
  createHash,
  createHmac,
  randomBytes,
  scrypt as scryptCb,
  timingSafeEqual,
} from 'node:crypto'
import { promisify } from 'node:util'

const scrypt = promisify(scryptCb) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>

const PARAMS = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }
const KEY_LENGTH = 32

/** Format: scrypt$N$r$p$salt$hash (base64url), so parameters can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, PARAMS)
  return [
    'scrypt',
    PARAMS.N,
    PARAMS.r,
    PARAMS.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const actual = await scrypt(
    password.normalize('NFKC'),
    Buffer.from(salt, 'base64url'),
    expected.length,
    {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: PARAMS.maxmem,
    },
  )
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/** A random, URL-safe secret with a readable prefix (e.g. `tdt_…` for API tokens). */
export function generateToken(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

/** A one-time password that is easy to type: 4 groups of 4 from an unambiguous alphabet. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
  const bytes = randomBytes(16)
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length])
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-')
}

/**
 * The proof a browser keeps that it has signed in to an account before (a "device cookie", as
 * OWASP calls it): sign-in attempts it makes for that account are not held up when strangers
 * spread guesses at the account over many addresses.
 */
export function deviceProof(secretKey: string, accountName: string): string {
  return createHmac('sha256', secretKey)
    .update(`device:${normalAccountName(accountName)}`)
    .digest('base64url')
}

export function isDeviceProof(secretKey: string, accountName: string, proof: unknown): boolean {
  if (typeof proof !== 'string') return false
  const expected = Buffer.from(deviceProof(secretKey, accountName))
  const given = Buffer.from(proof)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** How sign-in limits name an account: the typed address, trimmed and in lower case. */
export const normalAccountName = (name: string) => name.trim().toLowerCase().slice(0, 320)
