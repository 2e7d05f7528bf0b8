// Merged by Evidence into its own SvelteKit configuration (it looks for this file in the project's root).
import adapter from '@sveltejs/adapter-static';

const config = {
	kit: {
		// 404.html is the app with no page in it: a static server answers any path it has no file for with it, and
		// the browser renders the page the path names. Pages that are not prerendered (one per project: see
		// pages/projects/[project]/+page.js) are opened this way.
		adapter: adapter({ strict: false, fallback: '404.html' }),
		prerender: {
			// The documents the pages cite (/documents/<document_id>/…) are written beside the site by
			// `budgetwh pages` after the SvelteKit build, so the prerender crawler, which follows every link, cannot
			// find them yet (it renders Evidence's error page in their place, which then fails to load its
			// metadata): only those misses are let through; any other broken link still fails the build.
			handleHttpError: ({ path, referrer, message }) => {
				const document = (p) => p?.startsWith('/documents/') && p !== '/documents/';
				if (document(path) || document(referrer)) return;
				throw new Error(message);
			},
			handleMissingId: 'ignore'
		}
	}
};

export default config;
