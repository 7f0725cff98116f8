/** Staff accounts: created by administrators only, MFA, groups for the roles, a public PKCE client. */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { roles } from '../../functions/core/http/auth.js';
import { synthesize } from './synthesize.js';

let template: Template;
beforeAll(() => {
  ({ template } = synthesize());
});

describe('staff sign-in', () => {
  test('nobody can sign themselves up; passwords are strong and MFA is required', () => {
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: {
        AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: 14,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      },
    });
  });

  test('there is a group for each role the functions check', () => {
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map((g) => g.Properties.GroupName);
    expect(groups.sort()).toEqual([...roles].sort());
    expect(groups).toEqual(expect.arrayContaining(['admin', 'staff']));
  });

  test('hosted sign-in uses the prefix from cdk.json', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'llr-opcc-engagement' });
  });

  test('the staff console client is public, code flow only, and returns to /sign-in/callback', () => {
    const clients = Object.values(template.findResources('AWS::Cognito::UserPoolClient')).map((c) => c.Properties);
    expect(clients).toHaveLength(1);
    const client = clients[0]!;
    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(client.AllowedOAuthScopes.sort()).toEqual(['email', 'openid', 'profile']);
    expect(client.SupportedIdentityProviders).toEqual(['COGNITO']);
    expect(JSON.stringify(client.CallbackURLs)).toMatch(/"https:\/\/".*SiteDistribution.*DomainName.*"\/sign-in\/callback"/);
  });
});
