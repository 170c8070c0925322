/* 'Download image' links (dashboard/views/image_links.py) follow the view on screen: the page's controls
 * rewrite the address bar's query string, so a link takes it (without its own preset/scale) when it is
 * focused, hovered or activated, before the browser reads its href. */
(function () {
    function refresh(link) {
        var params = new URLSearchParams(window.location.search);
        params.delete("preset");
        params.delete("scale");
        var query = params.toString();
        link.setAttribute("href", link.getAttribute("data-image-path") + "?" + (query ? query + "&" : "") + link.getAttribute("data-image-params"));
    }
    ["focusin", "mouseover", "click", "contextmenu"].forEach(function (type) {
        document.addEventListener(type, function (event) {
            var link = event.target && event.target.closest ? event.target.closest("a.image-link") : null;
            if (link) refresh(link);
        }, true);
    });
})();
