/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-imports -- test code: runs on Node, never inside n8n */
/**
 * CPU seconds (user + system) used so far by each process group of the queue stack (Linux /proc;
 * {} elsewhere): n8n main and workers with their task runners, postgres with its backends.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

export function cpuSeconds(
	services: Array<{ pid?: number; role: string; name?: string }>,
): Record<string, number> {
	const groups = new Map(services.map((s) => [s.pid, s.name ?? s.role]));
	const clock = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
	const ticks = clock.status === 0 && Number(clock.stdout) > 0 ? Number(clock.stdout) : 100;
	const totals: Record<string, number> = {};
	const pids = fs.existsSync('/proc') ? fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)) : [];
	for (const pid of pids) {
		let stat: string;
		try {
			stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		} catch {
			continue;
		}
		// After "pid (comm) ": state ppid pgrp session ... utime(11) stime(12) cutime(13) cstime(14).
		const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const name = groups.get(Number(f[2]));
		if (!name) continue;
		const sum = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
		totals[name] = (totals[name] || 0) + sum / ticks;
	}
	return totals;
}
