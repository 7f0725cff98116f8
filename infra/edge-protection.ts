/**
 * The firewall in front of the site: an AWS WAF web ACL for CloudFront, which AWS WAF keeps only in
 * us-east-1, so it is a small stack of its own there; the site's stack reads its ARN through CDK's
 * cross-region references. Requests meet, in order:
 *
 * 1. AWS's IP reputation list (addresses known for bots and attacks): blocked.
 * 2. A rate limit per client address on everything but the static assets: over it, the address gets
 *    the platform's "too many requests" page with 429 and Retry-After, until its rate falls back.
 * 3. AWS's common rule set and known bad inputs (exploit patterns in paths, headers and bodies): blocked.
 *
 * Blocked and counted requests are logged (not allowed ones: residents' addresses are not kept for
 * nothing), with the path, query string, cookies and bearer tokens redacted, because a path can hold a
 * manage-link token. Sizing is reasoned in docs/decisions.md.
 */
import { ArnFormat, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { BusyAnswer } from './busy-answer.js';

/** Requests one address may send to the pages and API (not /assets/) in a minute before it is told to wait. */
export const perAddressLimit = { requests: 300, windowSeconds: 60 };
/** What the rate-limited are told: the block lasts until the address's last minute is under the limit. */
export const RETRY_AFTER_SECONDS = String(perAddressLimit.windowSeconds);
/** The web ACL's metric name: CloudWatch's `WebACL` dimension for its AWS/WAFV2 metrics (in us-east-1). */
export const WEB_ACL_METRIC = 'engagement-site';
export const RATE_RULE = 'too-many-requests-per-address';

export const managedRuleGroups = [
  // Count, not block, bodies over 8 KB: staff upload CSV files, and the app limits each body itself.
  { name: 'AWSManagedRulesAmazonIpReputationList', priority: 0, countInstead: [] },
  { name: 'AWSManagedRulesCommonRuleSet', priority: 2, countInstead: ['SizeRestrictions_BODY'] },
  { name: 'AWSManagedRulesKnownBadInputsRuleSet', priority: 3, countInstead: [] },
] as const;

export interface EdgeProtectionProps extends StackProps {
  /** The page sent with a 429 to an address over its limit (at most 4 KB: see busy-pages.ts). */
  tooManyRequestsPage: string;
  /** The "service is busy" page the Lambda@Edge function answers with when API Gateway is busy. */
  serviceBusyPage: string;
}

const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});

export class EdgeProtectionStack extends Stack {
  readonly webAcl: wafv2.CfnWebACL;
  readonly logGroup: logs.LogGroup;
  /** Lambda@Edge must be in us-east-1 too: it replaces the gateway's bare busy answers (busy-answer.ts). */
  readonly busyAnswer: BusyAnswer;

  constructor(scope: Construct, id: string, props: EdgeProtectionProps) {
    super(scope, id, { ...props, crossRegionReferences: true });

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      description: 'In front of the public engagement site on CloudFront',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(WEB_ACL_METRIC),
      customResponseBodies: { 'too-many-requests': { contentType: 'TEXT_HTML', content: props.tooManyRequestsPage } },
      rules: [
        ...managedRuleGroups.map((group) => ({
          name: group.name,
          priority: group.priority,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: group.name,
              ...(group.countInstead.length ? { ruleActionOverrides: group.countInstead.map((name) => ({ name, actionToUse: { count: {} } })) } : {}),
            },
          },
          visibilityConfig: visibility(group.name),
        })),
        {
          name: RATE_RULE,
          priority: 1,
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: 'too-many-requests',
                responseHeaders: [{ name: 'Retry-After', value: RETRY_AFTER_SECONDS }],
              },
            },
          },
          statement: {
            rateBasedStatement: {
              limit: perAddressLimit.requests,
              evaluationWindowSec: perAddressLimit.windowSeconds,
              aggregateKeyType: 'IP',
              // Styles, scripts and images come from CloudFront's cache: a page needs several, and they cost the API nothing.
              scopeDownStatement: {
                notStatement: {
                  statement: {
                    byteMatchStatement: {
                      fieldToMatch: { uriPath: {} },
                      positionalConstraint: 'STARTS_WITH',
                      searchString: '/assets/',
                      textTransformations: [{ priority: 0, type: 'NONE' }],
                    },
                  },
                },
              },
            },
          },
          visibilityConfig: visibility(RATE_RULE),
        },
      ],
    });

    // AWS WAF writes only to log groups whose name starts aws-waf-logs-, in the web ACL's region.
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `aws-waf-logs-${this.stackName}`,
      retention: logs.RetentionDays.THREE_MONTHS,
      // Its name is fixed, so a kept copy would stop the stack being created again.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // The log group's ARN without the `:*` that CloudFormation's Arn attribute ends with.
      logDestinationConfigs: [
        this.formatArn({ service: 'logs', resource: 'log-group', resourceName: this.logGroup.logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
      ],
      redactedFields: [{ uriPath: {} }, { queryString: {} }, { singleHeader: { Name: 'cookie' } }, { singleHeader: { Name: 'authorization' } }],
      // Passed to CloudFormation as written, hence its capitalised names.
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          {
            Behavior: 'KEEP',
            Requirement: 'MEETS_ANY',
            Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }],
          },
        ],
      },
    });

    this.busyAnswer = new BusyAnswer(this, 'BusyAnswer', { page: props.serviceBusyPage });
  }
}
