#!/usr/bin/env node
// kataster on Node.js, with the WebAssembly core and no native binary:
//   node action/kataster.mjs check [PATH...] [--select ...] [--ignore ...] [--config FILE]
//        [--format human|json|concise|github|azure] [--strict-refs] [--known-entities FILE]
//        [--yaml-merge] [--no-follow-locations] [--no-color]
// Same flags, output and exit codes as the native `kataster check` (0 no error, 1 errors,
// 2 something could not be checked).
import { main } from './lib/cli.mjs';

process.exitCode = await main(process.argv.slice(2));
