"""Pure page views, below both ``layouts/`` (components) and ``callbacks/`` (Dash wiring).

One module per page with callbacks: the page's view model (URL state -> a typed view, ``from_query`` /
``to_query``) and the functions that compute what the page shows from it. Each such module declares
``VIEWS`` (``prerender.View``): ``callbacks/`` registers them, and the page's layout runs them on the
server for its first draw (``prerender.prerender``), so neither of the two imports the other.
"""
