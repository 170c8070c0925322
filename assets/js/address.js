/* The address bar shows the address of what the page shows: when a page was opened at an address that
 * leaves parts out (e.g. /explore, with no indicator or year), its layout carries the complete query
 * string in the "page-canonical" store (dashboard/views/prerender.canonical_address) and this puts it in place with
 * history.replaceState, so Back does not return to an address that only moves forward again. Returned
 * as url.search/href so dcc.Location agrees with the address bar and pushes nothing. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    address: {
        canonical: function (search) {
            var same = window.dash_clientside.no_update;
            if (typeof search !== "string" || (search !== "" && search.charAt(0) !== "?") || search === window.location.search) return [same, same];
            window.history.replaceState(window.history.state, "", window.location.pathname + search + window.location.hash);
            return [search, window.location.href];
        }
    }
});
