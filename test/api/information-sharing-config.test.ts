import { describe, expect, it } from 'vitest';
import { ConfigurationError, defaultInformationSharing, loadConfig } from '../../src/config.js';

describe('CASEBOOK_INFORMATION_SHARING', () => {
  it('defaults to DPA 2018 Part 3 for the police and CDA s.115 for everyone else', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).informationSharing).toEqual(defaultInformationSharing);
    expect(defaultInformationSharing).toEqual({ gateways: { police: 'dpa-2018-part-3' }, default: 'cda-s115' });
  });

  it('reads each agency’s gateway and the default from JSON', () => {
    const config = loadConfig({ NODE_ENV: 'test', CASEBOOK_INFORMATION_SHARING: '{"gateways":{"health":"consent"},"default":"cda-s17a"}' });
    expect(config.informationSharing).toEqual({ gateways: { health: 'consent' }, default: 'cda-s17a' });
    expect(loadConfig({ NODE_ENV: 'test', CASEBOOK_INFORMATION_SHARING: '{}' }).informationSharing).toEqual({ gateways: {}, default: 'cda-s115' });
  });

  it('stops start-up with a sentence for a gateway it does not know, or for what is not JSON', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', CASEBOOK_INFORMATION_SHARING: '{"gateways":{"police":"gdpr"}}' })).toThrow(ConfigurationError);
    expect(() => loadConfig({ NODE_ENV: 'test', CASEBOOK_INFORMATION_SHARING: 'police=consent' })).toThrow(/CASEBOOK_INFORMATION_SHARING=police=consent: use JSON/);
  });
});
