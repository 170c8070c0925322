/* Accessibility repairs for Dash 4 widgets, applied whenever the DOM changes (idempotent).
 *
 * - dcc.Slider: the thumb (role="slider") gets no accessible name from Dash; name it after the
 *   page's <label for="<slider id>">.
 * - dcc.Dropdown: the button is named only by its current value (aria-labelledby); prepend the
 *   <label for="<dropdown id>"> so screen readers say "Indicator, <value>". Dash puts an invisible,
 *   aria-hidden, tabbable <input> in front of the button that forwards focus to it (a focusable
 *   element hidden from assistive technology); make the button itself the tab stop instead.
 *   Once open with a value, Dash focuses the selected option, where letters do nothing: someone who
 *   clicks the picker and types sees no search. Letters typed anywhere in the open list go to its
 *   search box (as Dash already does for the closed button).
 * - dbc.Tabs without panes: remove aria-controls that point at no element.
 * - <html lang dir> and the tab title: client-side navigation does not reload the document, so keep
 *   the language in step with the header's current language link (the header is drawn in the
 *   page's language) and name the tab after the page's <h1> (WCAG 2.4.2), so screen-reader users
 *   hear where a link took them. The first load gets <html lang dir> from the server.
 * Served from /assets like the rest of the site (the CSP allows 'self' scripts only).
 */
(function () {
    "use strict";

    function labelId(forId) {
        if (!forId) return null;
        var label = document.querySelector('label[for="' + CSS.escape(forId) + '"]');
        if (!label) return null;
        if (!label.id) label.id = forId + "--label";
        return label.id;
    }

    function setAttr(el, name, value) {
        if (el.getAttribute(name) !== value) el.setAttribute(name, value);
    }

    function fixSliders() {
        document.querySelectorAll(".dash-slider-container[id], .dash-range-slider-container[id]").forEach(function (box) {
            var lid = labelId(box.id);
            box.querySelectorAll('[role="slider"], input.dash-range-slider-input').forEach(function (el) {
                if (lid && !el.hasAttribute("aria-label")) setAttr(el, "aria-labelledby", lid);
            });
        });
    }

    function fixDropdowns() {
        document.querySelectorAll("button.dash-dropdown[id]").forEach(function (btn) {
            var lid = labelId(btn.id);
            if (lid) {
                // The label first, then the parts Dash names it by in the order they are shown
                // (so the accessible name contains the visible text, WCAG 2.5.3).
                var parts = (btn.getAttribute("aria-labelledby") || "").split(/\s+/).filter(function (x) { return x && x !== lid; })
                    .map(function (x) { return document.getElementById(x); }).filter(Boolean);
                parts.sort(function (a, b) { return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1; });
                setAttr(btn, "aria-labelledby", [lid].concat(parts.map(function (e) { return e.id; })).join(" "));
            }
            var proxy = btn.previousElementSibling;
            if (proxy && proxy.classList.contains("dash-dropdown-focus-target")) {
                if (!btn.disabled) setAttr(btn, "tabindex", "0");
                setAttr(proxy, "tabindex", "-1");
            }
        });
    }

    // dbc.Tabs used as a switcher (content rendered elsewhere) points aria-controls at panes that
    // do not exist ("…-tabpane-null"): drop references to nothing.
    function fixTabs() {
        document.querySelectorAll('[role="tab"][aria-controls]').forEach(function (tab) {
            if (!document.getElementById(tab.getAttribute("aria-controls"))) tab.removeAttribute("aria-controls");
        });
    }

    var RTL_LANGS = ["ar"];

    function syncLangAndTitle() {
        var current = document.querySelector('#site-header .lang-link[aria-current="true"][lang]');
        if (current && document.documentElement.lang !== current.lang) document.documentElement.lang = current.lang;
        // Right-to-left scripts among the interface languages (dashboard/i18n.py RTL_LANGS).
        var rtl = current && RTL_LANGS.indexOf(current.lang) >= 0;
        if (rtl && document.documentElement.dir !== "rtl") document.documentElement.dir = "rtl";
        if (current && !rtl && document.documentElement.hasAttribute("dir")) document.documentElement.removeAttribute("dir");
        var h1 = document.querySelector("#page h1");
        var brand = document.querySelector("#site-header .navbar-brand");
        var t = h1 ? h1.textContent.trim() : "";
        var site = brand ? brand.textContent.trim() : "";
        if (t) {
            var title = site && site !== t ? t + " \u2013 " + site : t;
            if (document.title !== title) document.title = title;
        }
    }

    // Capture phase, before Dash's handlers: focus moves during keydown, so the browser inserts the
    // character into the search box. Space keeps choosing the focused option; shortcuts are left alone.
    function typeToSearch(e) {
        if (e.key.length !== 1 || e.key === " " || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
        var el = document.activeElement;
        var list = el && !el.matches("input.dash-dropdown-search") && el.closest(".dash-dropdown-content");
        var search = list && list.querySelector("input.dash-dropdown-search");
        if (search) search.focus();
    }

    var queued = false;
    function run() {
        queued = false;
        try { fixSliders(); fixDropdowns(); fixTabs(); syncLangAndTitle(); } catch (e) { /* never break the page */ }
    }
    function schedule() {
        if (!queued) { queued = true; Promise.resolve().then(run); }
    }
    function start() {
        document.addEventListener("keydown", typeToSearch, true);
        run();
        new MutationObserver(schedule).observe(document.body, {
            childList: true, subtree: true, characterData: true,
            attributes: true, attributeFilter: ["tabindex", "aria-labelledby", "aria-controls", "aria-current"],
        });
    }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
})();
