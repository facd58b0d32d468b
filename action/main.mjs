// The GitHub Action (action.yml, `runs: using: node20`): checks the repository with the
// WebAssembly core, prints the findings to the log, emits annotations (GitHub workflow
// commands; Azure Pipelines logging commands when TF_BUILD is set), writes a step summary and
// sets the exit code by `fail-on`.
import { run } from './lib/action.mjs';

process.exitCode = await run();
