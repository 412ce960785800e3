import { describe, expect, it } from 'vitest';
import { classifyAddress, refusal, resolveChecked } from './address-guard';

const strict = { allowLoopback: false, allowPrivate: false };

describe('webhook address guard', () => {
  it.each([
    ['93.184.215.14', 'public'],
    ['2606:2800:21f:cb07:6820:80da:af6b:8b2c', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.200.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.31.255.1', 'private'],
    ['192.168.1.1', 'private'],
    ['100.100.0.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'reserved'],
    ['::', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['[::ffff:169.254.169.254]', 'metadata'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['2002:7f00:1::', 'loopback'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it('allows loopback and private ranges only when configured, and metadata never', () => {
    expect(refusal('127.0.0.1', strict)).toMatch(/loopback/);
    expect(refusal('127.0.0.1', { ...strict, allowLoopback: true })).toBeUndefined();
    expect(refusal('10.0.0.1', strict)).toMatch(/WEBHOOK_ALLOW_PRIVATE_NETWORKS/);
    expect(refusal('10.0.0.1', { ...strict, allowPrivate: true })).toBeUndefined();
    const all = { allowLoopback: true, allowPrivate: true };
    expect(refusal('169.254.169.254', all)).toMatch(/metadata/);
    expect(refusal('fd00:ec2::254', all)).toMatch(/metadata/);
    expect(refusal('169.254.10.10', all)).toMatch(/link-local/);
  });

  it('checks every address a name resolves to (hosts-style resolver, no real DNS)', async () => {
    const hosts: Record<string, string[]> = {
      'sneaky.example': ['127.0.0.1'],
      'metadata.example': ['169.254.169.254'],
      'mixed.example': ['93.184.215.14', '10.0.0.7'],
      'fine.example': ['93.184.215.14'],
    };
    const resolver = async (host: string) => {
      const list = hosts[host];
      if (!list) throw new Error(`getaddrinfo ENOTFOUND ${host}`);
      return list.map((address) => ({ address, family: 4 as const }));
    };
    await expect(resolveChecked('sneaky.example', resolver, strict)).rejects.toThrow(
      'sneaky.example resolves to 127.0.0.1, a loopback address: webhooks are not sent there',
    );
    await expect(resolveChecked('metadata.example', resolver, strict)).rejects.toThrow(/metadata/);
    await expect(resolveChecked('mixed.example', resolver, strict)).rejects.toThrow(/10\.0\.0\.7/);
    await expect(resolveChecked('nowhere.example', resolver, strict)).rejects.toThrow(/resolved/);
    await expect(resolveChecked('fine.example', resolver, strict)).resolves.toEqual({
      address: '93.184.215.14',
      family: 4,
    });
  });
});
