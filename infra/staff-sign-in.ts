/**
 * Staff accounts in Cognito. Residents never sign in; only staff, whose accounts an administrator
 * creates. The staff console signs people in through Cognito's hosted pages with the authorisation
 * code flow and PKCE (functions/site/signing-in.ts), so the app client is public (no secret).
 * Groups are the roles the functions check (functions/core/auth.ts).
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { roles, type Role } from '../functions/core/http/auth.js';

const roleDescriptions: Record<Role, string> = {
  staff: 'Staff: run meetings and see who has registered',
  admin: 'Administrators: everything staff can do, plus managing the service',
};

export interface StaffSignInProps {
  /** The site's origin, e.g. `https://d111.cloudfront.net`; sign-in returns to `/sign-in/callback` on it. */
  siteUrl: string;
  organisationName: string;
  cognitoDomainPrefix: string;
}

export class StaffSignIn extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  /** The token issuer, as in the tokens' `iss` claim. */
  readonly issuer: string;
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  readonly hostedSignInUrl: string;
  /** Checks the bearer token on API routes that need a role; the function then checks the group. */
  readonly authorizer: HttpJwtAuthorizer;

  constructor(scope: Construct, id: string, props: StaffSignInProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.userPool = new cognito.UserPool(this, 'StaffAccounts', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Staff see residents' personal data: an authenticator app is required, never SMS.
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Blocks sign-ins from compromised credentials and risky attempts (charged per active staff user).
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      userInvitation: {
        emailSubject: `Your staff account: ${props.organisationName}`,
        emailBody:
          `An account has been created for you on the ${props.organisationName} engagement service. ` +
          `Your username is {username} and your temporary password is {####} (valid for 3 days). ` +
          `Sign in at ${props.siteUrl}/staff. You will choose a new password and set up an authenticator app.`,
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const role of roles) {
      this.userPool.addGroup(`${role}Group`, { groupName: role, description: roleDescriptions[role] });
    }

    this.domain = this.userPool.addDomain('HostedSignIn', {
      cognitoDomain: { domainPrefix: props.cognitoDomainPrefix },
    });

    const callbackUrl = `${props.siteUrl}/sign-in/callback`;
    this.client = this.userPool.addClient('StaffConsole', {
      userPoolClientName: 'staff-console',
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [callbackUrl],
        logoutUrls: [`${props.siteUrl}/`],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });

    this.issuer = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
    const hostedPages = this.domain.baseUrl();
    this.authorizeUrl = `${hostedPages}/oauth2/authorize`;
    this.tokenUrl = `${hostedPages}/oauth2/token`;
    this.hostedSignInUrl = this.domain.signInUrl(this.client, { redirectUri: callbackUrl });
    this.authorizer = new HttpJwtAuthorizer('StaffToken', this.issuer, {
      authorizerName: 'staff-token',
      jwtAudience: [this.client.userPoolClientId],
    });
  }
}
