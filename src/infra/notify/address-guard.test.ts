import { describe, expect, it } from 'vitest';
import { isPrivateAddress, webhookUrlProblem } from './address-guard.js';

describe('webhook address guard', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd12:3456::1',
    '::ffff:127.0.0.1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::10.0.0.1',
    '64:ff9b::a00:1',
    '[::1]',
    'fe80::1%eth0',
    'not-an-address',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '192.169.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    'allows %s',
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );

  it('refuses non-http URLs, and literal private hosts unless allowed', () => {
    expect(webhookUrlProblem('ftp://example.com/x', true)).toBe('only http and https URLs are allowed');
    expect(webhookUrlProblem('file:///etc/passwd', true)).toBe('only http and https URLs are allowed');
    expect(webhookUrlProblem('javascript:alert(1)', true)).toBe('only http and https URLs are allowed');
    expect(webhookUrlProblem('nonsense', true)).toBe('not a valid URL');
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', false)).toMatch(/loopback or private/);
    expect(webhookUrlProblem('http://[::1]/hook', false)).toMatch(/loopback or private/);
    expect(webhookUrlProblem('http://localhost/hook', false)).toMatch(/loopback or private/);
    expect(webhookUrlProblem('http://api.localhost/hook', false)).toMatch(/loopback or private/);
    expect(webhookUrlProblem('http://2130706433/hook', false)).toMatch(/loopback or private/);
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', true)).toBeNull();
    expect(webhookUrlProblem('https://hooks.example.com/kpo', false)).toBeNull();
  });
});
