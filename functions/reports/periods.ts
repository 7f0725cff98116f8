/** The reporting periods live in core (capabilities file their period figures by quarter): see core/periods.ts. */
export * from '../core/periods.js';
