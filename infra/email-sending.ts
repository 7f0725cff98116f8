/**
 * Permission to send email as the configured sender and nobody else. SES authorises against
 * whichever identity is verified (the address itself or its domain), so both ARNs are listed,
 * and the From address is pinned with a condition so a verified domain cannot be used for others.
 * Every email is sent with the platform's configuration set (email-events.ts), which is listed too.
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

export function sendEmailAsSender(scope: Construct, senderAddress: string, configurationSetArn?: string): iam.PolicyStatement {
  const stack = Stack.of(scope);
  const domain = senderAddress.slice(senderAddress.lastIndexOf('@') + 1);
  const identity = (name: string) =>
    stack.formatArn({ service: 'ses', resource: 'identity', resourceName: name });
  return new iam.PolicyStatement({
    actions: ['ses:SendRawEmail'],
    // With a configuration set on the send, SES authorises against it too.
    resources: [identity(senderAddress), identity(domain), ...(configurationSetArn ? [configurationSetArn] : [])],
    conditions: { StringEquals: { 'ses:FromAddress': senderAddress } },
  });
}
