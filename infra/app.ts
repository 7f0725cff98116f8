/**
 * The CDK app: `npx cdk synth` / `npx cdk deploy` run this (see cdk.json). It builds the static
 * assets first, so web/dist exists for the upload, and checks the stack against cdk-nag's
 * AWS Solutions rules: a finding (error or warning) that is neither fixed nor acknowledged with a
 * reason fails the synth.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadCapabilities } from '../functions/platform.js';
import { buildWeb, distDir } from '../web/build.js';
import { defineEngagementStack } from './engagement-app.js';

await buildWeb();

const app = new App();
defineEngagementStack(app, distDir, await loadCapabilities());
// Acknowledged findings are also written into the template's Metadata, so the reasons travel with it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }));
app.synth();
