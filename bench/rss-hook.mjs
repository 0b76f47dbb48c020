// Loaded with `node --import` by bench/cli.mjs: reports the process's peak memory on exit.
import { writeSync } from 'node:fs';
process.on('exit', () => writeSync(2, `\n[peak-rss-kb ${process.resourceUsage().maxRSS}]\n`));
