#!/usr/bin/env node
// The `silkwatch` executable. The code is TypeScript run through tsx's loader, so the command
// works right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
const code = await main(process.argv);
// Let pino flush, then leave with the code: open handles (a stray socket) must not keep us alive.
process.exitCode = code;
setTimeout(() => process.exit(code), 200).unref();
