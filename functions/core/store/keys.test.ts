import { describe, expect, it } from 'vitest';
import { keyPrefixes } from './keys.js';

describe('the key-prefix registry', () => {
  it('refuses a prefix that overlaps another owner’s, either way round', () => {
    keyPrefixes('test-owner-a', { thing: 'THING#' });
    expect(() => keyPrefixes('test-owner-b', { things: 'THING#BIG' })).toThrow(/overlaps "THING#" of test-owner-a/);
    expect(() => keyPrefixes('test-owner-c', { th: 'TH' })).toThrow(/overlaps/);
    expect(() => keyPrefixes('test-owner-d', { empty: '' })).toThrow(/empty/);
  });

  it('lets an owner declare its own prefixes again (each Lambda loads them once)', () => {
    expect(() => keyPrefixes('test-owner-a', { thing: 'THING#' })).not.toThrow();
  });
});
