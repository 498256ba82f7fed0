import { describe, expect, it } from 'vitest';
import { LocalModeRefused, securityConfig } from '../../../server/auth/config.ts';

describe('securityConfig', () => {
  it('defaults to local mode on a loopback host and to accounts elsewhere', () => {
    for (const HOST of ['127.0.0.1', '::1', 'localhost', undefined]) expect(securityConfig({ HOST }).authMode, HOST).toBe('local');
    for (const HOST of ['0.0.0.0', '192.168.1.20', '::']) expect(securityConfig({ HOST }).authMode, HOST).toBe('accounts');
    expect(securityConfig({ HOST: '127.0.0.1', AUTH_MODE: 'accounts' }).authMode).toBe('accounts');
  });

  it('refuses local mode on an address other machines can reach', () => {
    expect(() => securityConfig({ HOST: '0.0.0.0', AUTH_MODE: 'local' })).toThrow(LocalModeRefused);
    expect(() => securityConfig({ HOST: '0.0.0.0', AUTH_MODE: 'local' })).toThrow(/loopback/);
  });

  it('reads the limits, and refuses nonsense', () => {
    const c = securityConfig({ LIMIT_USER_PER_S: '7', LIMIT_USER_BURST: '20', ANALYSIS_QUEUE: '3', LIMIT_BODY_BYTES: '4096' });
    expect(c.userRate).toEqual({ perSecond: 7, burst: 20 });
    expect(c.analysis.queue).toBe(3);
    expect(c.bodyBytes).toBe(4096);
    expect(() => securityConfig({ LIMIT_USER_PER_S: 'lots' })).toThrow();
    expect(() => securityConfig({ AUTH_MODE: 'open' })).toThrow();
  });
});
