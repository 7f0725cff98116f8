/**
 * Permission to send email as the configured sender and nobody else. SES authorises against
 * whichever identity is verified (the address itself or its domain), so both ARNs are listed,
 * and the From address is pinned with a condition so a verified domain cannot be used for others.
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

export function sendEmailAsSender(scope: Construct, senderAddress: string): iam.PolicyStatement {
  const stack = Stack.of(scope);
  const domain = senderAddress.slice(senderAddress.lastIndexOf('@') + 1);
  const identity = (name: string) =>
    stack.formatArn({ service: 'ses', resource: 'identity', resourceName: name });
  return new iam.PolicyStatement({
    actions: ['ses:SendRawEmail'],
    resources: [identity(senderAddress), identity(domain)],
    conditions: { StringEquals: { 'ses:FromAddress': senderAddress } },
  });
}
