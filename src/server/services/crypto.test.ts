import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { constantTimeEqual, loadSecretKey, SecretBox, sha256 } from './crypto';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osc-crypto-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('SecretBox (AES-256-GCM)', () => {
  const box = new SecretBox(randomBytes(32));

  it('opens what it sealed, including empty and non-ASCII text', () => {
    for (const text of ['s3cr3t-value', '', 'pässwörd ✓ 秘密', 'x'.repeat(10_000)]) {
      expect(box.open(box.seal(text))).toBe(text);
    }
  });

  it('seals the same text differently each time and never in the clear', () => {
    const a = box.seal('same secret');
    const b = box.seal('same secret');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toContain('same secret');
    expect(a).not.toContain(Buffer.from('same secret').toString('base64url'));
  });

  it('detects tampering with the ciphertext, the tag or the IV', () => {
    const sealed = box.seal('do not touch');
    const [version, iv = '', tag = '', data = ''] = sealed.split('.');
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes.toString('base64url');
    };
    expect(() => box.open([version, iv, tag, flip(data)].join('.'))).toThrow();
    expect(() => box.open([version, iv, flip(tag), data].join('.'))).toThrow();
    expect(() => box.open([version, flip(iv), tag, data].join('.'))).toThrow();
    expect(() => box.open(`v2.${iv}.${tag}.${data}`)).toThrow(/format/);
    expect(() => box.open('not sealed')).toThrow();
  });

  it('refuses to open with another key', () => {
    const other = new SecretBox(randomBytes(32));
    expect(() => other.open(box.seal('mine'))).toThrow();
  });
});

describe('loadSecretKey', () => {
  it('creates a key file with mode 0600 under DATA_DIR on first start and reuses it', () => {
    const dir = path.join(tempDir(), 'data');
    const first = loadSecretKey(undefined, dir);
    const file = path.join(dir, 'secret.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first).toHaveLength(32);
    const second = loadSecretKey(undefined, dir);
    expect(second.equals(first)).toBe(true);
    expect(new SecretBox(second).open(new SecretBox(first).seal('kept'))).toBe('kept');
  });

  it('gives another key in another DATA_DIR', () => {
    expect(loadSecretKey(undefined, tempDir()).equals(loadSecretKey(undefined, tempDir()))).toBe(
      false,
    );
  });

  it('uses SECRET_KEY in hex or base64 and then writes no key file', () => {
    const raw = randomBytes(32);
    const dir = tempDir();
    expect(loadSecretKey(raw.toString('hex'), dir).equals(raw)).toBe(true);
    expect(loadSecretKey(raw.toString('hex').toUpperCase(), dir).equals(raw)).toBe(true);
    expect(loadSecretKey(raw.toString('base64'), dir).equals(raw)).toBe(true);
    expect(loadSecretKey(` ${raw.toString('base64')}\n`, dir).equals(raw)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'secret.key'))).toBe(false);
  });

  it('refuses a SECRET_KEY of the wrong length', () => {
    expect(() => loadSecretKey(randomBytes(16).toString('hex'), tempDir())).toThrow(/32 bytes/);
    expect(() => loadSecretKey(randomBytes(31).toString('base64'), tempDir())).toThrow(/32 bytes/);
    expect(() => loadSecretKey(randomBytes(33).toString('base64'), tempDir())).toThrow(/32 bytes/);
    expect(() => loadSecretKey('correct horse battery staple', tempDir())).toThrow(/32 bytes/);
  });
});

describe('helpers', () => {
  it('sha256 is hex and stable', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('constantTimeEqual compares any lengths without throwing', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});
