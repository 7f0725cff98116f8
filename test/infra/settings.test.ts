/** The deployment settings fail the synth with a message naming the bad context value. */
import { App } from 'aws-cdk-lib';
import { describe, expect, test } from 'vitest';
import { readCapabilitySettings, readDeploymentSettings } from '../../infra/settings.js';
import { capabilities } from '../../functions/capabilities.js';
import { cdkJsonContext } from './synthesize.js';

const read = (overrides: Record<string, unknown>) =>
  readDeploymentSettings(new App({ context: { ...cdkJsonContext, ...overrides } }).node);
const readCaps = (overrides: Record<string, unknown>) =>
  readCapabilitySettings(new App({ context: { ...cdkJsonContext, ...overrides } }).node, capabilities);

const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0b6a2c1e-1f2d-4c3b-9a8e-1234567890ab';

describe('deployment settings', () => {
  test('cdk.json as committed is valid and uses the CloudFront domain', () => {
    const settings = read({});
    expect(settings.region).toBe('eu-west-2');
    expect(settings.senderAddress).toMatch(/@/);
    expect(settings.domainName).toBeUndefined();
  });

  test.each([
    ['senderAddress', 'not-an-email', /senderAddress.*email address/],
    ['senderAddress', '', /senderAddress/],
    ['organisationName', '  ', /organisationName/],
    ['region', 'London', /region.*AWS region/],
    ['domainName', 'https://engagement.example.gov.uk', /domainName.*host name/],
    ['cognitoDomainPrefix', 'LLR_Engagement', /cognitoDomainPrefix/],
    ['cognitoDomainPrefix', 'my-cognito-login', /cognitoDomainPrefix.*"cognito"/],
    ['originVerifySecretVersion', 'AWSCURRENT', /originVerifySecretVersion.*version id/],
    ['rateLimitSaltVersion', 'v2; rm -rf', /rateLimitSaltVersion.*version id/],
    ['emailSendRate', 'fast', /emailSendRate.*send rate/],
    ['emailSendRate', 0, /emailSendRate.*send rate/],
  ])('rejects %s = %j', (key, value, message) => {
    expect(() => read({ [key]: value })).toThrow(message);
  });

  test('a custom domain needs its us-east-1 certificate', () => {
    expect(() => read({ domainName: 'engagement.example.gov.uk' })).toThrow(/certificateArn.*must be set/);
    expect(() =>
      read({ domainName: 'engagement.example.gov.uk', certificateArn: certificateArn.replace('us-east-1', 'eu-west-2') }),
    ).toThrow(/us-east-1/);
    expect(read({ domainName: 'Engagement.Example.gov.uk', certificateArn })).toMatchObject({
      domainName: 'engagement.example.gov.uk',
      certificateArn,
    });
  });

  test.each([
    ['communityDaysTargetPerYear', 'twice', /communityDaysTargetPerYear.*whole number from 0 to 99/],
    ['mapTileUrl', 'http://tiles.example.org/{z}/{x}/{y}.png', /mapTileUrl.*https tile URL template/],
    ['mapTileUrl', 'https://tiles.example.org/{z}/{x}/{y}.png', /MAP_TILE_ATTRIBUTION must be set with MAP_TILE_URL/],
    ['surgeryConfirmHours', '0', /surgeryConfirmHours.*SURGERY_CONFIRM_HOURS must be a whole number from 1 to 336/],
  ])('a capability setting in context is checked as its manifest declares: rejects %s = %j', (key, value, message) => {
    expect(() => readCaps({ [key]: value })).toThrow(message);
  });

  test("a capability's settings in context become its own functions' environment, and only what was given", () => {
    expect(readCaps({}).size).toBe(0);
    const given = readCaps({ communityDaysTargetPerYear: '3', mapTileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png', mapTileAttribution: '© Tiles Ltd', surgeryConfirmHours: 24 });
    expect(Object.fromEntries(given)).toEqual({
      'community-days': { COMMUNITY_DAYS_TARGET_PER_YEAR: '3', MAP_TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png', MAP_TILE_ATTRIBUTION: '© Tiles Ltd' },
      surgeries: { SURGERY_CONFIRM_HOURS: '24' },
    });
  });

  test('alarm emails: none by default, a comma-separated list or a JSON list, each an email address', () => {
    expect(read({}).alarmEmails).toEqual([]);
    expect(read({ alarmEmails: 'duty@opcc.example.gov.uk, it@opcc.example.gov.uk' }).alarmEmails).toEqual(['duty@opcc.example.gov.uk', 'it@opcc.example.gov.uk']);
    expect(read({ alarmEmails: ['duty@opcc.example.gov.uk', 'duty@opcc.example.gov.uk'] }).alarmEmails).toEqual(['duty@opcc.example.gov.uk']);
    expect(() => read({ alarmEmails: 'duty@opcc.example.gov.uk,duty at opcc' })).toThrow(/alarmEmails.*email addresses.*"duty"/);
  });

  test('a restored table needs its stream, in the same region', () => {
    const tableName = 'Engagement-restored';
    const tableStreamArn = `arn:aws:dynamodb:eu-west-2:123456789012:table/${tableName}/stream/2030-03-01T12:30:00.000`;
    expect(read({}).restoredTable).toBeUndefined();
    expect(read({ tableName, tableStreamArn }).restoredTable).toEqual({ tableName, streamArn: tableStreamArn });
    expect(() => read({ tableName })).toThrow(/tableStreamArn.*must be set/);
    expect(() => read({ tableName, tableStreamArn: tableStreamArn.replace('eu-west-2', 'us-east-1') })).toThrow(/tableStreamArn/);
    expect(() => read({ tableName: 'Other', tableStreamArn })).toThrow(/tableStreamArn.*"Other"/);
    expect(() => read({ tableStreamArn })).toThrow(/tableStreamArn.*tableName must be set/);
  });

  test("the SES account's send rate: unset by default (the functions' 14), a number or its text", () => {
    expect(read({}).emailSendRate).toBeUndefined();
    expect(read({ emailSendRate: 50 }).emailSendRate).toBe(50);
    expect(read({ emailSendRate: '40.5' }).emailSendRate).toBe(40.5);
  });

  test('context given on the command line as strings is accepted', () => {
    expect(read({ senderAddress: ' consult@opcc.example.gov.uk ' }).senderAddress).toBe('consult@opcc.example.gov.uk');
  });
});
