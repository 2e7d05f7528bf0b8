// Project pages are not prerendered: at ×1000 there would be 67,000 of them, hours of build. A project page is
// rendered in the browser from the site's fallback page (404.html, see svelte.config.js), its queries run by
// DuckDB-WASM like any filtered view; every link to it is a real <a href>, so it opens in a new tab as well.
export const prerender = false;
