#!/usr/bin/env node
// The `hutong` command: TypeScript sources run through tsx, so there is no separate build step.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
