// Loaded with `node --import` by bench/cli.mjs: reports the process's peak memory and its CPU time
// (user + system, all threads) on exit.
import { writeSync } from 'node:fs';
process.on('exit', () => {
  const u = process.resourceUsage();
  writeSync(2, `\n[peak-rss-kb ${u.maxRSS}] [cpu-us ${u.userCPUTime + u.systemCPUTime}]\n`);
});
