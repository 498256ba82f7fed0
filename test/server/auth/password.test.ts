import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../../server/auth/password.ts';

describe('password hashes (scrypt)', () => {
  it('verifies the password it hashed and nothing else, with a fresh salt each time', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hash).not.toContain('correct horse');
    await expect(verifyPassword('correct horse battery', hash)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batterY', hash)).resolves.toBe(false);
    await expect(verifyPassword('', hash)).resolves.toBe(false);
    expect(await hashPassword('correct horse battery')).not.toBe(hash);
  });

  it('treats the same text in composed and decomposed Unicode as one password', async () => {
    const hash = await hashPassword('caf\u00e9-\u5bc6\u7801-2024');
    await expect(verifyPassword('cafe\u0301-\u5bc6\u7801-2024', hash)).resolves.toBe(true);
  });

  it('matches no password against the dummy hash or a malformed one', async () => {
    await expect(verifyPassword('anything at all', DUMMY_HASH)).resolves.toBe(false);
    await expect(verifyPassword('anything at all', 'plain-text')).resolves.toBe(false);
  });
});
