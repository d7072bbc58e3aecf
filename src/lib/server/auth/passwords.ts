/** Password hashing with scrypt (memory-hard), and a constant-time check. */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost: N=2^15, r=8 uses 32 MiB and about 0.1 s per hash on one core. */
const COST = { N: 32768, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

/** A stored password: never the password itself. */
export interface PasswordHash {
  hash: string;
  salt: string;
  /** The algorithm and its parameters, e.g. `scrypt:N=32768,r=8,p=1`, so the cost can be raised later. */
  kdf: string;
}

/** The shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 10;
/** The longest (scrypt takes any length; this bounds the work an attacker can ask for). */
export const MAX_PASSWORD_LENGTH = 1024;

function kdfName(cost: { N: number; r: number; p: number }): string {
  return `scrypt:N=${cost.N},r=${cost.r},p=${cost.p}`;
}

function parseKdf(kdf: string): { N: number; r: number; p: number } | null {
  const m = /^scrypt:N=(\d+),r=(\d+),p=(\d+)$/.exec(kdf);
  return m ? { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) } : null;
}

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** Why `password` is not acceptable as a new password, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `A password may have at most ${MAX_PASSWORD_LENGTH} characters.`;
  return null;
}

/** Hashes a new password with a fresh random salt. */
export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, COST);
  return { hash: key.toString('hex'), salt: salt.toString('hex'), kdf: kdfName(COST) };
}

/** Whether `password` matches `stored`, compared in constant time. */
export async function checkPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const cost = parseKdf(stored.kdf);
  if (!cost || password.length > MAX_PASSWORD_LENGTH) return false;
  const expected = Buffer.from(stored.hash, 'hex');
  const key = await derive(password, Buffer.from(stored.salt, 'hex'), cost);
  return expected.length === key.length && timingSafeEqual(expected, key);
}

let decoy: Promise<PasswordHash> | undefined;

/**
 * Spends the same time as checking a real password, for a name that does not exist or is
 * disabled, so that response times do not tell which names are logins.
 */
export async function checkNothing(password: string): Promise<false> {
  decoy ??= hashPassword('not a password of anyone');
  await checkPassword(password, await decoy);
  return false;
}
