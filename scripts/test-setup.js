// Run by `npm test` before the suite: the end-to-end tests drive real programs (tmux, sshd, ssh,
// ssh-keygen; useradd, runuser and mount for the second-user tests; a real xterm under Xvfb,
// driven by xdotool, for what tmux draws differently from real terminals). As root, whatever is missing
// is installed (apt-get, Debian and Ubuntu); otherwise the one command to run is printed and the
// tests do not start. Nothing is ever removed.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const PATHS = (process.env.PATH ?? '').split(path.delimiter).concat(['/usr/sbin', '/sbin', '/usr/local/sbin']);

/** Each program the tests run, and the Debian package that brings it. */
export const NEEDS = [
	{program: 'tmux', package: 'tmux'},
	{program: 'sshd', package: 'openssh-server'},
	{program: 'ssh', package: 'openssh-client'},
	{program: 'ssh-keygen', package: 'openssh-client'},
	{program: 'useradd', package: 'passwd'},
	{program: 'userdel', package: 'passwd'},
	{program: 'runuser', package: 'util-linux'},
	{program: 'mount', package: 'mount'},
	{program: 'Xvfb', package: 'xvfb'},
	{program: 'xterm', package: 'xterm'},
	{program: 'xdotool', package: 'xdotool'},
	{file: '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf', package: 'fonts-dejavu-core'},
];

const found = program => PATHS.some(dir => dir && fs.existsSync(path.join(dir, program)));

export function missingPackages() {
	const present = need => (need.program ? found(need.program) : fs.existsSync(need.file));
	return [...new Set(NEEDS.filter(need => !present(need)).map(need => need.package))];
}

function main() {
	const missing = missingPackages();
	if (missing.length === 0) return 0;
	const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
	if (process.getuid?.() !== 0) {
		console.error(`test setup: the end-to-end tests need ${missing.join(', ')}: run as root: ${command}`);
		return 1;
	}
	if (!found('apt-get')) {
		console.error(`test setup: the end-to-end tests need the packages ${missing.join(', ')}, and there is no apt-get here to install them`);
		return 1;
	}
	console.log(`test setup: installing ${missing.join(' ')}`);
	const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
	// Another apt-get (a second test run, unattended upgrades) may hold dpkg's lock: wait for it.
	const wait = ['-o', 'DPkg::Lock::Timeout=300'];
	for (const args of [['update', '-qq', ...wait], ['install', '-y', '-qq', '--no-install-recommends', ...wait, ...missing]]) {
		const result = spawnSync('apt-get', args, {env, stdio: ['ignore', 'ignore', 'inherit']});
		if (result.status !== 0) {
			console.error(`test setup: apt-get ${args[0]} failed (exit ${result.status ?? result.signal}): run ${command} by hand`);
			return 1;
		}
	}
	const still = missingPackages();
	if (still.length > 0) {
		console.error(`test setup: still missing after apt-get: ${still.join(', ')}`);
		return 1;
	}
	return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main();
