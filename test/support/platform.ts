/** Every test file runs with the platform's capabilities registered, as every Lambda does (see functions/capabilities.ts). */
import '../../functions/capabilities.js';
