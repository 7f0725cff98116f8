/** Every test file runs with the platform composed from functions/capabilities.ts, as each Lambda is built with it. */
import { capabilities } from '../../functions/capabilities.js';
import { composePlatform } from '../../functions/core/platform.js';

composePlatform(capabilities);
