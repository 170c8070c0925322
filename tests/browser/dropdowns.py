"""Typing into Dash 4's dcc.Dropdown the way a person does: click, see the list open, type.

A click opens the list and, a frame later, Dash moves focus into it: to the selected option
when the dropdown has a value, else to the search box. Keys typed before that landed partly on
the button and partly on the option (CI once searched for "1.c.1" instead of "10.c.1"), so the
helper waits for focus to be inside the open list first, as a person would see it open.
"""

from __future__ import annotations

FOCUS_IN_OPEN_LIST = """sel => {
    const button = document.querySelector(sel), active = document.activeElement;
    return !!button && button.getAttribute('aria-expanded') === 'true' && !!active && !!active.closest('.dash-dropdown-content');
}"""


def type_in_dropdown(page, selector: str, text: str) -> None:
    """Open the dropdown, then type `text` key by key: it must all reach the list's search box."""
    page.click(selector)
    page.wait_for_function(FOCUS_IN_OPEN_LIST, arg=selector, timeout=10000)
    page.keyboard.type(text)
    typed = page.evaluate("() => document.activeElement.matches('input.dash-dropdown-search') ? document.activeElement.value : null")
    assert typed == text, f"the search box of {selector} holds {typed!r} after typing {text!r}"
