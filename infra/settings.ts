/**
 * The few values that differ between deployments, read from CDK context (cdk.json or `--context`).
 * A bad value stops the synth with a message naming the setting, rather than failing half-way
 * through a CloudFormation deployment.
 */
import type { Node } from 'constructs';
import type { Capability } from '../functions/core/capability.js';
import { contextKey, readSetting, readSettings } from '../functions/core/settings.js';
import { z } from 'zod';

export interface DeploymentSettings {
  /** Where everything (and so residents' personal data) lives; eu-west-2 is London. */
  region: string;
  /** Shown on every page and in emails. */
  organisationName: string;
  /** The From address of every email; must be verified in SES (the address or its domain). */
  senderAddress: string;
  /** The site's own domain, e.g. `engagement.opcc.example.gov.uk`; unset to use the CloudFront domain. */
  domainName?: string;
  /** ACM certificate in us-east-1 covering `domainName` (CloudFront only takes certificates from there). */
  certificateArn?: string;
  /** Staff sign in at `https://<prefix>.auth.<region>.amazoncognito.com`. */
  cognitoDomainPrefix: string;
  /** Who is emailed when an alarm goes off (each confirms the subscription SNS sends first); may be empty. */
  alarmEmails: string[];
  /** After a point-in-time restore (docs/runbook.md): the restored table to use instead of the stack's own. */
  restoredTable?: { tableName: string; streamArn: string };
  /**
   * SES's maximum send rate for the account, emails a second (unset: 14, a new account's); the delivery
   * functions share it equally (core/outbox/send-rate.ts).
   */
  emailSendRate?: number;
  /** Secrets Manager version ids to use after a rotation (docs/runbook.md); unset: the versions already in use. */
  secretVersions?: { originVerify?: string; rateLimitSalt?: string; cursor?: string; addressKey?: string };
}

/** Thrown for a missing or malformed context value; the message says which and how to fix it. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

const awsRegion = /^[a-z]{2}(-[a-z]+)+-\d$/;
const hostname = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const cognitoPrefix = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const usEast1Certificate = /^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/;

export function readDeploymentSettings(node: Node): DeploymentSettings {
  const text = (key: string): string => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined || value === null) return '';
    if (typeof value !== 'string') throw new SettingsError(`Context value "${key}" must be a string, got ${JSON.stringify(value)}`);
    return value.trim();
  };
  const fail = (key: string, rule: string, value: string): never => {
    throw new SettingsError(
      `Context value "${key}" ${rule}; got ${JSON.stringify(value)}. Set it in cdk.json or with --context ${key}=...`,
    );
  };

  const region = text('region');
  if (!awsRegion.test(region)) fail('region', 'must be an AWS region, e.g. eu-west-2 (London)', region);

  const organisationName = text('organisationName');
  if (!organisationName || organisationName.length > 120) {
    fail('organisationName', 'must be the organisation name, 1 to 120 characters', organisationName);
  }

  const senderAddress = text('senderAddress');
  if (!z.email().safeParse(senderAddress).success) {
    fail('senderAddress', 'must be an email address, e.g. engagement@opcc.example.gov.uk', senderAddress);
  }

  const domainName = text('domainName').toLowerCase();
  if (domainName && !hostname.test(domainName)) {
    fail('domainName', 'must be a host name without https:// or a path, e.g. engagement.opcc.example.gov.uk (or empty)', domainName);
  }

  const certificateArn = text('certificateArn');
  if (domainName && !certificateArn) {
    fail(
      'certificateArn',
      `must be set when domainName is set: an ACM certificate in us-east-1 covering ${domainName}`,
      certificateArn,
    );
  }
  if (certificateArn && !usEast1Certificate.test(certificateArn)) {
    fail('certificateArn', 'must be the ARN of an ACM certificate in us-east-1 (CloudFront uses only that region)', certificateArn);
  }
  if (certificateArn && !domainName) {
    fail('domainName', 'must be set when certificateArn is set', domainName);
  }

  const cognitoDomainPrefix = text('cognitoDomainPrefix');
  if (!cognitoPrefix.test(cognitoDomainPrefix) || /aws|amazon|cognito/.test(cognitoDomainPrefix)) {
    fail(
      'cognitoDomainPrefix',
      'must be lower-case letters, digits and hyphens (not at either end, at most 63), without "aws", "amazon" or "cognito"',
      cognitoDomainPrefix,
    );
  }

  // A list, comma- or space-separated on the command line (`--context alarmEmails=a@x.gov.uk,b@x.gov.uk`).
  const alarmsValue: unknown = node.tryGetContext('alarmEmails');
  const alarmEmails = (Array.isArray(alarmsValue) ? alarmsValue.map(String) : text('alarmEmails').split(/[\s,;]+/)).map((e) => e.trim()).filter(Boolean);
  for (const address of alarmEmails) {
    if (!z.email().safeParse(address).success) fail('alarmEmails', 'must be email addresses separated by commas, e.g. duty@opcc.example.gov.uk,it@opcc.example.gov.uk (or empty)', address);
  }

  const rateValue: unknown = node.tryGetContext('emailSendRate');
  const emailSendRate = typeof rateValue === 'number' ? String(rateValue) : text('emailSendRate');
  if (emailSendRate && !(/^\d+(\.\d+)?$/.test(emailSendRate) && Number(emailSendRate) > 0)) {
    fail('emailSendRate', "must be the SES account's maximum send rate in emails a second, e.g. 14 (or empty for 14)", emailSendRate);
  }

  // Secrets Manager version ids are UUIDs; a rotation names the new one so CloudFormation reads it again.
  const versionId = (key: string) => {
    const value = text(key);
    if (value && !/^[A-Za-z0-9-]{32,64}$/.test(value)) fail(key, 'must be a Secrets Manager version id (the VersionId put-secret-value printed), or empty', value);
    return value;
  };
  const originVerify = versionId('originVerifySecretVersion');
  const rateLimitSalt = versionId('rateLimitSaltVersion');
  const cursor = versionId('cursorKeyVersion');
  const addressKey = versionId('addressKeyVersion');
  const secretVersions = { ...(originVerify ? { originVerify } : {}), ...(rateLimitSalt ? { rateLimitSalt } : {}), ...(cursor ? { cursor } : {}), ...(addressKey ? { addressKey } : {}) };

  const tableName = text('tableName');
  const tableStreamArn = text('tableStreamArn');
  if (tableName && !/^[A-Za-z0-9_.-]{3,255}$/.test(tableName)) fail('tableName', 'must be a DynamoDB table name (or empty for the stack\'s own table)', tableName);
  if (tableName && !tableStreamArn) fail('tableStreamArn', `must be set with tableName: the ARN of ${tableName}'s stream (keys only), which delivers email`, tableStreamArn);
  if (tableStreamArn && !(tableName && tableStreamArn.startsWith(`arn:aws:dynamodb:${region}:`) && tableStreamArn.includes(`:table/${tableName}/stream/`))) {
    fail('tableStreamArn', `must be the stream ARN of table "${tableName}" in ${region} (and tableName must be set)`, tableStreamArn);
  }

  return {
    region,
    ...(tableName ? { restoredTable: { tableName, streamArn: tableStreamArn } } : {}),
    ...(Object.keys(secretVersions).length ? { secretVersions } : {}),
    ...(emailSendRate ? { emailSendRate: Number(emailSendRate) } : {}),
    alarmEmails: [...new Set(alarmEmails)],
    organisationName,
    senderAddress,
    cognitoDomainPrefix,
    ...(domainName ? { domainName, certificateArn } : {}),
  };
}

/**
 * Each capability's own settings (declared in its manifest: core/settings.ts) as given in context,
 * under the setting's context key (`SURGERY_CONFIRM_HOURS` → `surgeryConfirmHours`): checked with the
 * same rules the functions read them by, and handed to that capability's functions as its environment.
 */
export function readCapabilitySettings(node: Node, capabilities: readonly Pick<Capability, 'name' | 'settings'>[]): Map<string, Record<string, string>> {
  const byCapability = new Map<string, Record<string, string>>();
  for (const capability of capabilities) {
    const environment: Record<string, string> = {};
    for (const setting of capability.settings ?? []) {
      const key = contextKey(setting.env);
      const value: unknown = node.tryGetContext(key);
      if (value === undefined || value === null || value === '') continue;
      const given = typeof value === 'number' ? String(value) : value;
      if (typeof given !== 'string') throw new SettingsError(`Context value "${key}" must be a string, got ${JSON.stringify(value)}`);
      const read = readSetting(setting, given);
      if ('problem' in read) throw new SettingsError(`Context value "${key}" is not right: ${read.problem} (${setting.meaning}); got ${JSON.stringify(given)}. Set it in cdk.json or with --context ${key}=...`);
      environment[setting.env] = given.trim();
    }
    try {
      readSettings(capability.settings ?? [], environment);
    } catch (error) {
      throw new SettingsError(`${capability.name}'s context values do not go together: ${(error as Error).message.replace(/^Settings: /, '')} (as context keys: ${(capability.settings ?? []).map((s) => contextKey(s.env)).join(', ')})`);
    }
    if (Object.keys(environment).length) byCapability.set(capability.name, environment);
  }
  return byCapability;
}
