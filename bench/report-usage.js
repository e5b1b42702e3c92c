"use strict";
// Preloaded (node -r) when GNU time is absent: the process reports its own peak RSS and CPU time at exit.
process.on("exit", () => {
  const u = process.resourceUsage();
  process.stderr.write(`\n@@measure ${JSON.stringify({ peakMB: u.maxRSS / 1024, cpuS: (u.userCPUTime + u.systemCPUTime) / 1e6 })}\n`);
});
