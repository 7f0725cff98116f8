/**
 * Least privilege: functions may read and write items (never change or delete the table, never Scan);
 * only the capabilities' delivery functions read the stream and send email, and only as the configured sender.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { capabilities } from '../../functions/capabilities.js';
import { tableDefinition } from '../../functions/core/store/table.js';
import { synthesize } from './synthesize.js';

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, string>>;
}

let template: Template;
let statements: Statement[];
beforeAll(() => {
  ({ template } = synthesize());
  statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (p) => p.Properties.PolicyDocument.Statement as Statement[],
  );
});

const actionsOf = (s: Statement) => [s.Action].flat();
const resourcesOf = (s: Statement) => [s.Resource].flat();

describe('IAM', () => {
  test('no policy grants dynamodb:*, table administration or Scan', () => {
    const dynamoActions = statements.flatMap(actionsOf).filter((a) => a.startsWith('dynamodb:'));
    expect(dynamoActions.length).toBeGreaterThan(0);
    for (const action of dynamoActions) {
      expect(action).not.toContain('*');
      expect(action).not.toMatch(/DeleteTable|CreateTable|UpdateTable|Scan|Backup|TimeToLive/);
    }
  });

  test('DynamoDB access names the table and its indexes, no wildcards (but ListStreams, which has no resource)', () => {
    const dynamoResources = statements
      .filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')) && !actionsOf(s).includes('dynamodb:ListStreams'))
      .flatMap(resourcesOf)
      .map((r) => JSON.stringify(r));
    for (const index of tableDefinition.globalSecondaryIndexes) {
      expect(dynamoResources.some((r) => r.includes(`/index/${index.name}`))).toBe(true);
    }
    for (const resource of dynamoResources) {
      expect(resource).toMatch(/DataTable/);
      expect(resource).not.toContain('*');
    }
  });

  test('SES sending is scoped to the sender identity and From address', () => {
    const ses = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
    expect(ses.length).toBeGreaterThan(0);
    for (const s of ses) {
      expect(actionsOf(s)).toEqual(['ses:SendRawEmail']);
      const resources = resourcesOf(s).map((r) => JSON.stringify(r));
      expect(resources).not.toContain('"*"');
      expect(resources.join()).toContain(':identity/engagement@example.org');
      expect(resources.join()).toContain(':identity/example.org');
      expect(s.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'engagement@example.org' } });
    }
  });

  test('only the delivery functions, one per capability that sends email, may send email; only they and the declared stream consumers read the stream', () => {
    const policies = Object.entries(template.findResources('AWS::IAM::Policy'));
    const holders = (action: string) =>
      policies
        .filter(([, p]) => (p.Properties.PolicyDocument.Statement as Statement[]).some((s) => actionsOf(s).includes(action)))
        .map(([id]) => id);
    const emailing = capabilities.filter((c) => c.emails).map((c) => c.name);
    expect(holders('ses:SendRawEmail')).toHaveLength(emailing.length);
    for (const name of emailing) expect(holders('ses:SendRawEmail').filter((id) => id.startsWith(`Capabilities${name.replace(/-/g, '')}delivery`)), name).toHaveLength(1);
    const consumers = capabilities.flatMap((c) => (c.streamConsumers ?? []).map((s) => `Capabilities${c.name.replace(/-/g, '')}${s.name.replace(/-/g, '')}`));
    expect(consumers).toContain('Capabilitiesmeetingsdecider');
    const consumerHolders = holders('dynamodb:GetRecords').filter((id) => consumers.some((prefix) => id.startsWith(prefix)));
    expect(consumerHolders).toHaveLength(consumers.length);
    expect(holders('dynamodb:GetRecords').filter((id) => !consumerHolders.includes(id))).toEqual(holders('ses:SendRawEmail'));
  });

  test('no role has an AWS-managed policy attached', () => {
    for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});
