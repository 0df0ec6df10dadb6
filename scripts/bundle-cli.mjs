#!/usr/bin/env node
// Bundles the `vsctl` command into one ES module (dist/bin/vsctl.mjs) so that a start-up loads one
// file instead of ~50: scripts call vsctl once per command, and Node's module loading is most of
// its start-up cost. The schema is still read from schema/ beside the package at run time.
import { build } from 'esbuild'

await build({
  entryPoints: ['cli/vsctl.ts'],
  outfile: 'dist/bin/vsctl.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
})
