// The Vite configuration `budgetwh pages` builds the site with (`evidence build:strict --config
// ../../vite.budgetwh.config.js`, run in .evidence/template): Evidence's own configuration plus two things.
//
// 1. A hold point for `budgetwh build`. Compiling the site (the server bundle, then the browser bundle: most of the
//    site's build) does not read the data; only copying static/ (where the data's parquet files go) and prerendering
//    do. So the build starts this compile while dbt and the quality gate still work on the warehouse, and the
//    browser bundle's compile waits here, once every module is transformed and before anything is written, until
//    the file named by BUDGETWH_PAGES_HOLD exists: `go` when the data is in place, anything else is the reason to
//    stop. Without BUDGETWH_PAGES_HOLD (a build run by hand) nothing waits.
// 2. No compressed-size report: Vite gzips every chunk only to print its size (budgetwh compresses the finished
//    site itself, see compress_site in budgetwh/pages.py).
import fs from 'node:fs';
import base from './.evidence/template/vite.config.js';

const HOLD_FILE = process.env.BUDGETWH_PAGES_HOLD;
// The process that will release the hold: if it dies, nobody will, so stop rather than wait forever.
const HOLDER_PID = Number(process.env.BUDGETWH_PAGES_HOLDER_PID || 0);
const POLL_MS = 100;

const alive = (pid) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
};

const released = () =>
	new Promise((resolve, reject) => {
		const poll = () => {
			if (fs.existsSync(HOLD_FILE)) {
				const word = fs.readFileSync(HOLD_FILE, 'utf-8').trim();
				if (word === 'go') return resolve();
				return reject(new Error(`budgetwh stopped the site build: ${word}`));
			}
			if (HOLDER_PID && !alive(HOLDER_PID))
				return reject(new Error(`budgetwh (pid ${HOLDER_PID}) that held the site build is gone`));
			setTimeout(poll, POLL_MS);
		};
		poll();
	});

function holdForData() {
	let browserBundle = false;
	return {
		name: 'budgetwh-hold-for-data',
		configResolved(config) {
			browserBundle = !config.build.ssr;
		},
		async buildEnd(error) {
			if (!HOLD_FILE || !browserBundle || error) return;
			const started = Date.now();
			await released();
			console.log(`budgetwh: data in place after ${((Date.now() - started) / 1000).toFixed(1)} s of waiting`);
		}
	};
}

export default {
	...base,
	plugins: [...base.plugins, holdForData()],
	build: { ...base.build, reportCompressedSize: false }
};
