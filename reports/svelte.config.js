// Merged by Evidence into its own SvelteKit configuration (it looks for this file in the project's root).
// The documents the pages cite (/documents/<document_id>/…) are written beside the site by `budgetwh pages` after
// the SvelteKit build, so the prerender crawler, which follows every link, cannot find them yet (it renders
// Evidence's error page in their place, which then fails to load its metadata): only those misses are let through;
// any other broken link still fails the build.
const config = {
	kit: {
		prerender: {
			handleHttpError: ({ path, referrer, message }) => {
				// the document itself, or what the error page rendered in its place fetches
				const document = (p) => p?.startsWith('/documents/') && p !== '/documents/';
				if (document(path) || document(referrer)) return;
				throw new Error(message);
			},
			handleMissingId: 'ignore'
		}
	}
};

export default config;
