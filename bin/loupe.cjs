#!/usr/bin/env node
// The `loupe` command. Runs the TypeScript sources through tsx, so there is no separate CLI build step.
'use strict';
require('tsx/cjs/api').register();
const { main } = require('../src/cli/main.ts');

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // A bug, not a user error: show the stack so it can be reported.
    console.error(error);
    process.exitCode = 1;
  },
);
