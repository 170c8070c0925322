"""Every page under the served Content-Security-Policy in real Chromium: no violation, no console error.

Pages are discovered (layouts.pages(), the simplest path each ROUTE accepts). A listener installed
before any script runs records every ``securitypolicyviolation`` event; the ``page`` fixture also
fails the test on any console error (Chromium logs refused scripts, styles and images there).
"""

from __future__ import annotations

import pytest

from tests.app.test_security_headers import page_paths

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
"""


@pytest.mark.parametrize("path", page_paths())
def test_page_works_under_the_csp(page, path):
    page.add_init_script(RECORD_VIOLATIONS)
    page.watch.expected.append("status of 404")  # pages that answer 404 for their simplest path (e.g. an unknown code)
    response = page.goto(page.base + path, wait_until="networkidle")
    assert response is not None
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector("#page > *", timeout=30000)
    page.wait_for_load_state("networkidle")
    # Exercise plotly's own inline styles/images where there is a graph: hover the first one.
    graphs = page.locator(".js-plotly-plot")
    if graphs.count():
        graphs.first.hover()
    violations = page.evaluate("window.__csp")
    assert violations == [], violations
    assert not [e for e in page.watch.console_errors if "Content Security Policy" in e], page.watch.console_errors


def test_the_policy_is_enforced_and_violations_are_seen(page):
    """Control: an injected inline script is refused and reported, so the check above can fail."""
    page.add_init_script(RECORD_VIOLATIONS)
    page.watch.expected.append("Content Security Policy")
    page.goto(page.base + "/about", wait_until="networkidle")
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.body.appendChild(s); }")
    page.wait_for_function("window.__csp.length > 0", timeout=5000)
    assert page.evaluate("window.__ran") is None
    assert any("script-src" in v for v in page.evaluate("window.__csp"))
